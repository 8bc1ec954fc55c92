"""Alert e-mails: urgent escalations at once, a reminder to deputies when nobody opens an urgent item,
a daily digest of the rest, and account problems.

Two halves, like the action outbox. ``plan`` writes one Notification row per e-mail with a unique
key (``urgent:<escalation id>:<address>`` ...), so planning twice, or in two workers, sends once.
``send_due`` claims pending rows with a conditional UPDATE and a lease, sends over SMTP with no
transaction open, then marks them sent; a worker that dies mid-send leaves a row another worker
re-claims once the lease runs out. Sending is therefore at least once: the Message-ID is derived
from the key, so a repeat after a crash is recognisably the same message. E-mails never contain
comment text, only what kind of item it is and a link to the console.
"""
from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from moderator import audit
from moderator.act import review
from moderator.db import transaction, utcnow
from moderator.judge import explain
from moderator.people import access
from moderator.settings import Settings
from moderator.tables import Account, Decision, Escalation, EscalationSeen, Notification, School, User
from moderator.vocab import OPEN_ESCALATION_STATES as OPEN_STATES, ROLE_ROUTES, Role, route_name

log = logging.getLogger("moderator.act.notify")

LEASE_SECONDS = 120
BATCH = 50
# Items older than this when alerts are first switched on are left to the digest, not sent as urgent.
URGENT_LOOKBACK = timedelta(days=2)


def notify_step(engine: Engine, settings: Settings) -> bool:
    """One step for the worker loop: plan what is due, send what is pending. True if it did work."""
    if not settings.smtp_host:
        return False
    planned = plan(engine, settings)
    sent = send_due(engine, settings)
    return bool(planned or sent)


# -- planning -----------------------------------------------------------------------------------

def _recipients(session: Session, esc: Escalation) -> list[User]:
    """Everyone who may open this item, by moderator/act/review.py's rule (so never the headteacher for a
    comment that also went to the chair of governors, and the chair for each item of such a comment)."""
    roles = [role for role, routes in ROLE_ROUTES.items() if esc.route in routes] + list(access.MATTER_OWNERS)
    users = session.exec(select(User).where(col(User.role).in_(roles), User.is_active == True,  # noqa: E712
                                            col(User.email).is_not(None))).all()
    return [u for u in users if u.email and access.can_see_escalation(session, u, esc.id)]


def _deputies(session: Session, settings: Settings, esc: Escalation) -> list[str]:
    """The route's deputies, less any address of a person who may not see this item."""
    addresses = settings.alert_deputies.get(esc.route, [])
    people = session.exec(select(User).where(func.lower(User.email).in_([a.lower() for a in addresses] or [""]))).all()
    barred = {u.email.lower() for u in people if not access.can_see_escalation(session, u, esc.id)}
    return [a for a in addresses if a.lower() not in barred]


def _queue(session: Session, key: str, kind: str, recipient: str, subject: str, body: str,
           escalation_id: int | None = None) -> bool:
    if session.exec(select(Notification.id).where(Notification.key == key)).first() is not None:
        return False
    try:
        with session.begin_nested():  # another worker may plan the same e-mail at the same moment
            session.add(Notification(key=key[:200], kind=kind, recipient=recipient, subject=subject[:300], body=body,
                                     escalation_id=escalation_id))
            session.flush()
    except IntegrityError:
        return False
    return True


def _link(settings: Settings, path: str) -> str:
    return settings.console_base_url.rstrip("/") + path


def _signals(session: Session, esc: Escalation) -> str:
    """Why, in one line, from the decision's stored explanation (never today's policy file)."""
    decision = session.get(Decision, esc.decision_id) if esc.decision_id else None
    return explain.reason_line(decision, esc.reason or "", route=esc.route)


def plan(engine: Engine, settings: Settings, *, now: datetime | None = None) -> int:
    """Queue every e-mail that is due now. Idempotent. Returns how many were queued."""
    now = now or utcnow()
    queued = 0
    with transaction(engine) as session:
        schools = {s.id: s.name for s in session.exec(select(School)).all()}
        urgent = session.exec(select(Escalation).where(col(Escalation.state).in_(OPEN_STATES),
                                                       Escalation.priority == "urgent")
                              .order_by(col(Escalation.id))).all()
        seen = set(session.exec(select(EscalationSeen.escalation_id)).all())
        for esc in urgent:
            route = route_name(esc.route)
            school = schools.get(esc.school_id, "")
            what = _signals(session, esc)
            if esc.created_at >= now - URGENT_LOOKBACK:
                for user in _recipients(session, esc):
                    # One e-mail per comment and person, though it may be in several of their routes.
                    queued += _queue(
                        session, f"urgent:c{esc.comment_id}:{user.email.lower()}", "urgent", user.email,
                        f"Urgent: a comment needs review ({route}, {school})",
                        f"Dear {user.display_name},\n\nThe moderation service hid a comment on {school}'s social "
                        f"media and needs a person to review it urgently.\n\nWhy: {what}\nFor: {route}\n\n"
                        f"Review it here: {_link(settings, f'/items/{esc.id}')}\n\n"
                        "The comment itself is not included in this e-mail; sign in to the console to read it.\n",
                        esc.id)
            overdue = esc.created_at <= now - timedelta(minutes=settings.alert_reminder_minutes)
            if overdue and esc.id not in seen:
                for address in _deputies(session, settings, esc):
                    queued += _queue(
                        session, f"reminder:{esc.id}:{address.lower()}", "reminder", address,
                        f"Reminder: an urgent item has not been opened ({route}, {school})",
                        f"An urgent item for {route} at {school} has waited more than "
                        f"{settings.alert_reminder_minutes:g} minutes and nobody has opened it yet.\n\nWhy: {what}\n\n"
                        f"Review it here: {_link(settings, f'/items/{esc.id}')}\n", esc.id)
        if now.hour >= settings.alert_digest_hour:
            queued += _plan_digests(session, settings, now, schools)
        queued += _plan_account_alerts(session, settings, now)
        if queued:
            audit.record(session, "notify.planned", data={"count": queued})
    return queued


def _plan_digests(session: Session, settings: Settings, now: datetime, schools: dict[int, str]) -> int:
    day = now.date().isoformat()
    queued = 0
    waiting = session.exec(select(Escalation).where(col(Escalation.state).in_(OPEN_STATES),
                                                    Escalation.priority != "urgent")).all()
    users = session.exec(select(User).where(User.is_active == True, col(User.email).is_not(None))).all()  # noqa: E712
    for user in users:
        if not access.routes_for(user):
            continue
        visible = set(session.exec(select(Escalation.id).where(col(Escalation.state).in_(OPEN_STATES),
                                                               access.escalation_visible(user))).all())
        mine = [e for e in waiting if e.id in visible]
        if not mine:
            continue
        lines = [f"- {route_name(e.route)}, {schools.get(e.school_id, '')}: {_signals(session, e)} "
                 f"({_link(settings, f'/items/{e.id}')})" for e in sorted(mine, key=lambda e: e.created_at)[:50]]
        queued += _queue(session, f"digest:{day}:{user.email.lower()}", "digest", user.email,
                         f"Daily digest: {len(mine)} item{'s' if len(mine) != 1 else ''} waiting for review",
                         f"Dear {user.display_name},\n\nThese items are waiting for review:\n\n" + "\n".join(lines)
                         + f"\n\nThe queue: {_link(settings, '/queue')}\n")
    return queued


def _plan_account_alerts(session: Session, settings: Settings, now: datetime) -> int:
    queued = 0
    problems = session.exec(select(Account).where(col(Account.status).in_(("disabled", "paused")))).all()
    for account in problems:
        heads = [u for u in session.exec(select(User).where(User.role == Role.HEADTEACHER, User.is_active == True,  # noqa: E712
                                                            col(User.email).is_not(None))).all()
                 if u.school_id in (None, account.school_id)]
        addresses = {u.email for u in heads} | set(settings.alert_deputies.get("accounts", []))
        if account.status == "disabled":
            subject = f"Action needed: the service has stopped using {account.handle}"
            body = (f"The moderation service stopped using the account {account.handle} ({account.platform}) "
                    f"because: {account.status_reason or 'unknown'}.\n\nNew comments on it are not being checked "
                    f"until someone fixes the account and restarts the service.\n\nStatus: {_link(settings, '/status')}\n")
        else:
            subject = f"Paused: {account.handle} is waiting for the platform"
            body = (f"The platform asked the service to slow down; {account.handle} will be read again at "
                    f"{account.paused_until:%H:%M UTC} if nothing else is wrong.\n\nStatus: {_link(settings, '/status')}\n")
        for address in sorted(a for a in addresses if a):
            queued += _queue(session, f"account:{account.id}:{account.status}:{now.date().isoformat()}:{address.lower()}",
                             "account", address, subject, body)
    return queued


# -- sending ------------------------------------------------------------------------------------

def _claimable(now: datetime):
    return or_(and_(Notification.status == "pending", Notification.next_attempt_at <= now),
               and_(Notification.status == "sending", Notification.claimed_until < now))


def send_due(engine: Engine, settings: Settings) -> int:
    """Send pending e-mails. Returns how many were sent."""
    now = utcnow()
    with Session(engine) as session:
        ids = session.exec(select(Notification.id).where(_claimable(now)).order_by(col(Notification.id))
                           .limit(BATCH)).all()
    sent = 0
    for nid in ids:
        with transaction(engine) as session:
            n = session.execute(update(Notification).where(Notification.id == nid, _claimable(now))
                                .values(status="sending", attempts=Notification.attempts + 1,
                                        claimed_until=now + timedelta(seconds=LEASE_SECONDS))).rowcount
            if n != 1:  # another worker got there first
                continue
            row = session.get(Notification, nid)
            message = _message(settings, row)
            attempts, recipient, kind = row.attempts, row.recipient, row.kind
        try:
            _send(settings, message)
        except (OSError, smtplib.SMTPException) as exc:
            _failed(engine, settings, nid, attempts, exc)
            continue
        with transaction(engine) as session:
            session.execute(update(Notification).where(Notification.id == nid)
                            .values(status="sent", sent_at=utcnow(), claimed_until=None, last_error=None))
            audit.record(session, "notify.sent", subject_type="notification", subject_id=nid,
                         data={"kind": kind, "to": recipient})
        sent += 1
    return sent


def _message(settings: Settings, row: Notification) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.smtp_from
    msg["To"] = row.recipient
    msg["Subject"] = row.subject
    msg["Date"] = formatdate(localtime=False)
    domain = settings.smtp_from.rpartition("@")[2] or "localhost"
    msg["Message-ID"] = f"<{hashlib.sha256(row.key.encode()).hexdigest()[:32]}@{domain}>"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(row.body)
    return msg


def _send(settings: Settings, message: EmailMessage) -> None:
    # Name ourselves after the sender's domain: the default asks DNS for this host's name, which can hang.
    local = settings.smtp_from.rpartition("@")[2] or "localhost"
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, local_hostname=local, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value() if settings.smtp_password else "")
        smtp.send_message(message)


def _failed(engine: Engine, settings: Settings, nid: int, attempts: int, exc: Exception) -> None:
    give_up = attempts >= settings.alert_max_attempts
    delay = min(3600.0, 30.0 * (2 ** max(0, attempts - 1)))
    with transaction(engine) as session:
        session.execute(update(Notification).where(Notification.id == nid).values(
            status="failed" if give_up else "pending", claimed_until=None, last_error=str(exc)[:2000],
            next_attempt_at=utcnow() + timedelta(seconds=delay)))
        audit.record(session, "notify.failed" if give_up else "notify.retry_scheduled", subject_type="notification",
                     subject_id=nid, data={"error": str(exc)[:300], "attempts": attempts})
    log.warning("alert e-mail failed", extra={"notification_id": nid, "error": str(exc)[:300], "will_retry": not give_up})
