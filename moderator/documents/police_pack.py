"""The police evidence pack for one case (a zip): the incident report, the case as JSON, its audit
events with a script that checks their hashes, and SHA-256 sums (see PACK_README)."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import datetime
from typing import Any

from sqlmodel import Session

from moderator import audit
from moderator.db import utcnow
from moderator.documents.evidence import case_dict, case_events, load_visible
from moderator.documents.incident import incident_pdf
from moderator.documents.pdf import iso, when
from moderator.tables import AuditEvent, User

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
                reader: User | None = None, now: datetime | None = None) -> bytes:
    """The police evidence pack for one case, as zip bytes (see PACK_README)."""
    case = load_visible(session, comment_id, reader)
    now = now or utcnow()
    head = audit.head_text(session)
    pdf = incident_pdf(session, case, staff_name=staff_name, head=head, now=now)
    record = {"case": case_dict(case), "audit_chain_head": head, "made_at": iso(now)}
    files = {
        "incident-report.pdf": pdf,
        "case.json": (json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"),
        "audit-events.jsonl": "".join(json.dumps(event_dict(e), ensure_ascii=False, default=str) + "\n"
                                      for e in case_events(session, case)).encode("utf-8"),
        "chain-head.txt": (head + "\n").encode(),
        "verify_events.py": VERIFY_SCRIPT.encode(),
        "README.txt": PACK_README.format(case_id=case.comment.id, school=case.school.name, made=when(now), head=head,
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
