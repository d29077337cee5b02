from pathlib import Path

import pytest

from lib.env import EnvError, database_from_url, env_bool, env_int, env_list, env_str


def test_booleans(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.setenv("FLAG", "perhaps")
    with pytest.raises(EnvError):
        env_bool("FLAG")


def test_whole_numbers_below_the_minimum_are_refused(monkeypatch):
    monkeypatch.setenv("HOURS", "4")
    assert env_int("HOURS", 1, minimum=1) == 4
    monkeypatch.setenv("HOURS", "0")
    with pytest.raises(EnvError, match="at least 1"):
        env_int("HOURS", 1, minimum=1)
    monkeypatch.setenv("HOURS", "four")
    with pytest.raises(EnvError):
        env_int("HOURS", 1)


def test_secret_from_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("TOKEN_FILE", str(secret))
    assert env_str("TOKEN") == "from-a-file"


def test_lists(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.fi, b.fi,,")
    assert env_list("HOSTS") == ["a.fi", "b.fi"]


def test_database_urls():
    base = Path("/srv/sora")
    assert database_from_url("sqlite:///db.sqlite3", base_dir=base)["NAME"] == base / "db.sqlite3"
    assert database_from_url("sqlite:////var/x.db", base_dir=base)["NAME"] == Path("/var/x.db")
    pg = database_from_url("postgres://u:p%40ss@db.local:5433/sora", base_dir=base)
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "u",
        "p@ss",
        "db.local",
        "5433",
        "sora",
    )
    with pytest.raises(EnvError):
        database_from_url("mysql://x", base_dir=base)
