"""School signals the classifier cannot see: pupils' and staff names, allegations of harm by
staff, complaints, disclosures by children and by adults, incitement to self-harm, identity-based
abuse (a maintained lexicon, moderator/judge/lexicon/identity.toml, plus exclusion phrases), counter-
speech, confidential matters, photos, personal data, spam and the policy's own word lists. Each
detector returns the matched evidence (empty list: did not fire).

The words and patterns live in ``detect_patterns``; text folding and the identity lexicon in
``detect_lexicon``; this module holds what the detectors know about a school and runs them.
All patterns are linear-time (no nested quantifiers) and run on bounded text, because comment
text is hostile. ``repeat_author`` needs the database and is computed in the pipeline.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from moderator.judge.detect_lexicon import LexiconError, fold, identity_terms, is_reported, load_lexicon, mask_unquoted
from moderator.judge.detect_patterns import (
    ADDRESS, ADULT_ABUSE, ALLEGATION, CHILD_CONTEXT, CHILD_NAMED, COMPLAINT, CONFIDENTIAL, COUNTER,
    DIRECT_INSULT, ECHO, EMAIL, EXCLUSION, FAMILY_AFTER, GATE_ADULT, GATE_COUNTER, GATE_EXCLUDED, GATE_GROUP,
    GATE_MEETING, GATE_PRIVATE, GATE_STAFF, GOVERNANCE, HANDSHAKE, HARM_ACT, HEADTEACHER_WORDS, HEAD_ROLE, HONORIFIC_NAME,
    I, MEDIA_TYPES, NICKNAMES, NOT_A_NAME, PHONE, POINTS_AT_CHILD, POSTCODE, PRAISE, SAFEGUARDING, SCAM,
    SELF_HARM, SELF_HARM_NEGATED, SELF_HARM_STEMS, STAFFING, STAFF_ROLE, THREAT, TRUSTED_DOMAINS, URL
)

__all__ = ["LexiconError", "MAX_SCAN_CHARS", "NEGATIVE_SCORE", "Roster", "SchoolContext", "WordList", "compile_words",
           "detect", "load_lexicon", "name_hash"]

# Facebook comments stop at 8,000 characters and X posts at 25,000; a longer text is hostile, and
# every detector stops here so that judging it stays quick (about a second at worst).
MAX_SCAN_CHARS = 50_000
# A comment only counts as an attack on a named person when it is negative: either the classifier
# finds it fairly toxic or it uses allegation words.
NEGATIVE_SCORE = 0.7

_TOKENS = re.compile(r"[a-z0-9]+")


def _edit1(a: str, b: str) -> bool:
    """At most one insertion, deletion, substitution or adjacent swap apart (names of 4+ letters)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if min(la, lb) < 4 or abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:] or (a[i + 1:i + 2] == b[i:i + 1] and a[i:i + 1] == b[i + 1:i + 2] and a[i + 2:] == b[i + 2:])
    return a[i + 1:] == b[i:] if la > lb else a[i:] == b[i + 1:]


def name_hash(name: str, salt: str) -> str:
    """How a trust stores a pupil's name without the name: sha256 of salt + the name folded to lower-case words."""
    canon = " ".join(re.findall(r"[a-z]+", fold(name)))
    return hashlib.sha256(f"{salt}\x00{canon}".encode()).hexdigest()


@dataclass
class SchoolContext:
    """What the detectors know about one school. Names are matched case-insensitively as words.

    ``pupil_name_hashes`` (with ``pupil_name_salt``) stand in for names where a trust shares the
    configuration: candidate words and word pairs of a comment are hashed the same way and looked
    up, so the names themselves are never stored. ``words`` holds the policy file's own word lists
    (rule id -> ``WordList``), made by ``compile_words``.
    """

    headteacher: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    pupil_names: list[str] = field(default_factory=list)
    pupil_nicknames: dict[str, list[str]] = field(default_factory=dict)
    pupil_name_hashes: list[str] = field(default_factory=list)
    pupil_name_salt: str = ""
    words: dict[str, "WordList"] = field(default_factory=dict)
    _compiled: dict[str, re.Pattern | None] = field(default_factory=dict, repr=False)
    _roster: "Roster | None" = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, school, policy=None) -> "SchoolContext":  # noqa: ANN001 - SchoolSettings, Policy
        """The context for one configured school (and its policy's word lists). Reads the identity
        lexicon now, so a broken or missing lexicon stops the service at start-up."""
        load_lexicon()
        return cls(headteacher=list(school.headteacher), staff=list(school.staff),
                   pupil_names=school.all_pupil_names(),
                   pupil_nicknames=dict(getattr(school, "pupil_nicknames", None) or {}),
                   pupil_name_hashes=list(getattr(school, "pupil_name_hashes", None) or []),
                   pupil_name_salt=_secret(getattr(school, "pupil_name_salt", None)),
                   words=compile_words(policy) if policy is not None else {})

    def pattern(self, kind: str) -> re.Pattern | None:
        if kind not in self._compiled:
            names = {"headteacher": self.headteacher, "staff": self.staff, "pupils": self.pupil_names,
                     "pupil_first": [n.split()[0] for n in self.pupil_names if " " in n.strip()]}[kind]
            names = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
            self._compiled[kind] = (
                re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", I) if names else None
            )
        return self._compiled[kind]

    def name_words(self) -> frozenset[str]:
        """Every word of the staff's and headteacher's names, lower case (a cheap first check)."""
        if "_name_words" not in self._compiled:
            self._compiled["_name_words"] = frozenset(  # type: ignore[assignment]
                w for n in self.staff + self.headteacher for w in re.findall(r"[a-z0-9]+", n.lower()))
        return self._compiled["_name_words"]  # type: ignore[return-value]

    def roster(self) -> "Roster":
        if self._roster is None:
            self._roster = Roster.build(self.pupil_names, self.pupil_nicknames, self.pupil_name_hashes)
        return self._roster


@dataclass
class Roster:
    """The pupils' names as the detectors look them up: every first-name form (nicknames too), the
    forms of each pupil, surnames with an index of one-letter deletions (so a misspelt surname
    is found without comparing it with every name on a 400-pupil roster), and hashed names."""

    firsts: dict[str, list[str]]
    forms: dict[str, set[str]]
    surnames: dict[str, list[tuple[str, str]]]
    near_index: dict[str, set[str]]
    hashes: set[str]

    @classmethod
    def build(cls, names: list[str], nicknames: dict[str, list[str]], hashes: list[str]) -> "Roster":
        firsts: dict[str, list[str]] = {}
        forms: dict[str, set[str]] = {}
        surnames: dict[str, list[tuple[str, str]]] = {}
        for full in names:
            parts = re.findall(r"[a-z]+(?:-[a-z]+)?", full.lower())
            if not parts:
                continue
            first = parts[0]
            mine = {first, *NICKNAMES.get(first, []), *nicknames.get(full, []), *nicknames.get(first, []),
                    *nicknames.get(first.title(), [])}
            forms[full] = {f.lower() for f in mine}
            for form in forms[full]:
                firsts.setdefault(form, []).append(full)
            if len(parts) > 1:
                surnames.setdefault(parts[-1], []).append((first, full))
        near_index: dict[str, set[str]] = {}
        for surname in surnames:
            for key in _deletions(surname):
                near_index.setdefault(key, set()).add(surname)
        return cls(firsts, forms, surnames, near_index, {h.lower() for h in hashes})

    def near_surnames(self, word: str) -> list[str]:
        """Roster surnames within one edit of ``word`` (4+ letters; exact for shorter words)."""
        if word in self.surnames:
            return [word]
        if len(word) < 4 or len(word) > 30:
            return []
        found = set()
        for key in _deletions(word):
            found |= self.near_index.get(key, set())
        return [s for s in found if _edit1(word, s)]


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _secret(value) -> str:  # noqa: ANN001 - SecretStr, str or None
    return value.get_secret_value() if hasattr(value, "get_secret_value") else str(value or "")


@dataclass(frozen=True)
class WordList:
    """One rule's own words: plain whole words are looked up in a set (quick however long the
    list); wildcards, phrases and part-word matches go into one pattern."""

    plain: frozenset[str]
    pattern: re.Pattern | None

    def find(self, folded: str, words: set[str]) -> list[str]:
        return sorted(self.plain & words)[:3] + _find(self.pattern, folded, 3)


def compile_words(policy) -> dict[str, WordList]:  # noqa: ANN001 - moderator.judge.policy.Policy
    """The policy's own word lists, one per rule: ``*`` is any run of letters, and a rule with
    ``words_whole_word = false`` matches inside longer words too."""
    out: dict[str, WordList] = {}
    for rule in getattr(policy, "rules", []):
        words = getattr(rule, "words", None)
        if not words:
            continue
        whole = getattr(rule, "words_whole_word", True)
        plain, parts = set(), []
        for word in sorted(set(words), key=len, reverse=True):
            folded = fold(word).strip()
            if whole and re.fullmatch(r"[a-z0-9]+", folded):
                plain.add(folded)
                continue
            parts.append(r"\s+".join(r"[a-z0-9']{0,30}".join(re.escape(piece) for piece in chunk.split("*"))
                                     for chunk in folded.split()))
        edge_l, edge_r = (r"(?<![a-z0-9])", r"(?![a-z0-9])") if whole else ("", "")
        pattern = re.compile(edge_l + "(?:" + "|".join(parts) + ")" + edge_r) if parts else None
        out[rule.id] = WordList(frozenset(plain), pattern)
    return out


def _find(pattern: re.Pattern | None, text: str, limit: int = 5) -> list[str]:
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        found.append(match.group(0)[:120])
        if len(found) >= limit:
            break
    return found


def _negative(text: str, scores: dict[str, float]) -> list[str]:
    if max((scores.get(k, 0.0) for k in ("toxicity", "insult", "threat", "identity_attack")), default=0.0) >= NEGATIVE_SCORE:
        return ["negative tone (classifier)"]
    return _find(ALLEGATION, text, 3)


def _untrusted_links(text: str) -> list[str]:
    out = []
    for url in _find(URL, text, 10):
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=I).split("/")[0].split("?")[0].lower()
        if not any(host == d or host.endswith("." + d) for d in TRUSTED_DOMAINS):
            out.append(url)
    return out


def _pupils(raw: str, school: SchoolContext) -> tuple[list[str], list[str]]:
    """(evidence that a pupil on the roster is named, evidence that a pupil's family is named)."""
    roster = school.roster()
    named: list[str] = []
    family: list[str] = []
    if not (roster.firsts or roster.hashes):
        return named, family
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)?", raw)][:3000]
    words = [t[0] for t in tokens]
    child_context = CHILD_CONTEXT.search(raw) is not None
    salt = school.pupil_name_salt
    for i, (tok, start, end) in enumerate(tokens):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        base = tok if tok in roster.firsts else tok[:-1] if tok.endswith("s") and tok[:-1] in roster.firsts else None
        # possessive: "Ruby's mum", "Rubys dad", "Ruby Holt's mum", "the Holt family"
        if base or tok in roster.surnames or (tok.endswith("s") and tok[:-1] in roster.surnames):
            poss = FAMILY_AFTER.match(raw, end)
            if poss:
                family.append(raw[start:poss.end()][:80])
        # full name, each part within one edit of the roster ("Jaden Price", "Ruby Hoult")
        if nxt and len(tok) >= 3:
            for cand_last in [nxt] + ([nxt[:-1]] if nxt.endswith("s") else []):
                for last in roster.near_surnames(cand_last):
                    for _first, full in roster.surnames[last]:
                        if tok in roster.forms[full] or any(_edit1(tok, f) for f in roster.forms[full]):
                            named.append(f"{raw[start:tokens[i + 1][2]]} (roster: {full})")
        if base and raw[start:start + 1].isupper() and re.search(r"\b(?:our|my|little)\s+$", raw[max(0, start - 8):start], I):
            named.append(f"{raw[start:end]} (roster first name: {', '.join(roster.firsts[base])}, a family's own child)")
        elif base and child_context and (raw[start:start + 1].isupper() or base != tok):
            named.append(f"{raw[start:end]} (roster first name: {', '.join(roster.firsts[base])}, with a child or class "
                         "mentioned)")
        if roster.hashes and salt:
            if name_hash(tok, salt) in roster.hashes and child_context:
                named.append(f"{raw[start:end]} (hashed roster)")
            if nxt and name_hash(f"{tok} {nxt}", salt) in roster.hashes:
                named.append(f"{raw[start:tokens[i + 1][2]]} (hashed roster)")
    return named, family


def _staff_harm(raw: str, school: SchoolContext) -> tuple[list[str], list[str]]:
    """(allegations of harm about staff, about the headteacher): a reference to an adult at the
    school within 300 characters of an act of harm, misconduct or inappropriate contact."""
    head_refs = [(m.start(), m.group(0)) for p in (school.pattern("headteacher"), HEAD_ROLE) if p for m in p.finditer(raw)][:20]
    head_spans = {s for s, _ in head_refs}
    head_names = {h.lower() for _, h in head_refs}
    staff_refs = [(m.start(), m.group(0)) for p in (school.pattern("staff"), HONORIFIC_NAME, STAFF_ROLE)
                  if p for m in p.finditer(raw)
                  if m.start() not in head_spans and m.group(0).lower() not in head_names][:20]
    if not head_refs and not staff_refs:
        return [], []
    acts = [(m.start(), m.group(0)[:120]) for p in HARM_ACT for m in p.finditer(raw)
            if not HANDSHAKE.match(m.group(0)) or not re.match(r"(?:'s|’s)\s+hand", raw[m.end():m.end() + 8])][:20]

    def near(refs: list) -> list[str]:
        out = []
        for pos, ref in refs:
            for at, act in acts:
                if -120 <= at - pos <= 300:
                    out += [ref, act]
        return out

    return near(staff_refs), near(head_refs)


def _close(anchors: list[re.Match], pattern: re.Pattern, raw: str, span: int) -> list[str]:
    """``pattern``'s matches in ``raw`` (the first ten) that start within ``span`` characters of
    one of ``anchors``; nothing when there are no anchors."""
    if not anchors:
        return []
    return [m.group(0) for m in list(pattern.finditer(raw))[:10]
            if any(abs(m.start() - a.start()) <= span for a in anchors)]


MODEL_SIGNAL = 0.7  # a head's calibrated score at its validated threshold (models/onnx_backend.py)


def _model_reads_harm_by_staff(scores: dict[str, float]) -> bool:
    return max(scores.get("head_staff_harm_allegation", 0.0), scores.get("head_head_harm_allegation", 0.0)) >= MODEL_SIGNAL


def _self_harm(folded: str) -> list[str]:
    out = []
    for pattern in SELF_HARM:
        for m in pattern.finditer(folded):
            if SELF_HARM_NEGATED.search(folded[max(0, m.start() - 30):m.start()]):
                continue  # "don't kill yourself over it"
            out.append(m.group(0)[:120])
    return out


def _attachments(attachments: list[dict] | None) -> list[str]:
    out = []
    for att in (attachments or [])[:20]:
        kind = str((att or {}).get("type") or "attachment").lower()[:40] if isinstance(att, dict) else "attachment"
        if any(t in kind for t in MEDIA_TYPES) or kind not in ("share", "link", "url", "native_templates"):
            out.append(f"a {kind} the text classifier cannot see")
    return out


def detect(text: str, normalised: str, scores: dict[str, float], school: SchoolContext, *,
           attachments: list[dict] | None = None, post_text: str | None = None) -> dict[str, list[str]]:
    """Run every detector over the raw and the normalised text (and the comment's attachments and
    the post's text when known). Only detectors that fired are returned, each with its evidence."""
    raw = (text or "")[:MAX_SCAN_CHARS]
    norm = (normalised or "")[:MAX_SCAN_CHARS]
    both = raw if norm == raw else raw + "\n" + norm
    folded = fold(raw) if norm == raw else fold(raw) + "\n" + fold(norm)
    unquoted = mask_unquoted(folded)
    words = set(_TOKENS.findall(folded))
    hits: dict[str, list[str]] = {}

    def add(name: str, evidence: list[str]) -> None:
        if evidence:
            hits[name] = list(dict.fromkeys(evidence))[:10]

    threats = [e for p in THREAT for e in _find(p, mask_unquoted(both), 2)]
    add("threat_phrases", threats)

    pupils = _find(school.pattern("pupils"), raw)
    if CHILD_CONTEXT.search(raw):
        pupils += _find(school.pattern("pupil_first"), raw)
    for pattern in CHILD_NAMED:
        for match in pattern.finditer(raw):
            if match.group(1).lower() not in NOT_A_NAME:
                pupils.append(match.group(0)[:120])
    fuzzy, family = _pupils(raw, school)
    negative = _negative(both, scores)
    if pupils + fuzzy and not (negative or threats or family) and PRAISE.search(raw):
        # named in praise: still hidden (names are the pupils' own), but nobody is at risk
        add("pupil_praise", pupils + fuzzy + _find(PRAISE, raw, 2))
    else:
        add("pupil_named", pupils + fuzzy)
    add("pupil_family_named", family)

    head = _find(school.pattern("headteacher"), raw) + _find(HEADTEACHER_WORDS, raw)
    head_names = {h.lower() for h in head}
    staff = [s for s in _find(school.pattern("staff"), raw) + _find(HONORIFIC_NAME, raw) if s.lower() not in head_names]
    if negative and head:
        add("headteacher_allegation", head + negative)
    if negative and staff:
        add("staff_allegation", staff + negative)
    staff_words = GATE_STAFF | school.name_words()
    staff_harm, head_harm = _staff_harm(raw, school) if words & staff_words else ([], [])
    add("staff_harm_allegation", staff_harm)
    add("headteacher_harm_allegation", head_harm)
    if staff_harm and not head_harm and _model_reads_harm_by_staff(scores):
        # An allegation of harm the phrases found, and the model reads as harm by someone at the
        # school; whether it is about the headteacher is a fact of the text (her names, role words).
        refs = _find(school.pattern("headteacher"), raw) + _find(HEAD_ROLE, raw)
        if refs:
            add("headteacher_harm_allegation", refs + ["read by the model as an allegation that a child was harmed"])

    add("complaint", _find(COMPLAINT, both, 3))
    adult = [e for p in ADULT_ABUSE for e in _find(p, both, 2)] if words & GATE_ADULT else []
    add("adult_abuse_disclosure", adult)
    if not adult and not staff_harm and not head_harm:
        # the same words ("hits me", "bruise") in an adult's disclosure or an allegation about staff
        # belong to those signals; a child's own disclosure is the rest
        add("safeguarding_disclosure", _find(SAFEGUARDING, both, 3))
    if any(stem in folded for stem in SELF_HARM_STEMS):
        add("self_harm_incitement", _self_harm(folded))
    terms, ordinary, reported = identity_terms(folded, unquoted)
    # hostile phrases about a group: exclusion ("go back home"), and the "(((them)))" echo
    hostile = ([EXCLUSION[0]] if "go" in words and words & {"back", "home"} else []) + \
        ([EXCLUSION[1]] if "send" in words else []) + (EXCLUSION[2:] if words & GATE_GROUP else []) + \
        ([ECHO] if "(((" in unquoted else [])
    phrases = []
    for pattern in hostile:
        for m in list(pattern.finditer(unquoted))[:5]:
            (reported if is_reported(unquoted, m.start(), m.end()) else phrases).append(m.group(0)[:120])
    identity = terms + phrases
    add("identity_terms", identity)
    if ordinary and not identity and not DIRECT_INSULT.search(both):
        # a word the classifier reads as a slur, here in its ordinary sense (a dish, a place, a film)
        add("homonym", ordinary)
    add("personal_data", _find(PHONE, raw) + _find(EMAIL, raw) + _find(ADDRESS, raw) + _find(POSTCODE, raw))

    links = _untrusted_links(raw)
    scams = _find(SCAM, both, 3)
    if links or len(scams) >= 2:
        add("spam_link", links + scams)

    media = _attachments(attachments)
    if media:
        child = (hits.get("pupil_named", []) + hits.get("pupil_praise", []) + hits.get("pupil_family_named", [])
                 + _find(POINTS_AT_CHILD, raw, 2))
        if post_text:
            post = post_text[:MAX_SCAN_CHARS]
            child += [f"the post: {e}" for e in _find(school.pattern("pupils"), post) + _pupils(post, school)[0]]
        add("attachment_child", media + child if child else [])
        if not child:
            add("attachment", media)

    confidential = []
    # what was said at a meeting
    meetings = list(CONFIDENTIAL[0].finditer(raw))[:10] if words & GATE_MEETING else []
    said = _close(meetings, CONFIDENTIAL[1], raw, 150)
    if said:
        confidential += [m.group(0) for m in meetings] + said
    for pattern, gate in ((CONFIDENTIAL[2], GATE_EXCLUDED), (CONFIDENTIAL[3], GATE_PRIVATE), (CONFIDENTIAL[4], GATE_PRIVATE),
                          (CONFIDENTIAL[5], GATE_PRIVATE)):
        if words & gate:
            confidential += _find(pattern, raw, 2)
    # what was decided about staff at a governors' meeting
    governance = list(GOVERNANCE.finditer(raw))[:10]
    staffing = _close(governance, STAFFING, raw, 200)
    if staffing:
        confidential += [governance[0].group(0)] + staffing
    add("confidential_matter", confidential)

    counter = _find(COUNTER, raw, 2) if words & GATE_COUNTER else []
    counter += [f"reports someone else's words: {r}" for r in reported[:3]]
    if counter and not (threats or hits.get("identity_terms") or hits.get("self_harm_incitement")
                        or DIRECT_INSULT.search(mask_unquoted(both))):
        add("counter_speech", counter)
        # asking for a comment about staff (or anyone) to be removed is neither an attack nor a complaint
        for name in ("staff_allegation", "headteacher_allegation", "complaint"):
            hits.pop(name, None)

    for rule_id, wordlist in school.words.items():
        add(f"words:{rule_id}", wordlist.find(folded, words))
    return hits
