"""Judging text outside the worker: ``moderator classify`` (one comment, standard input or a JSON
Lines file, exactly as the worker judges it), ``eval`` (the classifier on labelled data) and
``calibrate`` (the thresholds on a school's own reviews)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from moderator import progress
from moderator.cli.base import CliError, engine_for, known_school, settings_for, with_demo

CHUNK = 64


def cmd_classify(args: argparse.Namespace) -> int:
    from models import load_classifier
    from moderator.judge import explain
    from moderator.act.pipeline import judge_texts, outcome_for
    from moderator.judge.policy import for_school

    settings = with_demo(settings_for(args))  # with no school configured, the demo's, as `moderator demo` runs it
    school = for_school(settings, known_school(settings, args.school))
    problems: list[str] = []
    if args.file:
        items, problems = _classify_items(Path(args.file))
    elif args.text is None:
        raise CliError("give the comment text, - to read it from standard input, or --file FILE.jsonl")
    elif args.text == "-":
        items = [{"text": _stdin_text()}]
    else:
        if _has_surrogates(args.text):
            raise CliError("the text given is not UTF-8: give it as UTF-8, or as a JSON Lines file with --file")
        items = [{"text": args.text}]
    for problem in problems:  # before the results, so a reader sees at once that some lines were left out
        print(f"moderator: {problem}", file=sys.stderr)
    classifier = load_classifier(settings.classifier, **settings.classifier_options)
    with progress.shown("classifying", unit="comment") as report:
        for start in range(0, len(items), CHUNK):
            chunk = items[start:start + CHUNK]
            judged = judge_texts([i["text"] for i in chunk], classifier=classifier, schools=[school] * len(chunk),
                                 attachments=[i.get("attachments") for i in chunk])
            for item, judgement in zip(chunk, judged):
                outcome, detectors = outcome_for(school, judgement)
                result = {
                    "classifier": classifier.name, "classifier_version": classifier.version,
                    "normalised": judgement.normalised,
                    "scores": {k: round(v, 4) for k, v in judgement.scores.items()},
                    "detectors": detectors, "action": outcome.action, "shadow": school.shadow, "rules": outcome.rules,
                    "signals": outcome.signals, "routes": outcome.routes, "priority": outcome.priority,
                    "clauses": [c["id"] for c in outcome.clauses], "explanation": explain.lines(outcome),
                    "policy_version": school.policy.version,
                    "note": "the repeat-author rule needs the author's history, so only the worker applies it",
                }
                if args.file:
                    print(json.dumps({"id": item.get("id"), **result}, ensure_ascii=False))
                else:
                    print(json.dumps(result, indent=2, ensure_ascii=False))
            report(start + len(chunk), len(items))
    if problems:
        print(f"moderator: {len(problems)} line(s) of {args.file} left out (above); the others were judged",
              file=sys.stderr)
        return 1
    return 0


def _has_surrogates(text: str) -> bool:
    """Python keeps bytes that are not UTF-8 as lone surrogates: they would be dropped unseen later."""
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _stdin_text() -> str:
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        text = sys.stdin.read()
        if _has_surrogates(text):
            raise CliError("standard input is not UTF-8")
        return text
    data = raw.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(f"standard input is not UTF-8: byte 0x{data[exc.start]:02x} at position {exc.start} "
                       "(save the text as UTF-8 and try again)") from None


def _classify_items(path: Path) -> tuple[list[dict], list[str]]:
    """Comments to classify from a JSON Lines file (replay-feed lines, or {"text": ...} objects), and
    a problem for each line that cannot be one: it is named and left out, the others are judged."""
    items, problems = [], []
    with path.open("rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(f"{path}, line {number}: not UTF-8 (byte 0x{line[exc.start]:02x} at position "
                                f"{exc.start})")
                continue
            try:
                obj = json.loads(text)
            except ValueError:
                problems.append(f"{path}, line {number}: not JSON")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                problems.append(f"{path}, line {number}: needs a \"text\" string")
                continue
            attachments = obj.get("attachments")
            items.append({"id": obj.get("id"), "text": obj["text"],
                          "attachments": attachments if isinstance(attachments, list) else None})
    return items, problems


def cmd_eval(args: argparse.Namespace) -> int:
    from models import load_classifier
    from moderator.judge.evaluate import evaluate_file
    from moderator.judge.policy import for_school

    settings = settings_for(args)
    policy = for_school(settings, None).policy
    if args.label not in policy.thresholds and args.threshold is None:
        raise CliError(f"no threshold for label {args.label!r} in the policy; give --threshold")
    classifier = load_classifier(settings.classifier, **settings.classifier_options)
    positive = [v.strip() for v in args.positive.split(",")] if args.positive else None
    with progress.shown("scoring", unit="comment") as report:
        result = evaluate_file(Path(args.data), text_column=args.text_column, label_column=args.label_column,
                               classifier=classifier, positive=positive, label=args.label, progress=report,
                               threshold=args.threshold if args.threshold is not None else policy.thresholds[args.label])
    print(json.dumps(result, indent=2))
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from moderator.judge.calibrate import calibrate, render
    from moderator.judge.policy import for_school

    settings = with_demo(settings_for(args))
    policy = for_school(settings, known_school(settings, args.school)).policy
    engine = engine_for(settings)
    with Session(engine) as session:
        print(render(calibrate(session, args.school, policy)))
    return 0
