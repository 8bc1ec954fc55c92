"""moderator/ is laid out in the order a comment travels (README.md, "Project layout"): every package
imports only from the packages before it, so the folder listing is the service's shape and no arrow
points back up. Imports inside functions count too: a lazy import is still an arrow."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "moderator"

# lowest first; a module may import from its own layer and the ones before it
LAYERS: list[tuple[str, ...]] = [
    ("settings", "logs", "db", "migrate", "migrations", "tables", "vocab", "words", "audit", "progress", "fonts"),
    ("people",),
    ("read",),
    ("judge",),
    ("act",),
    ("record", "documents"),
    ("console", "cli", "worker"),
]
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def _part(module: str) -> str | None:
    """The top-level part of moderator/ a dotted module name belongs to (None: not the service's)."""
    bits = module.split(".")
    return bits[1] if bits[0] == "moderator" and len(bits) > 1 else None


def _imports(path: Path) -> list[tuple[int, str]]:
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            if base == "moderator":  # from moderator import audit, db: each name is a part
                found += [(node.lineno, f"moderator.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, base))
    return found


def _arrows_back_up() -> list[str]:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = _part(".".join(path.relative_to(ROOT).with_suffix("").parts))
        if own is None or own == "__init__":
            continue
        for line, module in _imports(path):
            other = _part(module)
            if other is None or other == own:
                continue
            if RANK[other] > RANK[own]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module} ({other} comes after {own})")
    return wrong


def test_every_part_of_the_service_has_a_place_in_the_layers():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())) and p.name != "__init__.py"}
    assert sorted(parts - set(RANK)) == [], "add the new part of moderator/ to LAYERS (and README.md's layout)"


def test_no_import_points_back_up_the_flow():
    assert _arrows_back_up() == []


def test_the_check_sees_an_arrow_back_up(tmp_path, monkeypatch):
    # the check itself can fail: a judge module that imports the console is caught
    fake_root = tmp_path
    judge = fake_root / "moderator" / "judge"
    judge.mkdir(parents=True)
    (fake_root / "moderator" / "__init__.py").write_text("")
    (judge / "__init__.py").write_text("")
    (judge / "bad.py").write_text("def f():\n    from moderator.console import web\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", fake_root, raising=False)
    globals_ = globals()
    saved = globals_["ROOT"], globals_["PACKAGE"]
    globals_["ROOT"], globals_["PACKAGE"] = fake_root, fake_root / "moderator"
    try:
        assert _arrows_back_up() == ["moderator/judge/bad.py:2 imports moderator.console (console comes after judge)"]
    finally:
        globals_["ROOT"], globals_["PACKAGE"] = saved
