"""The incident report for one case: an "inappropriate content report form", with the evidence and
the whole history (PDF)."""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from sqlmodel import Session

from moderator import audit, words
from moderator.db import utcnow
from moderator.documents.evidence import case_events, load_visible, people
from moderator.documents.pdf import SMALL, Doc, when
from moderator.judge import explain
from moderator.record import case as cases
from moderator.tables import User
from moderator.vocab import route_name

def incident_report(session: Session, comment_id: int, *, staff_name: str = "",
                    reader: User | None = None, now: datetime | None = None) -> bytes:
    """The incident report for one case as PDF bytes. ``staff_name``: who submits it (left as a line
    to fill in when empty). ``reader``: the person it is made for
    (it holds only what they may see; None: the whole record)."""
    case = load_visible(session, comment_id, reader)
    return incident_pdf(session, case, staff_name=staff_name, head=audit.head_text(session), now=now or utcnow())


def incident_pdf(session: Session, case: cases.Case, *, staff_name: str, head: str, now: datetime) -> bytes:
    c, auto = case.comment, case.automatic
    who = people(session, [d.decided_by for d in case.decisions] + [r.recorded_by for r in case.referrals]
                  + [a.requested_by for a in case.actions])
    person = lambda u: who.get(u, u)  # noqa: E731
    doc = Doc(f"Incident report, case {c.id}", head)
    doc.title_block("Inappropriate content report",
                    f"{case.school.name}. Inappropriate content report form, for case "
                    f"{c.id}: a comment on {words.platform_name(c.platform)} ({case.account.handle}). Made {when(now)}.")
    doc.field("Audit chain head when this report was made (check: moderator audit verify --expect SEQ:HASH)", head)

    doc.h2("Report")
    if staff_name:
        doc.field("Staff name (submitting report)", staff_name)
    else:
        doc.blank_line("Staff name (submitting report):")
    author = case.author
    doc.field("Name of individual posting the content (if known)",
              "not known" if author is None else
              f"{author.name or '(no name given)'}" + (f" (@{author.username})" if author.username else "")
              + f", {author.platform} id {author.external_id}")
    doc.field("Date", f"posted {when(c.created_at)}; first seen by the service {when(c.fetched_at)}")
    doc.field("Where it was posted", f"{words.platform_name(c.platform)}, account {case.account.handle}"
              + (f", post {c.post_external_id}" if c.post_external_id else "")
              + (f", in reply to {c.parent_external_id}" if c.parent_external_id else ""))
    doc.field("Full URL(s)", c.permalink or "none recorded")
    nature = (", ".join(auto.signals) if auto and auto.signals else "no rule of the policy matched")
    doc.field("Nature of inappropriate content", nature + (
        "\n" + "\n".join(explain.lines(auto)) if auto and explain.lines(auto) else ""))
    doc.field("Action taken", _action_taken(case, person))
    doc.field("Final state on the platform", case.platform.label)
    doc.ln(2)
    doc.blank_line("Staff name:")
    doc.blank_line("Date:")
    doc.blank_line("Signature:")

    doc.h2("Evidence: the comment as first seen")
    doc.quote(c.text)
    doc.field("SHA-256 of the full text", c.text_sha256)
    doc.field("Size as received", f"{c.text_bytes:,} bytes" + (f"; flags: {', '.join(c.flags)}" if c.flags else ""))
    doc.field("Permalink", c.permalink or "none recorded")
    doc.field("Platform comment id", c.external_id)
    doc.field("Posted (platform's time)", when(c.created_at))
    doc.field("First seen by the service", when(c.fetched_at))
    if c.attachments:
        doc.field("Attachments", "; ".join(f"{a.get('type', '?')}: {a.get('url', '')}" for a in c.attachments
                                          if isinstance(a, dict)))
    for rev in case.revisions:
        if rev.kind == "edit":
            doc.h3(f"Edited by the author (revision {rev.revision}), seen {when(rev.seen_at)}")
            doc.quote(rev.text or "")
            doc.field("SHA-256 of the edited text", rev.text_sha256)
        else:
            doc.h3(f"Removed by the author, seen {when(rev.seen_at)}")

    doc.h2("The service's automatic decision")
    if auto is None:
        doc.para("The service has not decided on this comment yet.")
    else:
        verb = words.service_did(auto.action, auto.shadow, nothing_done=True)
        doc.field("Decision", f"{when(auto.created_at)}: the service {verb}")
        doc.field("Sent to", ", ".join(route_name(r) for r in auto.routes) or "nobody (register only)")
        doc.field("Priority", auto.priority or "-")
        doc.field("Why (stored with the decision)", "\n".join(explain.lines(auto)) or "-")
        doc.field("Rules", ", ".join(auto.rules) or "-")
        for clause in auto.clauses or []:
            doc.field(f"Policy clause {clause.get('id', '')} ({clause.get('document', '')}, {clause.get('section', '')})",
                      f"\"{clause.get('quote', '')}\"")
        doc.field("Policy", f"{auto.policy_name or '-'}, version {auto.policy_version or '-'}")
        doc.field("Model", f"{auto.classifier or '-'}, version {auto.classifier_version or '-'}")
        doc.field("Scores (threshold)", "\n".join(score_lines(auto.scores, auto.thresholds)))

    doc.h2("Review by people")
    for e in case.escalations:
        doc.bullet(f"{route_name(e.route)}: {e.priority}, opened {when(e.created_at)}, now {e.state}")
    transitions = [e for e in case_events(session, case) if e.action == "escalation.transition"]
    routes = {e.id: e.route for e in case.escalations}
    if transitions:
        doc.h3("Changes of the review items' state")
        for e in transitions:
            doc.bullet(f"{when(e.at)}: {route_name(routes.get(e.subject_id, '?'))} item "
                       f"{e.data.get('from')} -> {e.data.get('to')} by {person(e.actor)}: {e.data.get('reason') or ''}")
    if not case.human:
        doc.para("No person has decided on this comment yet.")
    for d in case.human:
        doc.h3(f"{when(d.created_at)}: {d.action.replace('_', ' ')}")
        doc.field("Who", person(d.decided_by))
        doc.field("On the route", ", ".join(route_name(r) for r in d.routes) or "-")
        doc.field("Why", d.reason or "-")

    doc.h2("Referrals")
    if not case.referrals:
        doc.para("None recorded.")
    for r in case.referrals:
        doc.h3(f"{when(r.created_at)}: {words.referral_name(r.kind)}")
        doc.field("Reference", r.reference or "-")
        doc.field("Officer or contact", r.contact or "-")
        doc.field("Date referred", r.referred_on or "-")
        doc.field("Recorded by", person(r.recorded_by))
        reason = next((d.reason for d in case.decisions if d.id == r.decision_id), None)
        if reason:
            doc.field("Why", reason)

    doc.h2("Platform actions")
    if not case.actions:
        doc.para("None.")
    for a in case.actions:
        doc.bullet(f"{a.kind}: asked by {person(a.requested_by)} {when(a.created_at)}; {a.status}"
                   + (f" {when(a.done_at)}" if a.done_at else "") + f" after {a.attempts} attempt(s)"
                   + (f"; last error: {a.last_error}" if a.last_error else ""))
    doc.field("Final state on the platform", case.platform.label)

    doc.h2("E-mail alerts")
    if not case.alerts:
        doc.para("None.")
    for n in case.alerts:
        doc.bullet(f"{n.kind} to {n.recipient}: {n.status}" + (f" {when(n.sent_at)}" if n.sent_at else ""))

    doc.h2("Full history")
    for entry in case.timeline:
        doc.bullet(f"{when(entry.at)} - {person(entry.actor)}: {entry.summary}"
                   + (f" ({entry.details['reason']})" if entry.details.get("reason") else ""))
    doc.h2("Checking this record")
    doc.para(f"Every step above is an event in the service's hash-chained audit log. When this report was made the "
             f"chain's newest event was {head}. `moderator audit verify --expect {head}` checks that no event up "
             f"to it was changed or removed since. The police evidence pack holds this case's events.", size=SMALL + 1)
    return doc.pdf_bytes()


def score_lines(scores: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    """Each label's score against its threshold, then each rule's own threshold ("rule.label")."""
    def line(name: str, score: float, limit: float | None) -> str:
        if limit is None:
            return f"{name}: {score:.3f}"
        return f"{name}: {score:.3f} (threshold {limit:.2f}{', reached' if score >= limit else ''})"

    out = [line(k, scores[k], thresholds.get(k)) for k in sorted(scores)]
    for key in sorted(k for k in thresholds if k not in scores):
        rule, _, label = key.rpartition(".")
        out.append(line(f"rule {rule}: {label}" if rule else label, scores.get(label, 0.0), thresholds[key]))
    return out


def _action_taken(case: cases.Case, person: Callable[[str], str]) -> str:
    lines = []
    auto = case.automatic
    if auto:
        lines.append(f"{when(auto.created_at)}: the service " + words.service_did(auto.action, auto.shadow))
    for d in case.human:
        lines.append(f"{when(d.created_at)}: {d.action.replace('_', ' ')} by {person(d.decided_by)}: {d.reason or ''}")
    for r in case.referrals:
        lines.append(f"{when(r.created_at)}: {words.referral_name(r.kind)}"
                     + (f", reference {r.reference}" if r.reference else "")
                     + (f", {r.contact}" if r.contact else ""))
    return "\n".join(lines) or "none yet"
