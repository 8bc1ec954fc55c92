"""A school's own reviews as labels: how well the thresholds fit that school, and what to change.

Every person's decision on a comment the service judged is a label: keep hidden, delete or ban say
the comment was abuse; restore says it was not (in shadow mode the same decisions on "would have
hidden" items count the same way). ``calibrate`` measures precision and recall of each label's
threshold on those items, overall and per language, and proposes the threshold that would have
agreed with the reviewers best (highest F1, ties to the higher, more careful threshold).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from moderator.judge.policy import Policy
from moderator.tables import Analysis, Comment, Decision, School
from moderator.vocab import DecisionKind

ABUSE = {"hide", "delete", "ban"}  # a person kept it hidden, deleted it or banned its author
NOT_ABUSE = {"unhide"}  # a person restored it
MIN_ITEMS = 20  # fewer reviewed items than this: the figures are shown, no threshold is proposed


@dataclass
class Labelled:
    comment_id: int
    abusive: bool
    language: str | None
    scores: dict[str, float]


@dataclass
class Measure:
    n: int
    positives: int
    threshold: float
    precision: float | None
    recall: float | None
    f1: float | None


@dataclass
class Report:
    school: str
    items: int
    positives: int
    by_label: dict[str, Measure] = field(default_factory=dict)
    by_language: dict[str, dict[str, Measure]] = field(default_factory=dict)
    proposed: dict[str, float] = field(default_factory=dict)
    proposed_measure: dict[str, Measure] = field(default_factory=dict)


def labelled_items(session: Session, school_id: int) -> list[Labelled]:
    """The school's comments that a person decided on, with the scores the service gave them."""
    out = []
    humans = session.exec(
        select(Decision).join(Comment, Comment.id == Decision.comment_id)
        .where(Comment.school_id == school_id, Decision.kind == DecisionKind.HUMAN,
               col(Decision.action).in_(ABUSE | NOT_ABUSE))
        .order_by(col(Decision.id))
    ).all()
    last: dict[int, Decision] = {}
    for decision in humans:
        last[decision.comment_id] = decision  # the latest word of a person is the label
    for comment_id, decision in last.items():
        analysis = session.exec(select(Analysis).where(Analysis.comment_id == comment_id)
                                .order_by(col(Analysis.id).desc())).first()
        if analysis is None:
            continue
        out.append(Labelled(comment_id, decision.action in ABUSE, analysis.language, dict(analysis.scores)))
    return out


def measure(items: list[Labelled], label: str, threshold: float) -> Measure:
    tp = sum(1 for i in items if i.abusive and i.scores.get(label, 0.0) >= threshold)
    fp = sum(1 for i in items if not i.abusive and i.scores.get(label, 0.0) >= threshold)
    positives = sum(1 for i in items if i.abusive)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / positives if positives else None
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else (0.0 if positives else None)
    return Measure(len(items), positives, threshold, _r(precision), _r(recall), _r(f1))


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def propose(items: list[Labelled], label: str, current: float) -> tuple[float, Measure]:
    """The threshold (on a 0.01 grid, and the current one) with the best F1 on these items."""
    best = measure(items, label, current)
    for step in range(5, 100):
        candidate = measure(items, label, step / 100)
        if (candidate.f1 or 0.0) > (best.f1 or 0.0) + 1e-9:
            best = candidate
    return best.threshold, best


def calibrate(session: Session, school_slug: str, policy: Policy) -> Report:
    school = session.exec(select(School).where(School.slug == school_slug)).first()
    if school is None:
        raise ValueError(f"no school {school_slug!r} in the database yet")
    items = labelled_items(session, school.id)
    report = Report(school_slug, len(items), sum(1 for i in items if i.abusive))
    languages = sorted({i.language or "unknown" for i in items})
    for label, threshold in sorted(policy.thresholds.items()):
        report.by_label[label] = measure(items, label, threshold)
        for language in languages:
            subset = [i for i in items if (i.language or "unknown") == language]
            report.by_language.setdefault(language, {})[label] = measure(subset, label, threshold)
        if len(items) >= MIN_ITEMS and report.positives and report.positives < len(items):
            report.proposed[label], report.proposed_measure[label] = propose(items, label, threshold)
    return report


def render(report: Report) -> str:
    lines = [f"Calibration for {report.school}: {report.items} reviewed items, {report.positives} judged abusive "
             f"by a person."]
    if report.items < MIN_ITEMS:
        lines.append(f"Fewer than {MIN_ITEMS} reviewed items: the figures below are shown for interest; no "
                     f"threshold is proposed. Review more items (shadow mode helps) and run this again.")
    lines.append("")
    lines.append(f"{'label':18} {'threshold':>9} {'precision':>9} {'recall':>7} {'F1':>6}   proposed (precision / recall / F1)")
    for label, m in report.by_label.items():
        proposed = ""
        if label in report.proposed:
            p = report.proposed_measure[label]
            proposed = f"{report.proposed[label]:.2f} ({_f(p.precision)} / {_f(p.recall)} / {_f(p.f1)})"
        lines.append(f"{label:18} {m.threshold:>9.2f} {_f(m.precision):>9} {_f(m.recall):>7} {_f(m.f1):>6}   {proposed}")
    for language, measures in report.by_language.items():
        n = next(iter(measures.values())).n if measures else 0
        lines.append("")
        lines.append(f"language {language} ({n} items):")
        for label, m in measures.items():
            lines.append(f"  {label:16} precision {_f(m.precision):>5}  recall {_f(m.recall):>5}  F1 {_f(m.f1):>5}")
    if report.proposed:
        lines.append("")
        lines.append("To use the proposed thresholds, put them in the school's policy file under [thresholds]:")
        lines.extend(f"  {label} = {value:.2f}" for label, value in report.proposed.items())
    return "\n".join(lines)


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
