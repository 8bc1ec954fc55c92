"""Settings: environment first, then the TOML file; a wrong setting stops start-up, naming it."""
from __future__ import annotations

import pytest

from moderator.cli import main
from moderator.settings import SettingsError, load_settings

CONFIG = """
database_url = "sqlite:///{db}"
poll_interval_seconds = 30

[[schools]]
slug = "oakfield"
name = "Oakfield Primary School"
headteacher = ["Mrs Patel"]

[[schools.accounts]]
handle = "oakfield-facebook"
platform = "facebook"
connector = "replay"
options = {{ feed = "feed.jsonl" }}
"""


def config(tmp_path, text=None):
    path = tmp_path / "moderator.toml"
    path.write_text(text if text is not None else CONFIG.format(db=tmp_path / "m.db"), "utf-8")
    return path


def test_the_config_file_is_read(tmp_path):
    settings = load_settings(config(tmp_path))
    assert settings.poll_interval_seconds == 30
    assert settings.schools[0].accounts[0].handle == "oakfield-facebook"


def test_the_environment_wins_over_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("MODERATOR_POLL_INTERVAL_SECONDS", "120")
    assert load_settings(config(tmp_path)).poll_interval_seconds == 120


def test_an_unknown_platform_names_the_setting_and_what_is_allowed(tmp_path):
    path = config(tmp_path, CONFIG.format(db=tmp_path / "m.db").replace('platform = "facebook"', 'platform = "myspace"'))
    with pytest.raises(SettingsError) as err:
        load_settings(path)
    message = str(err.value)
    assert "schools.0.accounts.0.platform" in message and "'facebook'" in message and "'x'" in message


@pytest.mark.parametrize("env, value, fragment", [
    ("MODERATOR_CLASSIFIER", "magic-8-ball", "allowed: "),
    ("MODERATOR_DATABASE_URL", "mysql://root@db/x", "postgresql://"),
    ("MODERATOR_BATCH_SIZE", "0", "batch_size"),
    ("MODERATOR_LOG_LEVEL", "LOUD", "log_level"),
    ("MODERATOR_SHADOW_MODE", "perhaps", "shadow_mode"),
])
def test_a_wrong_setting_stops_start_up_with_a_clear_message(monkeypatch, env, value, fragment):
    monkeypatch.setenv(env, value)
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert fragment in str(err.value)


def test_the_cli_prints_the_problem_and_exits_2(monkeypatch, capsys):
    monkeypatch.setenv("MODERATOR_BATCH_SIZE", "-3")
    assert main(["accounts", "list"]) == 2
    assert "setting 'batch_size'" in capsys.readouterr().err


def test_a_secret_can_come_from_a_file(tmp_path, monkeypatch):
    secret = tmp_path / "key"
    secret.write_text("k" * 48 + "\n")
    monkeypatch.setenv("MODERATOR_SECRET_KEY_FILE", str(secret))
    assert load_settings().secret_key.get_secret_value() == "k" * 48


def test_a_placeholder_secret_is_refused_and_never_echoed(monkeypatch):
    monkeypatch.setenv("MODERATOR_SECRET_KEY", "changeme")
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert "secret_key" in str(err.value) and "changeme" not in str(err.value)


def test_a_missing_config_file_is_named(tmp_path):
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_duplicate_account_handles_are_refused(tmp_path):
    text = CONFIG.format(db=tmp_path / "m.db")
    text += '\n[[schools.accounts]]\nhandle = "oakfield-facebook"\nplatform = "x"\nconnector = "replay"\n'
    with pytest.raises(SettingsError, match="repeated: oakfield-facebook"):
        load_settings(config(tmp_path, text))


def test_an_unknown_connector_is_refused(tmp_path):
    text = CONFIG.format(db=tmp_path / "m.db").replace('connector = "replay"', 'connector = "carrier-pigeon"')
    with pytest.raises(SettingsError, match="carrier-pigeon"):
        load_settings(config(tmp_path, text))


def test_the_database_url_can_come_from_a_file(tmp_path, monkeypatch):
    url = tmp_path / "url"
    url.write_text("postgresql+psycopg://moderator:s3cret@db/moderator\n")
    monkeypatch.setenv("MODERATOR_DATABASE_URL_FILE", str(url))
    assert load_settings().database_url == "postgresql+psycopg://moderator:s3cret@db/moderator"


def test_a_table_in_the_environment_that_is_not_json_names_the_variable_and_the_form_it_needs(monkeypatch):
    monkeypatch.setenv("MODERATOR_THRESHOLDS", "{toxicity = 0.7}")  # TOML, as in the config file
    with pytest.raises(SettingsError) as err:
        load_settings()
    message = str(err.value)
    assert "MODERATOR_THRESHOLDS" in message and "not valid JSON" in message and '{"toxicity": 0.7}' in message
    assert "config_file" not in message


def test_a_config_run_never_writes_into_the_demos_database(tmp_path, monkeypatch):
    """The demo (no school configured) and a config run from the same folder keep separate databases."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MODERATOR_CONFIG", raising=False)
    demo = load_settings()
    trial = load_settings(config(tmp_path, CONFIG.replace('database_url = "sqlite:///{db}"\n', "").format()))
    assert demo.data_dir == trial.data_dir
    assert demo.effective_database_url != trial.effective_database_url
    assert demo.effective_database_url.endswith("/moderator-data/demo/moderator.db")
    assert trial.effective_database_url.endswith("/moderator-data/moderator.db")
