"""Alert e-mails reach a real SMTP server (aiosmtpd on 127.0.0.1), once each, even across restarts."""
from __future__ import annotations

import socket
import time
from datetime import timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import update

from moderator.act.notify import notify_step, plan
from moderator.db import transaction, utcnow
from moderator.tables import EscalationSeen, Notification
from moderator.tables import Account, Escalation
from tests.conftest import rows
from tests.conftest import comment_line
from tests.e2e.support import PUPIL, THREAT, add_cast


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def alert_settings(settings, smtp):
    controller, _ = smtp
    settings.smtp_host, settings.smtp_port = "127.0.0.1", controller.port
    settings.smtp_from = "moderator@oakfield.sch.uk"
    settings.console_base_url = "https://console.oakfield.sch.uk"
    settings.alert_digest_hour = 23  # keep digests out of these tests unless asked for
    settings.alert_deputies = {"dsl": ["deputy.dsl@oakfield.sch.uk"], "headteacher": ["deputy.head@oakfield.sch.uk"]}
    return settings


@pytest.fixture
def worker(make_worker, settings):
    """A worker whose own loop sends no e-mail, so these tests can drive notify_step step by step."""
    return make_worker(settings.model_copy(update={"smtp_host": ""}))


def test_the_worker_itself_e_mails_an_urgent_escalation_within_seconds(engine, alert_settings, make_worker, feed,
                                                                       smtp):
    _, inbox = smtp
    add_cast(engine)
    feed.add(comment_line("c1", PUPIL, author="bob"))
    make_worker(alert_settings).run_until_idle()
    # sent by the worker's own run, not held for the digest
    assert [(n.kind, n.status) for n in rows(engine, Notification)] == [("urgent", "sent")]
    messages = wait_for(inbox, 1)
    assert [to for to, _ in messages] == [["dsl@oakfield.sch.uk"]]


def wait_for(inbox: Inbox, count: int, seconds: float = 5.0) -> list:
    deadline = time.monotonic() + seconds
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return inbox.messages


def test_an_urgent_escalation_is_emailed_to_the_routes_people_at_once(engine, alert_settings, worker, feed, smtp):
    _, inbox = smtp
    add_cast(engine)
    feed.add(comment_line("c1", PUPIL, author="bob"))
    worker.run_until_idle()

    assert notify_step(engine, alert_settings)
    assert [(n.kind, n.status) for n in rows(engine, Notification)] == [("urgent", "sent")]  # in that one step
    messages = wait_for(inbox, 1)
    assert [to for to, _ in messages] == [["dsl@oakfield.sch.uk"]]  # the DSL, not the headteacher
    (_, msg), = messages
    assert msg["Subject"].startswith("Urgent: a comment needs review (Designated Safeguarding Lead")
    (esc,) = rows(engine, Escalation, Escalation.route == "dsl")
    body = msg.get_payload()
    assert f"https://console.oakfield.sch.uk/items/{esc.id}" in body
    assert "Alfie" not in body, "comment text (a pupil's name) must not leave the building by e-mail"
    (row,) = rows(engine, Notification)
    assert row.status == "sent" and row.sent_at is not None


def test_sending_is_idempotent_and_restart_safe(engine, alert_settings, worker, feed, smtp):
    _, inbox = smtp
    add_cast(engine)
    feed.add(comment_line("c1", THREAT, author="mallory"))
    worker.run_until_idle()
    # A threat goes to the headteacher's route (headteacher, office) and to police review (headteacher,
    # DSL): one e-mail each, the headteacher's not twice.
    assert plan(engine, alert_settings) == 3
    assert plan(engine, alert_settings) == 0  # planning again queues nothing new
    # A worker claimed the e-mail and died before sending: once its lease runs out another sends it.
    with transaction(engine) as session:
        session.execute(update(Notification).values(status="sending", claimed_until=utcnow() - timedelta(seconds=1)))
    notify_step(engine, alert_settings)
    notify_step(engine, alert_settings)
    assert len(wait_for(inbox, 3)) == 3
    assert sorted(to for to, _ in inbox.messages) == [["dsl@oakfield.sch.uk"], ["head@oakfield.sch.uk"],
                                                      ["office@oakfield.sch.uk"]]
    assert {n.status for n in rows(engine, Notification)} == {"sent"}


def test_a_deputy_is_reminded_when_nobody_opens_an_urgent_item(engine, alert_settings, worker, feed, smtp):
    _, inbox = smtp
    feed.add(comment_line("c1", PUPIL, author="bob"), comment_line("c2", THREAT, author="mallory"))
    worker.run_until_idle()
    (pupil,) = rows(engine, Escalation, Escalation.route == "dsl")
    (head,) = rows(engine, Escalation, Escalation.route == "headteacher")
    add_cast(engine)
    with transaction(engine) as session:  # the headteacher opened hers; nobody opened the DSL's
        from moderator.tables import User
        from sqlmodel import select
        helen = session.exec(select(User).where(User.username == "helen")).one()
        session.add(EscalationSeen(escalation_id=head.id, user_id=helen.id))
    later = utcnow() + timedelta(minutes=alert_settings.alert_reminder_minutes + 1)
    plan(engine, alert_settings, now=later)
    reminders = rows(engine, Notification, Notification.kind == "reminder")
    assert [(r.recipient, r.escalation_id) for r in reminders] == [("deputy.dsl@oakfield.sch.uk", pupil.id)]


def test_a_daily_digest_and_a_disabled_account_are_emailed(engine, alert_settings, worker, feed, smtp):
    _, inbox = smtp
    add_cast(engine)
    feed.add(comment_line("c1", "You are a f***ing idiot and a disgrace, shut up", author="bob"))
    worker.run_until_idle()
    with transaction(engine) as session:
        session.execute(update(Account).values(status="disabled", status_reason="the page token was revoked"))
    alert_settings.alert_digest_hour = 0
    notify_step(engine, alert_settings)
    kinds = sorted((n.kind, n.recipient) for n in rows(engine, Notification))
    assert ("digest", "head@oakfield.sch.uk") in kinds and ("account", "head@oakfield.sch.uk") in kinds
    assert ("digest", "dsl@oakfield.sch.uk") not in kinds  # nothing of hers is waiting
    subjects = [m["Subject"] for _, m in wait_for(inbox, len(kinds))]
    assert any("stopped using oakfield-facebook" in s for s in subjects)
    plan(engine, alert_settings)
    assert len(rows(engine, Notification)) == len(kinds), "one digest a day, one alert a day per problem"


def test_without_an_smtp_host_nothing_is_planned(engine, settings):
    assert settings.smtp_host == ""
    assert notify_step(engine, settings) is False
