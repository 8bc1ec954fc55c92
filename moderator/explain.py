"""The explanation of a decision: stored with the decision when it is made (``Decision.explanation``)
and rendered from that record for the console page, e-mails, the register and the CLI.

Nothing here reads the policy file: an old decision keeps the words it was made with, even after
the school edits its policy.
"""
from __future__ import annotations

from typing import Any

from moderator.policy import Outcome


def record(outcome: Outcome) -> list[dict[str, Any]]:
    """What to store on the Decision row for this outcome."""
    return [dict(entry) for entry in outcome.explanation]


def _entries(decision: Any) -> list[dict[str, Any]]:
    stored = getattr(decision, "explanation", None) if not isinstance(decision, list) else decision
    return [e for e in (stored or []) if isinstance(e, dict)]


def render(decision: Any) -> list[dict[str, Any]]:
    """One entry per reason, each {rule, signal, text, clauses: [{id, title, document, section, quote}]}:
    the stored text, with the clauses resolved from the quotes stored on the same decision."""
    clauses = {c.get("id"): c for c in (getattr(decision, "clauses", None) or []) if isinstance(c, dict)}
    out = []
    for entry in _entries(decision):
        out.append({
            "rule": entry.get("rule", ""),
            "signal": entry.get("signal", ""),
            "text": entry.get("text") or entry.get("signal") or entry.get("rule", ""),
            "clauses": [clauses[cid] for cid in entry.get("clauses") or [] if cid in clauses],
            "backfilled": bool(entry.get("backfilled")),
        })
    return out


def lines(decision: Any) -> list[str]:
    """Plain lines, one per reason (for e-mails, the CLI and documents)."""
    return [e["text"] for e in render(decision) if e["text"]]


def one_line(decision: Any, *, limit: int = 300) -> str:
    """The first reason, for a list or a subject line."""
    found = lines(decision)
    return (found[0] if found else "; ".join(getattr(decision, "signals", None) or []))[:limit]


def as_cell(decision: Any) -> str:
    """Every reason in one spreadsheet cell."""
    return " | ".join(lines(decision))

