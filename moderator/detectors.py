"""School signals the classifier cannot see: pupils' and staff names, complaints, disclosures,
personal data, spam. Each detector returns the matched evidence (empty list: did not fire).

All patterns are linear-time (no nested quantifiers) and run on bounded text, because comment
text is hostile. ``repeat_author`` needs the database and is computed in the pipeline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_SCAN_CHARS = 200_000
# A comment only counts as an attack on a named person when it is negative: either the classifier
# finds it fairly toxic or it uses allegation words.
NEGATIVE_SCORE = 0.7

I = re.IGNORECASE

THREAT = [
    re.compile(r"\b(?:i'?ll|i will|i'?m going to|im going to|i'?m gonna|gonna|going to|we'?ll|we will)\s+"
               r"(?:kill|hurt|stab|shoot|smash|batter|beat|punch|knock|slap|deck|break|burn|get|find|come for|sort)\s+"
               r"(?:you|u|him|her|them|his|her|your|ur|that|the|this|every|mr|mrs|miss|ms)\b", I),
    re.compile(r"\b(?:kill|stab|shoot|batter|beat up|smash)\s+(?:you|u|him|her|them|that teacher|the teacher|the head)\b", I),
    re.compile(r"\bwatch (?:your|ur|yer) back\b", I),
    re.compile(r"\b(?:wait(?:ing)?|be)\s+(?:for (?:you|him|her|them)\s+)?(?:outside|at)\s+(?:the\s+)?(?:school\s+)?gates?\b.{0,40}?\b(?:for|till|until|you|him|her|them)\b", I),
    re.compile(r"\bknow where (?:you|u|she|he|they) live", I),
    re.compile(r"\b(?:burn|blow up|bomb|torch)\s+(?:the|this|that|your|ur)\s+(?:school|house|car|place)\b", I),
    re.compile(r"\byou(?:'re| are|r)\s+(?:dead|finished|gonna get it)\b", I),
    re.compile(r"\b(?:someone|somebody) (?:should|needs to|ought to) (?:hurt|kill|stab|shoot|beat|batter|sort out)\b", I),
]

ALLEGATION = re.compile(
    r"\b(?:liar|lying|lies|lied|thief|thieves|fraud|hand in the till|covers? (?:up )?for (?:her|him|them)|useless|incompetent|disgrace(?:ful)?|disgusting|sacked|sack (?:her|him|them)|"
    r"fired|struck off|abus(?:e|ed|es|ive)|bull(?:y|ies|ied|ying)|drunk|racist|pervert|nonce|creep|corrupt|"
    r"steal(?:s|ing)?|stole|hit (?:my|a|the) (?:child|son|daughter|kid|boy|girl)|shout(?:s|ed|ing)? at|"
    r"picks? on|unprofessional|ashamed|hates? (?:my|the|our) (?:kids|children|son|daughter|child)|"
    r"shouldn'?t be (?:a teacher|teaching|allowed)|not fit to|clueless|idiot|vile|evil|cow|pig|scum)\b", I)

COMPLAINT = re.compile(
    r"\b(?:complain(?:t|ts|ing|ed)?|disgrace(?:ful)?|unacceptable|appalling|shocking|ridiculous|"
    r"not good enough|no ?one (?:listens|replied|responds|cares)|nobody (?:listens|replied|responds|cares)|"
    r"ignored|let down|pathetic|joke of a school|absolute joke|fuming|furious|rubbish school|worst school|"
    r"taking (?:my|our) (?:child|kids|son|daughter|children) out|still waiting for (?:a|an) (?:reply|answer|response)|"
    r"no (?:reply|response|answer) (?:to|from)|(?:had|got) no (?:reply|response|answer)|why (?:has|have) (?:nobody|no ?one)|"
    r"raised it (?:twice|again|several times)|nothing (?:has )?changed|daylight robbery|shambles|"
    r"(?:is|was) a disaster|not (?:happy|fair|acceptable)|(?:really|very|so|bit) disappointing|"
    r"nobody from the school (?:ever )?does anything)\b", I)

SAFEGUARDING = re.compile(
    r"\b(?:hits? me|hurts? me|hurting me|touch(?:ed|es|ing)? me|scared to go home|not safe at home|"
    r"nobody feeds me|no food at home|wants? to die|kill myself|killing myself|self[- ]?harm(?:ing)?|"
    r"cutting myself|being bullied|bullied every day|abus(?:e|ed|ing) (?:me|him|her|them|at home)|"
    r"neglect(?:ed)?|bruis(?:e|es|ed|ing)|locked (?:me |him |her )?in (?:my|his|her|the) room|"
    r"groom(?:ed|ing)|inappropriate (?:messages|photos|pictures|contact)|"
    r"messag(?:ing|ed|es) (?:my|a|our) (?:child|son|daughter|kid)|"
    r"worried about (?:a|this|that|the|one) (?:child|boy|girl|kid|pupil|little)|safeguarding (?:concern|issue|worry))\b", I)

PHONE = re.compile(r"(?<!\d)(?:\+44\s?7\d{3}|07\d{3})\s?\d{3}\s?\d{3}(?!\d)|(?<!\d)0[1-3]\d{2,3}\s?\d{3}\s?\d{3,4}(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}\b")
ADDRESS = re.compile(
    r"\b\d{1,4}[a-z]?\s+[A-Z][a-z]{2,20}(?:\s[A-Z][a-z]{2,20})?\s"
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Drive|Way|Crescent|Court|Gardens|Place|Terrace|Grove|Mews)\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b")

URL = re.compile(r"\bhttps?://[^\s<>\"']{1,500}|\bwww\.[^\s<>\"']{1,500}|\b[a-z0-9-]{1,63}\.(?:ly|io|xyz|top|click|biz|ru|cn|tk|gg|link|shop)/[^\s]{0,200}", I)
SCAM = re.compile(
    r"\b(?:bitcoin|crypto|btc|forex|investment opportunity|earn £?\$?\d+|free iphone|gift ?card|"
    r"click (?:the |my )?link|dm me|inbox me|whatsapp|telegram|onlyfans|cash ?app|promo code|work from home|"
    r"guaranteed (?:profit|returns)|claim (?:your|ur) (?:prize|reward)|you(?:'ve| have) won)\b", I)
TRUSTED_DOMAINS = ("gov.uk", "nhs.uk", "sch.uk", "bbc.co.uk", "facebook.com", "fb.com", "x.com", "twitter.com",
                   "ofsted.gov.uk", "nspcc.org.uk", "childline.org.uk", "police.uk")

HEADTEACHER_WORDS = re.compile(r"\b(?:the )?head ?teacher\b|\bthe head\b|\bhead of school\b|\bthe principal\b", I)
HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Miss|Ms|Mx|Dr)\.?\s+[A-Z][a-z]{1,30}\b")
CHILD_CONTEXT = re.compile(r"\b(?:year|yr|class|reception|nursery|pupil|child|kid|boy|girl|son|daughter|lad|little)\b", I)
CHILD_NAMED = [
    re.compile(r"\b(?:[Mm]y|[Oo]ur|[Hh]er|[Hh]is|[Tt]heir)\s+(?:son|daughter|child|boy|girl|lad|little one|kid|grandson|granddaughter)\s*,?\s+([A-Z][a-z]{1,20})\b"),
    re.compile(r"\b(?:a|the|that|this)\s+(?:boy|girl|child|kid|pupil|lad)\s+(?:called|named)\s+([A-Z][a-z]{1,20})\b"),
    re.compile(r"\b([A-Z][a-z]{1,20})(?:\s+[A-Z][a-z]{1,20})?\s+in\s+(?:[Yy]ear|[Yy]r|[Cc]lass|[Rr]eception)\b"),
]
NOT_A_NAME = {
    "everyone", "everybody", "children", "kids", "pupils", "parents", "all", "those", "these", "students",
    "someone", "anyone", "nobody", "boys", "girls", "teachers", "staff", "well", "done", "thanks", "thank",
    "who", "anybody", "somebody", "one", "many", "some", "most", "and", "the", "also", "so", "just", "only",
    "mr", "mrs", "miss", "ms", "dr", "today", "yesterday", "everything", "nothing", "something", "bless",
}


@dataclass
class SchoolContext:
    """What the detectors know about one school. Names are matched case-insensitively as words."""

    headteacher: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    pupil_names: list[str] = field(default_factory=list)
    _compiled: dict[str, re.Pattern | None] = field(default_factory=dict, repr=False)

    def pattern(self, kind: str) -> re.Pattern | None:
        if kind not in self._compiled:
            names = {"headteacher": self.headteacher, "staff": self.staff, "pupils": self.pupil_names,
                     "pupil_first": [n.split()[0] for n in self.pupil_names if " " in n.strip()]}[kind]
            names = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
            self._compiled[kind] = (
                re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", I) if names else None
            )
        return self._compiled[kind]


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


def detect(text: str, normalised: str, scores: dict[str, float], school: SchoolContext) -> dict[str, list[str]]:
    """Run every text detector over the raw and the normalised text. Only detectors that fired are returned."""
    raw = text[:MAX_SCAN_CHARS]
    norm = normalised[:MAX_SCAN_CHARS]
    both = raw + "\n" + norm
    hits: dict[str, list[str]] = {}

    def add(name: str, evidence: list[str]) -> None:
        if evidence:
            hits[name] = list(dict.fromkeys(evidence))

    add("threat_phrases", [e for p in THREAT for e in _find(p, both, 2)])

    pupils = _find(school.pattern("pupils"), raw)
    if CHILD_CONTEXT.search(raw):
        pupils += _find(school.pattern("pupil_first"), raw)
    for pattern in CHILD_NAMED:
        for match in pattern.finditer(raw):
            if match.group(1).lower() not in NOT_A_NAME:
                pupils.append(match.group(0)[:120])
    add("pupil_named", pupils)

    negative = _negative(both, scores)
    head = _find(school.pattern("headteacher"), raw) + _find(HEADTEACHER_WORDS, raw)
    head_names = {h.lower() for h in head}
    staff = [s for s in _find(school.pattern("staff"), raw) + _find(HONORIFIC_NAME, raw) if s.lower() not in head_names]
    if negative and head:
        add("headteacher_allegation", head + negative)
    if negative and staff:
        add("staff_allegation", staff + negative)

    add("complaint", _find(COMPLAINT, both, 3))
    add("safeguarding_disclosure", _find(SAFEGUARDING, both, 3))
    add("personal_data", _find(PHONE, raw) + _find(EMAIL, raw) + _find(ADDRESS, raw) + _find(POSTCODE, raw))

    links = _untrusted_links(raw)
    scams = _find(SCAM, both, 3)
    if links or len(scams) >= 2:
        add("spam_link", links + scams)
    return hits
