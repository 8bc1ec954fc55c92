"""The school's policy file: per-label thresholds and rules, each citing the clauses it rests on.

``load_policy`` validates the file at start-up (unknown keys, labels, detectors, routes or clause
ids are errors that name the rule). ``for_school`` is the one place that builds the policy in
force for a school (its file, the service's threshold overrides, shadow mode, its names), and
``decide`` turns one analysis into one decision, including the conflict-of-interest rule. The
worker, ``moderator classify``, the console and e-mails all ask these two.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models.base import MODEL_LABELS
from moderator.vocab import PRIORITY_RANK, Priority, Route

if TYPE_CHECKING:
    from moderator.judge.detectors import SchoolContext
    from moderator.settings import Settings
# Implemented in moderator/judge/detectors.py; kept here so a policy can be validated without importing it.
DETECTORS = (
    "threat_phrases", "pupil_named", "staff_allegation", "headteacher_allegation", "complaint",
    "safeguarding_disclosure", "personal_data", "spam_link", "repeat_author",
    "staff_harm_allegation", "headteacher_harm_allegation", "self_harm_incitement", "adult_abuse_disclosure",
    "identity_terms", "counter_speech", "pupil_family_named", "pupil_praise", "attachment", "attachment_child",
    "confidential_matter", "homonym",
    "unsupported_language",  # computed in the pipeline from the classifier's model card
    "unread_language",  # the same, when the heads were not validated on the language either
)


class PolicyError(Exception):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyHeader(_Strict):
    version: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    # A phrase match (a threat, a disclosure, an allegation) is urgent, or goes to police review,
    # only when the model's reading of the same signal is at least this (the heads fire a rule on
    # their own at the policy threshold; confirming what a phrase found needs less).
    phrase_confirmation: float = Field(default=0.35, gt=0.0, le=1.0)


class Harassment(_Strict):
    window_days: int = Field(default=30, ge=1, le=3650)
    min_incidents: int = Field(default=2, ge=1, le=100)
    # Which rules make a comment an incident. A parent who complains twice is not harassing anyone.
    incident_rules: list[str] = Field(default_factory=lambda: [
        "abusive_language", "threat", "identity_abuse", "obscene", "severe_obscene", "harassment",
        "staff_allegation", "headteacher_allegation"])


class Clause(_Strict):
    document: str
    # Whose policy this quotes: the school's name, or "" for the project's own model policy
    # (moderator/judge/policies/model-policy.md), which the default policy file quotes.
    school: str = ""
    title: str
    section: str
    quote: str = Field(min_length=1)


class Rule(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    signal: str = Field(min_length=1)
    when_labels: list[str] = Field(default_factory=list)
    when_detectors: list[str] = Field(default_factory=list)
    thresholds: dict[str, float] = Field(default_factory=dict)
    action: Literal["hide", "none"]
    routes: list[Route] = Field(min_length=1)
    priority: Priority
    clauses: list[str] = Field(min_length=1)
    explanation: str = Field(min_length=1)
    # For a rule that leaves a comment visible: what the reviewer reads when another rule hid the
    # same comment ("Left visible" would then misstate what was done).
    explanation_if_hidden: str | None = Field(default=None, min_length=1)
    # The scores alone do not fire the rule when one of these detectors fired (counter-speech:
    # someone asking for abuse to be removed is not abusive); its when_detectors still count.
    unless_detectors: list[str] = Field(default_factory=list)
    # What the comment says overrides its words: the rule does not fire at all, on scores or on
    # phrases, when one of these model signals is at or above its threshold (a comment condemning
    # hate, or begging someone not to hurt themselves). Facts (names, numbers, links) are other rules.
    unless_labels: list[str] = Field(default_factory=list)
    # Thresholds for unless_labels where they differ from the rule's own (one label can bound a
    # rule from above: "read it" from 0.70, but not at 0.80 or more, where another rule hides it).
    unless_thresholds: dict[str, float] = Field(default_factory=dict)
    # Model signals that confirm a phrase match of this rule (see PolicyHeader.phrase_confirmation);
    # when empty, the rule's when_labels do.
    confirm_labels: list[str] = Field(default_factory=list)
    # The school's own words and phrases for this rule, matched after normalisation
    # ("p4ki", "s t u p i d"); "*" stands for any letters. Whole words unless words_whole_word = false.
    words: list[str] = Field(default_factory=list, max_length=2000)
    words_whole_word: bool = True
    # "any": the rule fires on any one of its signals (a label at its threshold, a detector, one of
    # its words). "all": only when every one of them is there ("a pupil named" and "a SEN word"),
    # its words counting as one signal; unless_detectors then keep its labels from counting.
    match: Literal["any", "all"] = "any"

    @model_validator(mode="after")
    def _check(self) -> "Rule":
        if not self.when_labels and not self.when_detectors and not self.words:
            raise ValueError("needs when_labels, when_detectors or words")
        if self.match == "all" and len(self.when_labels) + len(self.when_detectors) + bool(self.words) < 2:
            raise ValueError('match = "all" needs at least two signals (labels, detectors, or its words)')
        for det in self.unless_detectors:
            if det not in DETECTORS:
                raise ValueError(f"unknown detector {det!r} in unless_detectors; allowed: {', '.join(DETECTORS)}")
        for word in self.words:
            letters = word.replace("*", "").replace(" ", "")
            if not (0 < len(word) <= 100 and len(letters) >= 2 and all(c.isalnum() or c in " '-*" for c in word)):
                raise ValueError(f"word {word!r} must be 2-100 letters or digits (spaces, ' - and * allowed)")
        for label in [*self.when_labels, *self.unless_labels, *self.confirm_labels]:
            if label not in MODEL_LABELS:
                raise ValueError(f"unknown label {label!r}; allowed: {', '.join(MODEL_LABELS)}")
        for det in self.when_detectors:
            if det not in DETECTORS:
                raise ValueError(f"unknown detector {det!r}; allowed: {', '.join(DETECTORS)}")
        for label, value in self.thresholds.items():
            if label not in self.when_labels:
                raise ValueError(f"threshold for {label!r} but the rule does not use that label")
            if not 0.0 < value <= 1.0:
                raise ValueError(f"threshold for {label!r} must be in (0, 1]")
        for label, value in self.unless_thresholds.items():
            if label not in self.unless_labels:
                raise ValueError(f"unless_thresholds for {label!r} but the rule has no such unless_label")
            if not 0.0 < value <= 1.0:
                raise ValueError(f"unless_thresholds for {label!r} must be in (0, 1]")
        return self


class Policy(_Strict):
    policy: PolicyHeader
    thresholds: dict[str, float]
    harassment: Harassment = Harassment()
    clauses: dict[str, Clause]
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> "Policy":
        for label, value in self.thresholds.items():
            if label not in MODEL_LABELS:
                raise ValueError(f"thresholds: unknown label {label!r}; allowed: {', '.join(MODEL_LABELS)}")
            if not 0.0 < value <= 1.0:
                raise ValueError(f"thresholds.{label} must be in (0, 1]")
        known = {rule.id for rule in self.rules}
        for rid in self.harassment.incident_rules:
            if rid not in known:
                raise ValueError(f"harassment.incident_rules names rule {rid!r}, which is not in [[rules]]")
        seen = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
            for cid in rule.clauses:
                if cid not in self.clauses:
                    raise ValueError(f"rule {rule.id!r} cites clause {cid!r}, which is not in [clauses]")
            for label in [*rule.when_labels, *rule.unless_labels]:
                if label not in self.thresholds and label not in rule.thresholds:
                    raise ValueError(f"rule {rule.id!r} uses label {label!r} with no threshold")
        return self

    @property
    def version(self) -> str:
        return self.policy.version

    def threshold(self, rule: Rule, label: str) -> float:
        return rule.thresholds.get(label, self.thresholds.get(label, 1.0))


def load_policy(path: str | Path) -> Policy:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"policy file {path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"policy file {path}: not valid TOML: {exc}") from None
    try:
        return Policy.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = list(err["loc"])
            if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
                rules = raw.get("rules") or []
                rid = rules[loc[1]].get("id", loc[1]) if loc[1] < len(rules) and isinstance(rules[loc[1]], dict) else loc[1]
                loc[1] = f"[{rid}]"
            problems.append(f"{'.'.join(str(p) for p in loc) or '(file)'}: {err['msg']}")
        raise PolicyError(f"policy file {path} is invalid:\n  " + "\n  ".join(problems)) from None


@dataclass
class Outcome:
    """What the policy says about one comment. ``explanation`` is stored on the decision as is."""

    action: str = "none"  # hide | none
    rules: list[str] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    priority: str | None = None
    clauses: list[dict] = field(default_factory=list)
    thresholds: dict[str, float] = field(default_factory=dict)
    # one entry per rule that fired: {rule, signal, text, clauses: [ids], routes: the routes it chose},
    # plus any note on routing
    explanation: list[dict] = field(default_factory=list)

    @property
    def escalation_routes(self) -> list[str]:
        return [r for r in self.routes if r != Route.REGISTER]


def decide(policy: Policy, scores: dict[str, float], detectors: dict[str, list[str]]) -> Outcome:
    """Apply every rule; the outcome is the union of the rules that fire (most urgent priority wins)."""
    out = Outcome()
    clause_ids: list[str] = []
    reworded: list[tuple[dict, str]] = []  # a visible rule's reason, and its words if another rule hides
    for rule in policy.rules:
        scores_count = not any(detectors.get(d) for d in rule.unless_detectors)
        held: list[bool] = []  # one entry per signal of the rule: is it there?
        for label in rule.when_labels:
            limit = policy.threshold(rule, label)
            out.thresholds[f"{rule.id}.{label}"] = limit
            held.append(scores_count and scores.get(label, 0.0) >= limit)
        by_label = any(held)
        held += [bool(detectors.get(d)) for d in rule.when_detectors]
        if rule.words or detectors.get(f"words:{rule.id}"):
            held.append(bool(detectors.get(f"words:{rule.id}")))
        fired = all(held) if rule.match == "all" else any(held)
        phrase_only = fired and not by_label
        overridden = False
        for label in rule.unless_labels:
            limit = out.thresholds[f"{rule.id}.unless.{label}"] = rule.unless_thresholds.get(
                label, policy.threshold(rule, label))
            overridden = overridden or scores.get(label, 0.0) >= limit
        if not fired or overridden:
            continue
        routes, priority = list(rule.routes), rule.priority
        if phrase_only and any(d in PHRASE_DETECTORS for d in rule.when_detectors if detectors.get(d)) \
                and not any(detectors.get(d) for d in rule.when_detectors if d not in PHRASE_DETECTORS) \
                and not detectors.get(f"words:{rule.id}") \
                and (Route.POLICE in routes or priority == "urgent") and _model_reads_text(scores) \
                and not any(scores.get(label, 0.0) >= policy.policy.phrase_confirmation
                            for label in rule.confirm_labels or rule.when_labels):
            # Only a phrase matched and the model did not read the comment that way: a person looks
            # at it, but a phrase alone never sends a comment to the police or marks it urgent.
            routes = [r for r in routes if r != Route.POLICE] or [Route.HEADTEACHER]
            priority = "normal"
            out.explanation.append({"rule": "phrase_only", "signal": "Raised by a phrase, not confirmed by the model",
                                    "text": PHRASE_ONLY_NOTE, "clauses": [], "routes": [str(r) for r in routes]})
        out.rules.append(rule.id)
        out.signals.append(rule.signal)
        out.explanation.append({"rule": rule.id, "signal": rule.signal, "text": rule.explanation,
                                "clauses": list(rule.clauses), "routes": list(routes)})
        if rule.action == "none" and rule.explanation_if_hidden:
            reworded.append((out.explanation[-1], rule.explanation_if_hidden))
        if rule.action == "hide":
            out.action = "hide"
        for route in routes:
            if route not in out.routes:
                out.routes.append(route)
        if out.priority is None or PRIORITY_RANK[priority] > PRIORITY_RANK[out.priority]:
            out.priority = priority
        clause_ids += [c for c in rule.clauses if c not in clause_ids]
    if out.action == "hide":
        for entry, text in reworded:
            entry["text"] = text
    _avoid_conflict_of_interest(out)
    # Register-only is implied whenever a person is asked to review.
    if len(out.routes) > 1 and Route.REGISTER in out.routes:
        out.routes.remove(Route.REGISTER)
    out.clauses = [{"id": cid, **policy.clauses[cid].model_dump()} for cid in clause_ids]
    return out


# Detectors that match phrases about meaning (threats, disclosures, allegations, incitement). Facts
# (names, contact details, links, slurs, repeat authors) are not among them.
PHRASE_DETECTORS = frozenset({"threat_phrases", "safeguarding_disclosure", "staff_harm_allegation",
                              "headteacher_harm_allegation", "self_harm_incitement", "adult_abuse_disclosure"})
PHRASE_ONLY_NOTE = ("Only a phrase in the comment matched this rule, and the model that reads what comments "
                    "mean did not read it that way, so it is not marked urgent or sent to police review. "
                    "Please read it and decide.")


def _model_reads_text(scores: dict[str, float]) -> bool:
    """Whether the classifier that scored this text reads meaning (has the stance heads): only then
    can the absence of a model signal overrule a phrase."""
    return any(label.startswith("head_") for label in scores)


# Rules whose subject is the headteacher: she must not review them (they go to the chair instead).
ABOUT_THE_HEADTEACHER = frozenset({"headteacher_allegation", "headteacher_harm_allegation"})


def _avoid_conflict_of_interest(out: Outcome) -> None:
    """Nobody reviews an allegation about themselves: the headteacher's own case goes to the chair,
    and the headteacher is not asked to review the comment at all."""
    if not ABOUT_THE_HEADTEACHER.intersection(out.rules):
        return
    if Route.HEADTEACHER in out.routes:
        out.routes.remove(Route.HEADTEACHER)
        out.explanation.append({"rule": "conflict_of_interest", "signal": "Conflict of interest",
                                "text": "The comment concerns the headteacher, so it goes to the chair of "
                                        "governors instead of the headteacher.", "clauses": [],
                                "routes": [Route.CHAIR.value]})
    if Route.CHAIR not in out.routes:
        out.routes.append(Route.CHAIR)


# -- the policy in force for one school ----------------------------------------------------------

@dataclass
class SchoolPolicy:
    """Everything the service needs to judge one school's comments the same way everywhere."""

    slug: str
    policy: Policy
    context: "SchoolContext"
    shadow: bool = False


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int) -> Policy:
    return load_policy(path)


def load_policy_file(path: str | Path) -> Policy:
    """``load_policy``, read once per process for each version of the file on disk."""
    path = Path(path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return load_policy(path)  # raises the readable error
    return _load_cached(str(path), mtime)


def for_school(settings: "Settings", slug: str | None) -> SchoolPolicy:
    """The policy in force for the configured school ``slug`` (None: the service default, with no
    school names): its own policy file or the service's, the service-wide threshold overrides,
    shadow mode, and the names its detectors look for."""
    from moderator.judge.detectors import SchoolContext, compile_words

    school = next((s for s in settings.schools if s.slug == slug), None) if slug else None
    if slug and school is None:
        known = ", ".join(s.slug for s in settings.schools) or "none configured"
        raise PolicyError(f"no school {slug!r} in the config (schools: {known})")
    policy = load_policy_file(school.policy_file if school and school.policy_file else settings.policy_file)
    if settings.thresholds:
        policy = policy.model_copy(update={"thresholds": {**policy.thresholds, **settings.thresholds}})
    context = SchoolContext.from_settings(school, policy) if school else SchoolContext(words=compile_words(policy))
    shadow = settings.shadow_mode if school is None or school.shadow_mode is None else school.shadow_mode
    return SchoolPolicy(slug=slug or "", policy=policy, context=context, shadow=shadow)


# -- does each school's record quote its own policy? -----------------------------------------------

MODEL_POLICY = "the model policy"


@dataclass
class PolicyCheck:
    """One school's policy in force: whose words it quotes, and each rule that cites none of them."""

    slug: str
    name: str
    file: str
    quotes: str  # "its own policy", MODEL_POLICY, or both
    problems: list[str] = field(default_factory=list)


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_schools(settings: "Settings") -> list[PolicyCheck]:
    """For each configured school, the rules of its policy in force that cite no clause of its own
    policy: a clause naming another school is that school's words, not this one's. A policy that
    quotes only the model policy (clauses with no ``school``) is the model policy adopted; one that
    quotes the school's own words somewhere should quote them for every rule."""
    out = []
    for school in settings.schools:
        policy = for_school(settings, school.slug).policy
        has_own = any(_same_name(c.school, school.name) for c in policy.clauses.values())
        check = PolicyCheck(slug=school.slug, name=school.name,
                            file=str(school.policy_file or settings.policy_file), quotes="")
        whose = set()
        for rule in policy.rules:
            clauses = [policy.clauses[cid] for cid in rule.clauses]
            mine = [c for c in clauses if _same_name(c.school, school.name)]
            model = [c for c in clauses if not c.school.strip()]
            others = sorted({c.school for c in clauses if c.school.strip() and not _same_name(c.school, school.name)})
            whose.update(["own"] if mine else [], ["model"] if model else [])
            if mine or (model and not has_own):
                continue
            if others:
                check.problems.append(f"rule {rule.id!r} quotes only {', '.join(others)}'s policy, not {school.name}'s")
            else:
                check.problems.append(f"rule {rule.id!r} quotes only {MODEL_POLICY}, not {school.name}'s own policy")
        check.quotes = " and ".join(w for w, k in (("its own policy", "own"), (MODEL_POLICY, "model")) if k in whose)
        out.append(check)
    return out
