"""The words people read, in one place: the console's templates (as Jinja globals, moderator/console/web.py),
the documents, the case history, the CLI and the e-mails all take their names for platforms, referrals,
detectors and the service's own decision from here. Route and role names live beside the routes and
roles themselves (moderator/vocab.py), platform names in each platform's entry (connectors.PLATFORMS).
"""
from __future__ import annotations

from typing import Any

from connectors import PLATFORM_NAMES


def most_first(counts: Any, n: int | None = None) -> list[tuple[Any, int]]:
    """Counts as people read them in a summary, a chart or a report: most first, equal counts by
    name. (``Counter.most_common`` keeps ties in the order the rows came from the database, which
    PostgreSQL changes from one run to the next.)"""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return ranked if n is None else ranked[:n]

# A Referral row's kind (review.REFERRAL_KINDS) as the case history, the console and the documents say it.
REFERRAL_NAMES: dict[str, str] = {
    "police": "Referred to the police", "no_police": "No police referral needed",
    "mash": "Referred to children's social care / MASH", "lado": "LADO consulted",
    "early_help": "Early help", "none": "No safeguarding referral",
}

# Every detector of policy.DETECTORS in plain English, for the item page ("The service noticed: ...").
DETECTOR_NAMES: dict[str, str] = {
    "threat_phrases": "threatening phrases", "pupil_named": "a pupil's name",
    "staff_allegation": "a named member of staff", "headteacher_allegation": "the headteacher",
    "complaint": "a complaint", "safeguarding_disclosure": "a possible safeguarding disclosure",
    "personal_data": "personal data", "spam_link": "a suspicious link", "repeat_author": "the same author again",
    "staff_harm_allegation": "an allegation that staff harmed a child",
    "headteacher_harm_allegation": "an allegation that the headteacher harmed a child",
    "self_harm_incitement": "encouragement to self-harm", "adult_abuse_disclosure": "an adult disclosing abuse",
    "identity_terms": "words about who someone is (race, religion, disability and the like)",
    "counter_speech": "someone standing up to abuse", "pupil_family_named": "a pupil's family member",
    "pupil_praise": "praise of a pupil", "attachment": "an attachment",
    "attachment_child": "an attachment that may show a child", "confidential_matter": "a confidential matter",
    "homonym": "a word that also has an innocent meaning",
    "unsupported_language": "a language the model was not trained on",
    "unread_language": "a language whose meaning the model was not checked on",
}


def platform_name(platform: str) -> str:
    """"Facebook", "X": a platform as people read it; an unknown one as stored."""
    return PLATFORM_NAMES.get(platform, platform)


def referral_name(kind: str) -> str:
    return REFERRAL_NAMES.get(kind, kind)


def detector_name(detector: str) -> str:
    return DETECTOR_NAMES.get(detector, detector.replace("_", " "))


def service_did(action: str, shadow: bool, *, nothing_done: bool = False) -> str:
    """What the service's own decision did to the comment: "hid it", "would have hidden it (shadow
    mode)" or "left it visible". ``nothing_done`` spells out that shadow mode changed nothing."""
    if shadow and action == "hide":
        return "would have hidden it (shadow mode: nothing was done)" if nothing_done else \
            "would have hidden it (shadow mode)"
    return "hid it" if action == "hide" else "left it visible"
