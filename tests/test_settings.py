"""Production settings refuse to start without a secret, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_secret_key():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_check_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-secret-" + "x7Kq9zP2mW4vB8nR1tY6uJ3hG5fD0sA",
        ALLOWED_HOSTS="sora.example.fi",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_bad_environment_values_fail_loudly():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_env_example_documents_every_variable():
    import re

    used = set(
        re.findall(
            r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', (ROOT / "sora/settings.py").read_text()
        )
    )
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert used - documented == set()


def test_a_proxy_without_trusted_hops_is_a_deploy_warning(settings):
    from sora.checks import check_proxy_hops

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_HOPS = 0
    assert [warning.id for warning in check_proxy_hops(None)] == ["sora.W001"]
    settings.TRUSTED_PROXY_HOPS = 1
    assert check_proxy_hops(None) == []


@pytest.mark.two_factor
def test_turning_two_factor_off_is_a_deploy_warning(settings):
    from sora.checks import check_two_factor

    assert check_two_factor(None) == []
    settings.TWO_FACTOR_REQUIRED = False
    assert [warning.id for warning in check_two_factor(None)] == ["sora.W002"]


def test_an_unknown_role_in_the_two_factor_setting_is_an_error(settings):
    from sora.checks import check_two_factor_roles

    assert check_two_factor_roles(None) == []
    settings.TWO_FACTOR_REQUIRED_ROLES = ["analyst", "analysts"]
    assert [error.id for error in check_two_factor_roles(None)] == ["sora.E001"]
