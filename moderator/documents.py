"""Documents, made offline with fpdf2: the incident report for one case (an "inappropriate
content report form", with the evidence and the whole history), the police evidence
pack (a zip) and the governors' termly report.

Every page is A4, one column, 11-12 pt type with wrapped text, so it prints and reads on a phone.
Every document prints the audit chain head (``audit.head_text``) it was made at.

Comment text is hostile, and parents write in many scripts. The documents embed the fonts in
moderator/fonts (Latin with Polish and the rest, Greek, Cyrillic, Arabic and Urdu, Hebrew, Devanagari,
Gurmukhi, Bengali, Chinese, Japanese, Korean), shaped with HarfBuzz so Arabic joins and reads right
to left. Every character no embedded font can draw, and every control or invisible character (NUL,
bidi overrides, zero-width joiners), is written as a visible ``[U+XXXX]``: nothing is silently
dropped, no override reorders the text, and the exact text is in the police pack's case.json with
its SHA-256.
A very long text is shown up to ``MAX_TEXT`` characters and says so.

The documents are views of the case (moderator/case.py). Building them writes nothing; the caller
records the export with ``record_export`` in its own transaction.
"""
from __future__ import annotations

import hashlib
import io
import json
import statistics
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from fpdf import FPDF
from sqlalchemy import func
from sqlmodel import Session, col, select

from moderator import audit, case as cases, explain, fonts, words
from moderator.db import utcnow
from moderator.tables import Account, AuditEvent, Comment, Decision, Escalation, Referral, School, User
from moderator.vocab import DecisionKind, route_name

MAX_TEXT = 20_000  # characters of one comment text shown in a PDF; the pack's case.json has all of it
BODY, SMALL, H2, H1 = 11.5, 9, 14, 18
LINE = 6.0
MARGIN = 18


# -- safe text --------------------------------------------------------------------------------------

def _showable(ch: str) -> bool:
    if ch == " ":
        return True
    if not ch.isprintable():  # controls, NUL, bidi overrides, zero-width and other invisible characters
        return False
    return fonts.covers(ch)


def safe(text: Any, limit: int | None = None) -> str:
    """``text`` as the PDF's font can show it: unshowable characters become a visible [U+XXXX]; line
    breaks stay; tabs become spaces. ``limit`` cuts long text first and says how much was left out."""
    text = "" if text is None else str(text)
    cut = ""
    if limit is not None and len(text) > limit:
        cut = f"\n[... {len(text) - limit:,} more characters not shown here; the full text is in case.json]"
        text = text[:limit]
    out = []
    for ch in text.replace("\r\n", "\n"):
        if ch == "\n":
            out.append("\n")
        elif ch == "\t":
            out.append("    ")
        elif _showable(ch):
            out.append(ch)
        else:
            out.append(f"[U+{ord(ch):04X}]")
    return "".join(out) + cut


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


def _when(value: datetime | None) -> str:
    if value is None:
        return "not known"
    value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%d %b %Y %H:%M:%S UTC")


# -- the page ---------------------------------------------------------------------------------------

class _Doc(FPDF):
    def __init__(self, title: str, head: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        fonts.register(self)
        self.doc_title, self.head = safe(title), head
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_title(self.doc_title)
        self.set_creator("school-moderator")
        self.alias_nb_pages()
        self.add_page()

    def multi_cell(self, w, h=None, text="", *args, **kwargs):  # noqa: ANN001, ANN201
        fonts.shape(self, str(text))
        return super().multi_cell(w, h, text, *args, **kwargs)

    def cell(self, w=None, h=None, text="", *args, **kwargs):  # noqa: ANN001, ANN201
        fonts.shape(self, str(text))
        return super().cell(w, h, text, *args, **kwargs)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(fonts.FAMILY, size=7.5)
        self.set_text_color(90)
        self.multi_cell(0, 3.5, f"{self.doc_title} - page {self.page_no()} of {{nb}}\naudit chain head {self.head}",
                        align="C")
        self.set_text_color(0)

    def title_block(self, title: str, subtitle: str) -> None:
        self.set_font(fonts.FAMILY, "B", H1)
        self.multi_cell(0, 9, safe(title), new_x="LMARGIN", new_y="NEXT")
        self.set_font(fonts.FAMILY, size=BODY)
        self.multi_cell(0, LINE, safe(subtitle), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def h2(self, text: str) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(3)
        self.set_font(fonts.FAMILY, "B", H2)
        self.set_fill_color(230, 236, 245)
        self.multi_cell(0, 8, safe(text), fill=True, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def h3(self, text: str) -> None:
        self.set_font(fonts.FAMILY, "B", BODY)
        self.multi_cell(0, LINE, safe(text), new_x="LMARGIN", new_y="NEXT")

    def para(self, text: Any, *, size: float = BODY, style: str = "", limit: int | None = None) -> None:
        self.set_font(fonts.FAMILY, style, size)
        self.multi_cell(0, LINE if size >= BODY else 4.6, safe(text, limit), new_x="LMARGIN", new_y="NEXT")

    def field(self, label: str, value: Any) -> None:
        """A label on its own line, its value under it: one column, nothing to scroll sideways."""
        self.set_font(fonts.FAMILY, "B", SMALL)
        self.set_text_color(70)
        self.multi_cell(0, 4.6, safe(label), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.para(value if value not in (None, "", []) else "-")
        self.ln(1)

    def quote(self, text: str) -> None:
        """Comment text: boxed, so nobody mistakes it for the school's words."""
        self.set_font(fonts.FAMILY, size=10.5)
        self.set_fill_color(245, 245, 245)
        self.multi_cell(0, 5.2, safe(text, MAX_TEXT) or "(empty)", border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def bullet(self, text: Any) -> None:
        self.set_font(fonts.FAMILY, size=BODY)
        self.multi_cell(0, LINE, "- " + safe(text), new_x="LMARGIN", new_y="NEXT")

    def blank_line(self, label: str) -> None:
        self.set_font(fonts.FAMILY, size=BODY)
        self.multi_cell(0, 10, safe(label) + " " + "_" * max(10, 60 - len(label)), new_x="LMARGIN", new_y="NEXT")

    def bars(self, title: str, items: list[tuple[str, float]], *, unit: str = "") -> None:
        """A horizontal bar chart: one bar a line, the value printed beside it."""
        self.h3(title)
        if not items:
            self.para("None in this period.")
            return
        top = max(v for _, v in items) or 1
        label_w, bar_w = 70, self.w - 2 * MARGIN - 70 - 22
        self.set_font(fonts.FAMILY, size=SMALL + 0.5)
        for label, value in items:
            if self.get_y() > self.h - MARGIN - 16:
                self.add_page()
            label = safe(label)
            if self.get_string_width(label) > label_w - 2:  # a long label gets its own line above the bar
                self.set_x(MARGIN)
                self.multi_cell(0, 4.6, label, new_x="LMARGIN", new_y="NEXT")
                label = ""
            y = self.get_y()
            self.set_xy(MARGIN, y)
            self.cell(label_w, 6, label)
            self.set_fill_color(60, 110, 170)
            width = max(0.6, bar_w * value / top)
            self.rect(MARGIN + label_w, y + 1, width, 4, style="F")
            self.set_xy(MARGIN + label_w + width + 2, y)
            shown = f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"
            self.cell(20, 6, shown)
            self.set_xy(MARGIN, y + 6.5)
        self.ln(2)

    def pdf_bytes(self) -> bytes:
        return bytes(self.output())


# -- the machine-readable case ----------------------------------------------------------------------

def case_dict(case: cases.Case) -> dict[str, Any]:
    """The case as JSON-ready data: every stored field a reader or a court needs, text exact."""
    c = case.comment
    return {
        "comment": {
            "id": c.id, "school": case.school.slug, "school_name": case.school.name, "account": case.account.handle,
            "platform": c.platform, "external_id": c.external_id, "post_external_id": c.post_external_id,
            "parent_external_id": c.parent_external_id, "permalink": c.permalink, "posted_at": _iso(c.created_at),
            "first_seen_at": _iso(c.fetched_at), "text": c.text, "text_sha256": c.text_sha256,
            "text_bytes": c.text_bytes, "flags": c.flags, "attachments": c.attachments,
            "removed_by_author_at": _iso(c.removed_by_author_at),
        },
        "author": None if case.author is None else {
            "id": case.author.id, "platform": case.author.platform, "platform_id": case.author.external_id,
            "name": case.author.name, "username": case.author.username},
        "revisions": [{"revision": r.revision, "kind": r.kind, "text": r.text, "text_sha256": r.text_sha256,
                       "flags": r.flags, "seen_at": _iso(r.seen_at)} for r in case.revisions],
        "decisions": [{
            "id": d.id, "kind": d.kind, "revision": d.revision, "action": d.action, "shadow": d.shadow,
            "rules": d.rules, "signals": d.signals, "routes": d.routes, "priority": d.priority,
            "explanation": explain.lines(d), "clauses": d.clauses, "policy_name": d.policy_name,
            "policy_version": d.policy_version, "classifier": d.classifier,
            "classifier_version": d.classifier_version, "scores": d.scores, "thresholds": d.thresholds,
            "decided_by": d.decided_by, "reason": d.reason, "at": _iso(d.created_at)} for d in case.decisions],
        "escalations": [{"id": e.id, "route": e.route, "priority": e.priority, "state": e.state, "reason": e.reason,
                         "opened_at": _iso(e.created_at), "updated_at": _iso(e.updated_at)} for e in case.escalations],
        "referrals": [{"id": r.id, "kind": r.kind, "reference": r.reference, "contact": r.contact,
                       "referred_on": r.referred_on, "recorded_by": r.recorded_by, "decision_id": r.decision_id,
                       "at": _iso(r.created_at)} for r in case.referrals],
        "actions": [{"id": a.id, "kind": a.kind, "decision_id": a.decision_id, "requested_by": a.requested_by,
                     "status": a.status, "attempts": a.attempts, "idempotency_key": a.idempotency_key,
                     "last_error": a.last_error, "result": a.result, "queued_at": _iso(a.created_at),
                     "done_at": _iso(a.done_at)} for a in case.actions],
        "alerts": [{"id": n.id, "kind": n.kind, "recipient": n.recipient, "subject": n.subject, "status": n.status,
                    "queued_at": _iso(n.created_at), "sent_at": _iso(n.sent_at)} for n in case.alerts],
        "platform_state": {"label": case.platform.label, "hidden": case.platform.hidden,
                           "deleted": case.platform.deleted, "author_banned": case.platform.author_banned,
                           "pending": case.platform.pending, "failed": case.platform.failed},
        "timeline": [{"at": _iso(e.at), "kind": e.kind, "actor": e.actor, "summary": e.summary,
                      "details": e.details} for e in case.timeline],
    }


def _people(session: Session, usernames: Iterable[str]) -> dict[str, str]:
    """username -> "Mrs Helen Patel (helen, headteacher)" for the people named in a case."""
    names = {u for u in usernames if u and u != "service"}
    if not names:
        return {}
    return {u.username: f"{u.display_name} ({u.username}, {u.role.replace('_', ' ')})"
            for u in session.exec(select(User).where(col(User.username).in_(names)))}


@dataclass
class _RouteProbe:
    """Stands in for a person's decision on ``route``, to ask ``decision_visible`` (moderator/review.py's
    rule reads only ``kind`` and ``routes``) whether the reader may see that route's review item."""

    routes: list[str]
    kind: str = DecisionKind.HUMAN


def _load(session: Session, comment_id: int, decision_visible: Callable | None) -> cases.Case:
    """The case as this reader may see it: people's decisions, referrals and actions by
    ``case.load``; review items, their alerts and their audit events by the same rule."""
    found = cases.load(session, comment_id, decision_visible=decision_visible)
    if found is None:
        raise LookupError(f"there is no comment {comment_id} (it may have been purged under the retention policy)")
    if decision_visible is not None:
        found.escalations = [e for e in found.escalations if decision_visible(_RouteProbe([e.route]))]
        shown = {e.id for e in found.escalations}
        found.alerts = [n for n in found.alerts if n.escalation_id in shown]
        found.timeline = [e for e in found.timeline if e.kind != "alert" or any(
            n.recipient == e.details.get("to") and n.subject == e.details.get("subject") for n in found.alerts)]
    return found


def case_events(session: Session, case: cases.Case) -> list[AuditEvent]:
    """The case's slice of the audit chain, less the events about decisions, review items and actions
    the reader may not see (``_load`` has already narrowed the case to what they may see)."""
    decisions = {d.id for d in case.decisions}
    escalations = {e.id for e in case.escalations}
    out = []
    for event in case.audit_events(session):
        data = event.data or {}
        if event.subject_type == "escalation" and event.subject_id not in escalations:
            continue
        if event.action in ("decision.human", "referral.recorded", "action.queued") and (
                ("decision_id" in data and data["decision_id"] is not None and data["decision_id"] not in decisions)
                or ("escalation_id" in data and data["escalation_id"] not in escalations)):
            continue
        out.append(event)
    return out


# -- the incident report ----------------------------------------------------------------------------

def incident_report(session: Session, comment_id: int, *, staff_name: str = "",
                    decision_visible: Callable | None = None, now: datetime | None = None) -> bytes:
    """The incident report for one case as PDF bytes. ``staff_name``: who submits it (left as a line
    to fill in when empty). ``decision_visible``: moderator/review.py's rule for the reader."""
    case = _load(session, comment_id, decision_visible)
    return _incident_pdf(session, case, staff_name=staff_name, head=audit.head_text(session), now=now or utcnow())


def _incident_pdf(session: Session, case: cases.Case, *, staff_name: str, head: str, now: datetime) -> bytes:
    c, auto = case.comment, case.automatic
    who = _people(session, [d.decided_by for d in case.decisions] + [r.recorded_by for r in case.referrals]
                  + [a.requested_by for a in case.actions])
    person = lambda u: who.get(u, u)  # noqa: E731
    doc = _Doc(f"Incident report, case {c.id}", head)
    doc.title_block("Inappropriate content report",
                    f"{case.school.name}. Inappropriate content report form, for case "
                    f"{c.id}: a comment on {c.platform} ({case.account.handle}). Made {_when(now)}.")
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
    doc.field("Date", f"posted {_when(c.created_at)}; first seen by the service {_when(c.fetched_at)}")
    doc.field("Where it was posted", f"{c.platform}, account {case.account.handle}"
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
    doc.field("Posted (platform's time)", _when(c.created_at))
    doc.field("First seen by the service", _when(c.fetched_at))
    if c.attachments:
        doc.field("Attachments", "; ".join(f"{a.get('type', '?')}: {a.get('url', '')}" for a in c.attachments
                                          if isinstance(a, dict)))
    for rev in case.revisions:
        if rev.kind == "edit":
            doc.h3(f"Edited by the author (revision {rev.revision}), seen {_when(rev.seen_at)}")
            doc.quote(rev.text or "")
            doc.field("SHA-256 of the edited text", rev.text_sha256)
        else:
            doc.h3(f"Removed by the author, seen {_when(rev.seen_at)}")

    doc.h2("The service's automatic decision")
    if auto is None:
        doc.para("The service has not decided on this comment yet.")
    else:
        verb = words.service_did(auto.action, auto.shadow, nothing_done=True)
        doc.field("Decision", f"{_when(auto.created_at)}: the service {verb}")
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
        doc.bullet(f"{route_name(e.route)}: {e.priority}, opened {_when(e.created_at)}, now {e.state}")
    transitions = [e for e in case_events(session, case) if e.action == "escalation.transition"]
    routes = {e.id: e.route for e in case.escalations}
    if transitions:
        doc.h3("Changes of the review items' state")
        for e in transitions:
            doc.bullet(f"{_when(e.at)}: {route_name(routes.get(e.subject_id, '?'))} item "
                       f"{e.data.get('from')} -> {e.data.get('to')} by {person(e.actor)}: {e.data.get('reason') or ''}")
    if not case.human:
        doc.para("No person has decided on this comment yet.")
    for d in case.human:
        doc.h3(f"{_when(d.created_at)}: {d.action.replace('_', ' ')}")
        doc.field("Who", person(d.decided_by))
        doc.field("On the route", ", ".join(route_name(r) for r in d.routes) or "-")
        doc.field("Why", d.reason or "-")

    doc.h2("Referrals")
    if not case.referrals:
        doc.para("None recorded.")
    for r in case.referrals:
        doc.h3(f"{_when(r.created_at)}: {words.referral_name(r.kind)}")
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
        doc.bullet(f"{a.kind}: asked by {person(a.requested_by)} {_when(a.created_at)}; {a.status}"
                   + (f" {_when(a.done_at)}" if a.done_at else "") + f" after {a.attempts} attempt(s)"
                   + (f"; last error: {a.last_error}" if a.last_error else ""))
    doc.field("Final state on the platform", case.platform.label)

    doc.h2("E-mail alerts")
    if not case.alerts:
        doc.para("None.")
    for n in case.alerts:
        doc.bullet(f"{n.kind} to {n.recipient}: {n.status}" + (f" {_when(n.sent_at)}" if n.sent_at else ""))

    doc.h2("Full history")
    for entry in case.timeline:
        doc.bullet(f"{_when(entry.at)} - {person(entry.actor)}: {entry.summary}"
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
        lines.append(f"{_when(auto.created_at)}: the service " + words.service_did(auto.action, auto.shadow))
    for d in case.human:
        lines.append(f"{_when(d.created_at)}: {d.action.replace('_', ' ')} by {person(d.decided_by)}: {d.reason or ''}")
    for r in case.referrals:
        lines.append(f"{_when(r.created_at)}: {words.referral_name(r.kind)}"
                     + (f", reference {r.reference}" if r.reference else "")
                     + (f", {r.contact}" if r.contact else ""))
    return "\n".join(lines) or "none yet"


# -- the police evidence pack -----------------------------------------------------------------------

PACK_README = """Police evidence pack: case {case_id}, {school}
Made {made} by school-moderator.

Files
  incident-report.pdf   the school's incident report (inappropriate content report form) with the evidence and history
  case.json             the same case, machine-readable; the comment text exactly as first seen
  audit-events.jsonl    the audit-log events that record this case, one JSON object a line
  chain-head.txt        the newest event of the whole audit log when this pack was made
  verify_events.py      recomputes every event's hash from its content (Python 3, no packages)
  SHA256SUMS            SHA-256 of each file above

How to check it
1. The comment text: SHA-256 of case.json's comment.text (UTF-8) must equal comment.text_sha256,
   unless comment.flags says "truncated" (then the hash is of the whole text as received).
2. Each event: its "hash" is SHA-256 of the canonical JSON (keys sorted, no spaces, ASCII) of
   {{seq, at, actor, action, school_id, subject_type, subject_id, data, prev_hash}}, and its
   "prev_hash" is the hash of the event before it in the school's whole log (seq - 1). Run
   `python3 verify_events.py audit-events.jsonl`; it also checks the links between consecutive events.
3. The whole log: the school can run, on its own system,
       moderator audit verify --expect {head}
   which recomputes every hash from the first event and fails if any event up to {head_seq}
   was changed or removed, or if any evidence row was altered (rows removed by the retention
   policy are listed in the log's own retention.purged events).
"""

VERIFY_SCRIPT = '''"""Recompute the hash of every audit event in a JSON Lines file (school-moderator's police pack)."""
import hashlib
import json
import sys

FIELDS = ("seq", "at", "actor", "action", "school_id", "subject_type", "subject_id", "data", "prev_hash")


def digest(event):
    body = {k: event[k] for k in FIELDS}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def main(path):
    bad, prev = 0, None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            event = json.loads(line)
            if digest(event) != event["hash"]:
                print(f"seq {event['seq']}: content does not match its hash")
                bad += 1
            if prev is not None and event["seq"] == prev["seq"] + 1 and event["prev_hash"] != prev["hash"]:
                print(f"seq {event['seq']}: prev_hash does not match seq {prev['seq']}")
                bad += 1
            prev = event
    print("all events match their hashes" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "audit-events.jsonl"))
'''


def event_dict(event: AuditEvent) -> dict[str, Any]:
    """An audit event exactly as its hash covers it (``at`` in the same form audit._digest uses)."""
    return {"seq": event.seq, "at": event.at.isoformat(timespec="microseconds"), "actor": event.actor,
            "action": event.action, "school_id": event.school_id, "subject_type": event.subject_type,
            "subject_id": event.subject_id, "data": event.data, "prev_hash": event.prev_hash, "hash": event.hash}


def police_pack(session: Session, comment_id: int, *, staff_name: str = "",
                decision_visible: Callable | None = None, now: datetime | None = None) -> bytes:
    """The police evidence pack for one case, as zip bytes (see PACK_README)."""
    case = _load(session, comment_id, decision_visible)
    now = now or utcnow()
    head = audit.head_text(session)
    pdf = _incident_pdf(session, case, staff_name=staff_name, head=head, now=now)
    record = {"case": case_dict(case), "audit_chain_head": head, "made_at": _iso(now)}
    files = {
        "incident-report.pdf": pdf,
        "case.json": (json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"),
        "audit-events.jsonl": "".join(json.dumps(event_dict(e), ensure_ascii=False, default=str) + "\n"
                                      for e in case_events(session, case)).encode("utf-8"),
        "chain-head.txt": (head + "\n").encode(),
        "verify_events.py": VERIFY_SCRIPT.encode(),
        "README.txt": PACK_README.format(case_id=case.comment.id, school=case.school.name, made=_when(now), head=head,
                                         head_seq=head.split(":")[0]).encode(),
    }
    files["SHA256SUMS"] = "".join(f"{hashlib.sha256(body).hexdigest()}  {name}\n"
                                  for name, body in files.items()).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, body in files.items():
            info = zipfile.ZipInfo(f"case-{case.comment.id}/{name}", date_time=now.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, body)
    return out.getvalue()


def record_export(session: Session, kind: str, content: bytes, *, actor: str, school_id: int | None = None,
                  comment_id: int | None = None, details: dict[str, Any] | None = None) -> AuditEvent:
    """Record that a document left the service, with the SHA-256 of the exact bytes. Never commits."""
    return audit.record(session, "document.exported", actor=actor, school_id=school_id,
                        subject_type="comment" if comment_id else None, subject_id=comment_id,
                        data={"kind": kind, "sha256": hashlib.sha256(content).hexdigest(), "bytes": len(content),
                              **(details or {})})


# -- the governors' termly report -------------------------------------------------------------------

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
    from moderator import outbox

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
    doc = _Doc(f"Termly report, {found.name}", head)
    doc.title_block("Social media moderation: report to governors",
                    f"{found.name}: comments posted from {_when(since)} up to (not including) {_when(until)}. "
                    f"Made {_when(now or utcnow())}.")
    doc.para("This report gives numbers only. It names no pupil and quotes no comment and no reviewer's words: "
             "each case's reasons are in the school's records.", size=SMALL + 1)
    doc.field("Audit chain head when this report was made", head)

    doc.h2("Comments")
    seen, flagged, hidden = (sum(x.values()) for x in (f.seen_by_platform, f.flagged_by_platform, f.hidden_by_platform))
    doc.field("Comments seen", f"{seen}")
    doc.field("Against the policy (hidden, or recorded)", f"{flagged}")
    doc.field("Hidden on the platform now", f"{hidden}")
    doc.bars("Comments seen, by platform", sorted(f.seen_by_platform.items()))
    doc.bars("Against the policy, by platform", sorted(f.flagged_by_platform.items()))
    doc.bars("Against the policy, by kind of problem", f.by_signal.most_common(20))
    doc.bars("Sent for review, by route", [(route_name(r), n) for r, n in f.by_route.most_common()])

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
        doc.bars("Overturned, by kind of problem", f.overturned_by_signal.most_common(10))

    doc.h2("Referrals")
    doc.bars("Referrals recorded", [(words.referral_name(k), n) for k, n in f.referrals.most_common()])
    doc.bars("No referral made, by kind", [(words.referral_name(k), n) for k, n in f.not_referred.most_common()])

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
