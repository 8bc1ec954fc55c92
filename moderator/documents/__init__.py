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

The documents are views of the case (moderator/record/case.py). Building them writes nothing; the caller
records the export with ``record_export`` in its own transaction.

One module per document (``incident``, ``police_pack``, ``termly``), the page and safe text they
share (``pdf``) and the case as a reader may see it (``evidence``); this package's names are the
ones callers use.
"""
from __future__ import annotations

import hashlib
from typing import Any

from sqlmodel import Session

from moderator import audit
from moderator.documents.evidence import case_dict, case_events
from moderator.documents.incident import incident_report, score_lines
from moderator.documents.pdf import MAX_TEXT, safe, when
from moderator.documents.police_pack import PACK_README, VERIFY_SCRIPT, event_dict, police_pack
from moderator.documents.termly import Termly, termly_figures, termly_report
from moderator.judge import explain  # noqa: F401 - explain: documents.explain is read by tests
from moderator.tables import AuditEvent

_when = when  # the name tests/test_case_lifecycle.py reads

__all__ = ["MAX_TEXT", "PACK_README", "VERIFY_SCRIPT", "Termly", "case_dict", "case_events", "event_dict",
           "incident_report", "police_pack", "record_export", "safe", "score_lines", "termly_figures",
           "termly_report", "when"]


def record_export(session: Session, kind: str, content: bytes, *, actor: str, school_id: int | None = None,
                  comment_id: int | None = None, details: dict[str, Any] | None = None) -> AuditEvent:
    """Record that a document left the service, with the SHA-256 of the exact bytes. Never commits."""
    return audit.record(session, "document.exported", actor=actor, school_id=school_id,
                        subject_type="comment" if comment_id else None, subject_id=comment_id,
                        data={"kind": kind, "sha256": hashlib.sha256(content).hexdigest(), "bytes": len(content),
                              **(details or {})})
