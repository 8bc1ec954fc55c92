"""A newcomer adds a platform and a route by touching only the files README.md lists ("Adding a
connector", "Adding a route"): the source is copied, exactly those edits are made, and the real
worker, access rule and console run in the copy. If a new platform or route needed a word, a list or
a check anywhere else, this walk would fail here."""
from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_docs import README, section

ROOT = Path(__file__).resolve().parent.parent

# -- a toy platform: its connector module and its one registry entry ------------------------------

TOY_CONNECTOR = '''"""Toy Social: a made-up platform whose comments come from a JSON Lines file; what the school
does to them is written to a JSON file."""
from __future__ import annotations

import json
from pathlib import Path

from connectors.base import FetchResult, RawComment, UnsupportedAction


class ToyConnector:
    platform = "toy"
    supports = frozenset({"hide", "unhide"})

    def __init__(self, *, platform: str = "toy", handle: str | None = None, feed: str, state: str):
        self.feed, self.state = Path(feed), Path(state)

    def fetch(self, cursor, limit):
        lines = self.feed.read_text(encoding="utf-8").splitlines()
        start = int(cursor or 0)
        batch = [json.loads(line) for line in lines[start:start + limit]]
        return FetchResult([RawComment(platform="toy", external_id=o["id"], text=o["text"], author_id=o["author"],
                                       author_name=o["author"].title(), post_id="toot-1",
                                       permalink=f"https://toy.example/@{o['author']}/{o['id']}") for o in batch],
                           str(start + len(batch)))

    def act(self, action, target, params, idempotency_key):
        if action not in self.supports:
            raise UnsupportedAction(self.platform, action)
        done = json.loads(self.state.read_text(encoding="utf-8")) if self.state.exists() else {}
        done[target.comment_external_id] = action
        self.state.write_text(json.dumps(done), encoding="utf-8")
        return {"done": action}

    def close(self):
        pass
'''
TOY_ENTRY = ('    "toy": PlatformInfo("Toy Social", connector="connectors.toy:ToyConnector", actions={"hide", "unhide"},\n'
             '                        domains=("toy.example",), loggers=("toysdk",)),\n')

# -- a SENCo route: its Route member, its reviewer's Role member, and a rule in the policy file -----

SENCO_ROUTE = '    SENCO = "senco", "Special educational needs co-ordinator"\n'
SENCO_ROLE = '    SENCO = "senco", "SENCo", (Route.SENCO,), EVERY_DECISION\n'
SENCO_RULE = '''
[[rules]]
id = "pupil_sen"
signal = "Names a pupil together with their special educational needs"
when_detectors = ["pupil_named"]
words = ["ADHD", "autism", "autistic", "dyslexia", "dyslexic", "EHCP", "special needs"]
match = "all"
action = "hide"
routes = ["senco"]
priority = "normal"
clauses = ["model-pupils-not-named"]
explanation = "Hidden because it names a pupil together with their special educational needs; the SENCo reviews it."
'''

THREAT = "I'll be waiting at the gates for you on Monday, Mr Okafor. Watch your back."
SEN = "Alfie Morgan has ADHD and ruins every lesson for the rest of the class"
LINK = "Lovely photos from sports day, there are more here https://toy.example/@oakfield/7"

# Run in the copy: the real worker reads the toy platform, judges and hides; the one access rule
# decides what the SENCo sees; the console shows it in the platform's and the route's words.
WALK = '''
import json, logging, re, sys
from pathlib import Path

import pyotp
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlmodel import Session, select

import connectors
from moderator import logs, migrate, words
from moderator.console.app import create_app
from moderator.db import make_engine, transaction
from moderator.people import access
from moderator.people.users import add_user
from moderator.settings import AccountSettings, SchoolSettings, Settings
from moderator.tables import Comment, Escalation, User
from moderator.worker import Worker, sync_config

work = Path(sys.argv[1])
feed, state = work / "toy.jsonl", work / "toy-state.json"
feed.write_text("".join(json.dumps(line) + "\\n" for line in json.loads(sys.argv[2])), encoding="utf-8")
settings = Settings(
    data_dir=work / "data", database_url=f"sqlite:///{work / 'moderator.db'}", secret_key=SecretStr("test-only-" + "k3y" * 12),
    schools=[SchoolSettings(slug="oakfield", name="Oakfield Primary School", headteacher=["Mrs Patel"],
                            staff=["Mr Okafor"], pupil_names=["Alfie Morgan"],
                            accounts=[AccountSettings(handle="oakfield-toy", platform="toy",
                                                      options={"feed": str(feed), "state": str(state)})])])
engine = make_engine(settings.database_url)
migrate.upgrade(engine)
sync_config(engine, settings)
worker = Worker(settings, engine)
worker.run_until_idle()
worker.close()

password = "correct horse battery staple"
with transaction(engine) as session:
    secret = add_user(session, username="sara", role="senco", display_name="Ms Sara Khan", password=password,
                      email="senco@oakfield.sch.uk", actor="test").totp_secret
with Session(engine) as session:
    sara = session.exec(select(User).where(User.username == "sara")).one()
    pairs = session.exec(select(Escalation, Comment).where(Escalation.comment_id == Comment.id)).all()
    routes = sorted((c.external_id, e.route) for e, c in pairs)
    sees = sorted(c.external_id for e, c in session.exec(
        select(Escalation, Comment).where(Escalation.comment_id == Comment.id, access.escalation_visible(sara))))
    sen_item = next(e.id for e, c in pairs if c.external_id == "t-sen" and e.route == "senco")

client = TestClient(create_app(settings, engine), base_url="https://testserver", follow_redirects=False)
token = lambda html: re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
page = client.get("/login")
r = client.post("/login", data={"username": "sara", "password": password, "csrf_token": token(page.text)})
if secret:
    page = client.get(r.headers["location"])
    r = client.post("/login/code", data={"code": pyotp.TOTP(secret).now(), "csrf_token": token(page.text)})
item, queue = client.get(f"/items/{sen_item}"), client.get("/queue")

logs.configure("DEBUG", "text")
print(json.dumps({
    "acted": json.loads(state.read_text(encoding="utf-8")) if state.exists() else {},
    "routes": routes, "senco_sees": sees,
    "item": [item.status_code, "Special educational needs co-ordinator" in item.text, "Open on Toy Social" in item.text],
    "queue": [queue.status_code, "Toy Social" in queue.text],
    "platform_name": words.platform_name("toy"),
    "supported": sorted(connectors.supported_actions("toy", "toy")),
    "toysdk_level": logging.getLogger("toysdk").getEffectiveLevel(),
}))
'''


def _insert_after(path: Path, anchor: str, text: str) -> None:
    """Insert ``text`` after the first line that starts with ``anchor`` (the edit a person makes)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.startswith(anchor)), None)
    assert at is not None, f"{path.name} has no line starting {anchor!r}: README.md's steps no longer fit the code"
    path.write_text("".join(lines[:at + 1]) + text + "".join(lines[at + 1:]), encoding="utf-8")


def _changed(original: Path, copy: Path) -> set[str]:
    """Files added or changed under ``copy`` (relative to its root), caches aside."""
    changed = set()
    for path in copy.rglob("*"):
        if path.is_dir() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(copy)
        before = original / rel
        if not before.exists() or not filecmp.cmp(before, path, shallow=False):
            changed.add(rel.as_posix())
    return changed


@pytest.fixture
def copy(tmp_path) -> Path:
    """The service's source, copied; models/ (hundreds of MB of weights) is linked, never edited."""
    root = tmp_path / "src"
    for part in ("moderator", "connectors"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "models").symlink_to(ROOT / "models", target_is_directory=True)
    return root


def add_the_toy_platform(root: Path) -> None:
    (root / "connectors" / "toy.py").write_text(TOY_CONNECTOR, encoding="utf-8")
    _insert_after(root / "connectors" / "__init__.py", "PLATFORMS: dict[str, PlatformInfo] = {", TOY_ENTRY)


def add_the_senco_route(root: Path) -> None:
    vocab = root / "moderator" / "vocab.py"
    _insert_after(vocab, "    REGISTER = ", SENCO_ROUTE)
    _insert_after(vocab, "    GOVERNOR = ", SENCO_ROLE)
    with (root / "moderator" / "judge" / "policies" / "default.toml").open("a", encoding="utf-8") as policy:
        policy.write(SENCO_RULE)


def test_the_files_the_walks_touch_are_the_ones_the_readme_lists(copy):
    add_the_toy_platform(copy)
    connector_files = _changed(ROOT, copy)
    add_the_senco_route(copy)
    route_files = _changed(ROOT, copy) - connector_files
    assert connector_files == {"connectors/toy.py", "connectors/__init__.py"}
    assert route_files == {"moderator/vocab.py", "moderator/judge/policies/default.toml"}
    for heading, files in (("Adding a connector", connector_files), ("Adding a route", route_files)):
        text = section(README, heading)
        for name in files:
            assert f"`{name.replace('toy', '<name>')}`" in text, f"README.md's {heading!r} does not list {name}"


@pytest.mark.slow
def test_a_new_platform_and_a_new_route_work_end_to_end_from_their_own_files_alone(copy, tmp_path):
    add_the_toy_platform(copy)
    add_the_senco_route(copy)
    feed = [{"id": "t-threat", "author": "mallory", "text": THREAT}, {"id": "t-sen", "author": "bob", "text": SEN},
            {"id": "t-link", "author": "alice", "text": LINK}]
    work = tmp_path / "work"
    work.mkdir()
    script = tmp_path / "walk.py"
    script.write_text(WALK, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    env.update(PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    done = subprocess.run([sys.executable, str(script), str(work), json.dumps(feed)], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])

    # The toy platform: read, judged and hidden through its own connector by the real worker; a link
    # to the platform's own domain is not a suspicious link; its client library's logger is held at INFO.
    assert found["acted"] == {"t-threat": "hide", "t-sen": "hide"}
    assert found["platform_name"] == "Toy Social" and found["supported"] == ["hide", "unhide"]
    assert found["toysdk_level"] == 20  # logging.INFO, though the service logs at DEBUG
    # The SENCo route: a pupil named with an SEN word goes to the SENCo (and, as a pupil named, to the
    # DSL); the SENCo sees that item alone, on its page in the route's and the platform's words.
    routes = {tuple(pair) for pair in found["routes"]}
    assert ("t-sen", "senco") in routes and ("t-threat", "senco") not in routes
    assert found["senco_sees"] == ["t-sen"]
    assert found["item"] == [200, True, True]
    assert found["queue"] == [200, True]
