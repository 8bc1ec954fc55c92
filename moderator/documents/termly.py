"""The governors' termly report: counts, kinds of problem and decision, review times, referrals and
the accounts' uptime for a period (PDF). It names no pupil and quotes no comment or reviewer."""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import func
from sqlmodel import Session, col, select

from moderator import audit, words
from moderator.db import utcnow
from moderator.documents.pdf import SMALL, Doc, when
from moderator.tables import Account, AuditEvent, Comment, Decision, Escalation, Referral, School
from moderator.vocab import DecisionKind, route_name

@dataclass
class Termly:
    """The figures of the termly report (no names, no comment text)."""

    school: str
    since: datetime
    until: datetime
    seen_by_platform: Counter = field(default_factory=Counter)
    flagged_by_platform: Counter = field(default_factory=Counter)
    hidden_by_platform: Counter = field(default_factory=Counter)
    by_signal: Counter = field(default_factory=Counter)
    by_route: Counter = field(default_factory=Counter)
    review_hours: list[float] = field(default_factory=list)
    awaiting_review: int = 0
    overturned: int = 0
    overturned_by_signal: Counter = field(default_factory=Counter)
    referrals: Counter = field(default_factory=Counter)
    not_referred: Counter = field(default_factory=Counter)  # outcome kind -> how many (no reviewer's words)
    uptime: dict[str, float] = field(default_factory=dict)  # account handle -> percent
    downtime_events: Counter = field(default_factory=Counter)


def termly_figures(session: Session, school_id: int, since: datetime, until: datetime) -> Termly:
    """The counts for comments posted (or, without a platform time, first seen) in [since, until).
    Structured fields only (counts, kinds of problem, routes, decision and referral kinds, times): no
    reviewer's free text, which may quote a comment or name a child no roster knows."""
    school = session.get(School, school_id)
    figures = Termly(school=school.name, since=since, until=until)
    posted = func.coalesce(Comment.created_at, Comment.fetched_at)
    comments = {c.id: c for c in session.exec(select(Comment).where(
        Comment.school_id == school_id, posted >= since, posted < until))}
    ids = list(comments)
    decisions: dict[int, list[Decision]] = {i: [] for i in ids}
    escalations: dict[int, list[Escalation]] = {i: [] for i in ids}
    referrals: list[Referral] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for d in session.exec(select(Decision).where(col(Decision.comment_id).in_(chunk))
                              .order_by(col(Decision.created_at), col(Decision.id))):
            decisions[d.comment_id].append(d)
        for e in session.exec(select(Escalation).where(col(Escalation.comment_id).in_(chunk))):
            escalations[e.comment_id].append(e)
        referrals += list(session.exec(select(Referral).where(col(Referral.comment_id).in_(chunk))))
    from moderator.act import outbox

    states = outbox.platform_states(session, ids) if ids else {}
    for cid, c in comments.items():
        figures.seen_by_platform[c.platform] += 1
        auto = [d for d in decisions[cid] if d.kind == DecisionKind.AUTOMATIC and d.rules]
        human = [d for d in decisions[cid] if d.kind == DecisionKind.HUMAN]
        if auto:
            figures.flagged_by_platform[c.platform] += 1
            figures.by_signal.update(auto[-1].signals or auto[-1].rules)
        if states.get(cid) and states[cid].hidden:
            figures.hidden_by_platform[c.platform] += 1
        reviewed = [e for e in escalations[cid] if e.route != "register"]
        figures.by_route.update(e.route for e in escalations[cid])
        if reviewed:
            first_esc = min(_aware(e.created_at) for e in reviewed)
            if human:
                figures.review_hours.append(max(0.0, (_aware(human[0].created_at) - first_esc).total_seconds() / 3600))
            else:
                figures.awaiting_review += 1
        if any(d.action == "hide" and not d.shadow for d in auto) and any(d.action == "unhide" for d in human):
            figures.overturned += 1
            figures.overturned_by_signal.update(auto[-1].signals or auto[-1].rules)
    for r in referrals:
        figures.referrals[r.kind] += 1
        if r.kind in ("no_police", "none"):
            figures.not_referred[r.kind] += 1
    figures.uptime, figures.downtime_events = _uptime(session, school_id, since, until)
    return figures


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _uptime(session: Session, school_id: int, since: datetime, until: datetime) -> tuple[dict[str, float], Counter]:
    """Percent of the period each account was able to work: from its account.paused / account.disabled
    / account.enabled audit events. A pause ends at its ``until`` (or the next event), a disabling
    at the next account.enabled. Time before the account existed is not counted."""
    since, until = _aware(since), _aware(until)
    out, stops = {}, Counter()
    for account in session.exec(select(Account).where(Account.school_id == school_id).order_by(col(Account.handle))):
        start = max(since, _aware(account.created_at))
        if start >= until:
            continue
        events = list(session.exec(select(AuditEvent).where(
            AuditEvent.subject_type == "account", AuditEvent.subject_id == account.id,
            col(AuditEvent.action).in_(("account.paused", "account.disabled", "account.enabled")))
            .order_by(col(AuditEvent.seq))))
        down: list[tuple[datetime, datetime]] = []
        for i, event in enumerate(events):
            if event.action == "account.enabled":
                continue
            begin = _aware(event.at)
            end = _aware(events[i + 1].at) if i + 1 < len(events) else until
            if event.action == "account.paused" and event.data.get("until"):
                try:
                    end = min(end, _aware(datetime.fromisoformat(event.data["until"])))
                except ValueError:
                    pass
            lo, hi = max(begin, start), min(end, until)
            if hi > lo:
                down.append((lo, hi))
                stops[event.action.split(".")[1]] += 1
        lost = sum((hi - lo).total_seconds() for lo, hi in down)
        total = (until - start).total_seconds()
        out[account.handle] = round(100.0 * (1 - lost / total), 2) if total > 0 else 100.0
    return out, stops


def _span(hours: float) -> str:
    if hours < 1:
        return f"{hours * 60:.0f} minutes"
    return f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"


def termly_report(session: Session, *, school: str, since: datetime, until: datetime,
                  now: datetime | None = None) -> bytes:
    """The governors' termly report as PDF bytes. It names no pupil and quotes no comment or reviewer:
    counts, kinds of problem and decision, and dates only (termly_figures)."""
    found = session.exec(select(School).where(School.slug == school)).first()
    if found is None:
        raise LookupError(f"there is no school {school!r}")
    since, until = _aware(since), _aware(until)
    f = termly_figures(session, found.id, since, until)
    head = audit.head_text(session)
    doc = Doc(f"Termly report, {found.name}", head)
    doc.title_block("Social media moderation: report to governors",
                    f"{found.name}: comments posted from {when(since)} up to (not including) {when(until)}. "
                    f"Made {when(now or utcnow())}.")
    doc.para("This report gives numbers only. It names no pupil and quotes no comment and no reviewer's words: "
             "each case's reasons are in the school's records.", size=SMALL + 1)
    doc.field("Audit chain head when this report was made", head)

    doc.h2("Comments")
    seen, flagged, hidden = (sum(x.values()) for x in (f.seen_by_platform, f.flagged_by_platform, f.hidden_by_platform))
    doc.field("Comments seen", f"{seen}")
    doc.field("Against the policy (hidden, or recorded)", f"{flagged}")
    doc.field("Hidden on the platform now", f"{hidden}")
    doc.bars("Comments seen, by platform", sorted((words.platform_name(k), n) for k, n in f.seen_by_platform.items()))
    doc.bars("Against the policy, by platform",
             sorted((words.platform_name(k), n) for k, n in f.flagged_by_platform.items()))
    doc.bars("Against the policy, by kind of problem", words.most_first(f.by_signal, 20))
    doc.bars("Sent for review, by route", [(route_name(r), n) for r, n in words.most_first(f.by_route)])

    doc.h2("Review")
    if f.review_hours:
        hours = sorted(f.review_hours)
        p90 = hours[min(len(hours) - 1, int(round(0.9 * (len(hours) - 1))))]
        doc.field("Time to first review (from the item reaching a reviewer to their first decision)",
                  f"median {_span(statistics.median(hours))}; 90% within {_span(p90)}; longest "
                  f"{_span(hours[-1])}; {len(hours)} item(s) reviewed")
        buckets = Counter("under 1 hour" if h < 1 else "1 to 24 hours" if h < 24 else "1 to 7 days" if h < 168
                          else "over 7 days" for h in hours)
        doc.bars("Time to first review", [(k, buckets[k]) for k in ("under 1 hour", "1 to 24 hours", "1 to 7 days",
                                                                    "over 7 days")])
    else:
        doc.field("Time to first review", "no item was reviewed in this period")
    doc.field("Still waiting for a first review", f"{f.awaiting_review}")
    doc.field("Automatic decisions overturned (a comment the service hid, restored by a person)",
              f"{f.overturned}" + (f" of {flagged}" if flagged else ""))
    if f.overturned_by_signal:
        doc.bars("Overturned, by kind of problem", words.most_first(f.overturned_by_signal, 10))

    doc.h2("Referrals")
    doc.bars("Referrals recorded", [(words.referral_name(k), n) for k, n in words.most_first(f.referrals)])
    doc.bars("No referral made, by kind", [(words.referral_name(k), n) for k, n in words.most_first(f.not_referred)])

    doc.h2("Accounts' uptime")
    doc.para("The share of the period each account could work (read comments and act). It is measured from the "
             "audit log: an account is down from an account.paused event until the pause's end (or the next "
             "event), and from an account.disabled event until someone re-enables it (account.enabled). Time "
             "before the account was added does not count. Rate-limit waits of seconds are not counted as down.",
             size=SMALL + 1)
    doc.bars("Uptime (percent of the period)", sorted(f.uptime.items()), unit="%")
    if f.downtime_events:
        doc.field("Interruptions", ", ".join(f"{n} {k}" for k, n in sorted(f.downtime_events.items())))
    return doc.pdf_bytes()
