"""The explanation of a decision: stored with the decision when it is made (``Decision.explanation``)
and rendered from that record for the console page, e-mails, the register and the CLI.

Nothing here reads the policy file: an old decision keeps the words it was made with, even after
the school edits its policy.
"""
from __future__ import annotations

from typing import Any

from moderator.judge.policy import Outcome


def record(outcome: Outcome) -> list[dict[str, Any]]:
    """What to store on the Decision row for this outcome."""
    return [dict(entry) for entry in outcome.explanation]


def _entries(decision: Any) -> list[dict[str, Any]]:
    stored = getattr(decision, "explanation", None) if not isinstance(decision, list) else decision
    return [e for e in _list(stored) if isinstance(e, dict)]


def _list(value: Any) -> list:
    """A stored list, or nothing: a damaged row (a number where a list belongs) renders what it can."""
    return list(value) if isinstance(value, (list, tuple)) else []


def render(decision: Any) -> list[dict[str, Any]]:
    """One entry per reason, each {rule, signal, text, clauses: [{id, title, document, section, quote}]}:
    the stored text, with the clauses resolved from the quotes stored on the same decision."""
    clauses = {c["id"]: c for c in _list(getattr(decision, "clauses", None))
               if isinstance(c, dict) and isinstance(c.get("id"), str)}
    out = []
    for entry in _entries(decision):
        out.append({
            "rule": entry.get("rule", ""),
            "signal": entry.get("signal", ""),
            "text": entry.get("text") or entry.get("signal") or entry.get("rule", ""),
            "clauses": [clauses[cid] for cid in _list(entry.get("clauses")) if isinstance(cid, str) and cid in clauses],
            "backfilled": bool(entry.get("backfilled")),
            "routes": [r for r in _list(entry.get("routes")) if isinstance(r, str)],
        })
    return out


def for_route(decision: Any, route: str | None) -> list[str]:
    """Every reason, those whose rule sent the comment to ``route`` first: the first rule to fire is
    not always the one that chose this route (harassment, not abusive language, asks for police
    review). A decision stored before rules recorded their routes keeps its stored order."""
    entries = [e for e in render(decision) if e["text"]]
    chose = [e for e in entries if route and route in e["routes"]]
    return [e["text"] for e in chose + [e for e in entries if e not in chose]]


def lines(decision: Any) -> list[str]:
    """Plain lines, one per reason (for e-mails, the CLI and documents)."""
    return [e["text"] for e in render(decision) if e["text"]]


def entries(decision: Any) -> list[dict[str, Any]]:
    """One entry per reason, {"text", "clauses": [stored clause dicts]}, for the console's pages: the
    rendered record; an older row without a stored explanation falls back to its rule ids and all
    its stored clauses. The policy file is never read."""
    if decision is None:
        return []
    out = [{"text": str(e["text"]), "clauses": e["clauses"]} for e in render(decision) if e["text"]]
    if not out:
        out = [{"text": str(rule).replace("_", " "), "clauses": []} for rule in (getattr(decision, "rules", None) or [])]
        if out:
            out[-1]["clauses"] = [c for c in (getattr(decision, "clauses", None) or []) if isinstance(c, dict)]
    return out


def reason_line(decision: Any, fallback: str = "", route: str | None = None) -> str:
    """One line that says why (queue rows, e-mails, the CLI's queue): every stored reason, those that
    sent the item to ``route`` first, else the signals, else ``fallback``."""
    found = [e["text"] for e in entries(decision)]
    if found and route and getattr(decision, "explanation", None):
        first = for_route(decision, route)
        found = first + [line for line in found if line not in first]
    if found:
        return " ".join(line if line.endswith((".", "!", "?")) else line + ";" for line in found).rstrip(";")[:600]
    if decision is not None and getattr(decision, "signals", None):
        return "; ".join(decision.signals)[:300]
    return (fallback or "")[:300]
