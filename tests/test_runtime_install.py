"""The runtime install (`pip install .`) has no torch, transformers or detoxify: the service scores
comments on the ONNX path without them, and a classifier that does need them says how to get them.

The test runs the service in a fresh interpreter with an import hook that refuses those three
packages, so it sees exactly what an install without the `torch` extra would see."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TORCH_PACKAGES = ("torch", "transformers", "detoxify")

BLOCKER = textwrap.dedent("""
    import importlib.abc, sys
    BLOCKED = {"torch", "transformers", "detoxify"}

    class NotInstalled(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in BLOCKED:
                raise ModuleNotFoundError(f"No module named {name!r} (not in the runtime install)", name=name)
            return None

    sys.meta_path.insert(0, NotInstalled())
""")


def run_without_torch(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    script = tmp_path / "without_torch.py"
    script.write_text(BLOCKER + textwrap.dedent(body), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "MODERATOR_LOG_FORMAT": "text",
           "MODERATOR_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_runtime_dependencies_leave_torch_transformers_and_detoxify_to_an_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: list[str]) -> set[str]:
        return {re.match(r"[A-Za-z0-9_.-]+", req).group().lower() for req in requirements}

    runtime, extras = names(project["dependencies"]), project["optional-dependencies"]
    assert not runtime & set(TORCH_PACKAGES)
    assert names(extras["torch"]) >= set(TORCH_PACKAGES)
    assert {"onnxruntime", "tokenizers"} <= runtime
    assert "school-moderator[torch]" in extras["test"]


def test_the_service_imports_and_scores_a_comment_with_torch_absent(tmp_path):
    result = run_without_torch(tmp_path, """
        import importlib, json, pkgutil, sys
        import connectors, models, moderator, moderator.console

        imported = []
        for package in (moderator, connectors, models):
            for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                # Alembic's scripts run under Alembic; a __main__ runs the command it stands for
                if not info.name.startswith("moderator.migrations") and not info.name.endswith(".__main__"):
                    importlib.import_module(info.name)
                    imported.append(info.name)

        from moderator.cli import main
        code = main(["classify", "You are a useless idiot and everyone hates you", "--school", "oakfield"])
        assert code == 0, code
        assert not any(m.partition(".")[0] in BLOCKED for m in sys.modules)
        print("IMPORTED", json.dumps(imported))
    """)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    imported = json.loads(out.split("IMPORTED ", 1)[1])
    assert {"moderator.worker", "moderator.read.webhook", "moderator.console.app", "connectors.facebook",
            "connectors.x", "models.onnx_backend", "models.embedded"} <= set(imported)
    judged = json.loads(out.split("IMPORTED ", 1)[0])
    assert judged["action"] == "hide"
    assert judged["scores"]["toxicity"] > 0.5
    assert judged["classifier"] == "embedded-routed-onnx-int8"  # the default classifier, on ONNX Runtime


def test_a_torch_classifier_without_torch_names_the_extra_to_install(tmp_path):
    result = run_without_torch(tmp_path, """
        from models import ClassifierError, load_classifier
        for name in ("embedded", "embedded-en", "detoxify-original"):
            try:
                load_classifier(name)
            except ClassifierError as exc:
                print(name, "->", exc)
            else:
                raise SystemExit(f"{name} loaded without torch")
    """)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    for line in lines:
        assert "needs PyTorch" in line and "school-moderator[torch]" in line, line
