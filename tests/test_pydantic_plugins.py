"""The ``argmap`` command turns pydantic plugins off and skips the search for them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ARGUMENTS, ROOT

FLAGSHIP = str(ARGUMENTS / "gabuev-2017-good-cop-bad-cop.yaml")


def _imports_of_check(env_value: str | None) -> tuple[int, str, str]:
    """Run ``argmap check`` on a flagship map as the command does; its exit code, stderr and imports."""
    environment = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    if env_value is not None:
        environment["PYDANTIC_DISABLE_PLUGINS"] = env_value
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "argmap", "check", FLAGSHIP],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    # The summary line shares standard error with the import times.
    return done.returncode, done.stderr, " ".join(sorted(imported))


@pytest.mark.parametrize("env_value", [None, "__all__", "1", "true"])
def test_with_every_plugin_off_the_plugin_search_is_skipped(env_value: str | None) -> None:
    code, stderr, imported = _imports_of_check(env_value)
    assert code == 0, stderr
    assert "quotes checked" in stderr
    assert "pydantic.plugin._schema_validator" in imported.split()
    assert "importlib.metadata" not in imported.split()


def test_plugins_the_user_names_are_looked_for_as_pydantic_does() -> None:
    """Turning off only some plugins leaves pydantic to search for the others."""
    code, stderr, imported = _imports_of_check("some-plugin")
    assert code == 0, stderr
    assert "importlib.metadata" in imported.split()


def test_the_stand_in_answers_as_pydantic_does_with_plugins_off() -> None:
    """No plugins; any other name comes from pydantic's real loader."""
    script = (
        "import os, sys\n"
        "os.environ.pop('PYDANTIC_DISABLE_PLUGINS', None)\n"
        "from argmap.cli.pydantic_plugins import STAND_IN, turn_off\n"
        "turn_off()\n"
        "assert os.environ['PYDANTIC_DISABLE_PLUGINS'] == '__all__'\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert tuple(get_plugins()) == ()\n"
        "assert sys.modules['pydantic.plugin._loader'] is STAND_IN\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "assert PYDANTIC_ENTRY_POINT_GROUP == 'pydantic'\n"
        "assert sys.modules['pydantic.plugin._loader'] is not STAND_IN\n"
        "assert tuple(sys.modules['pydantic.plugin._loader'].get_plugins()) == ()\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")
