"""The committed lock is the environment `make test` installs: complete, hashed, and within the ranges."""

from __future__ import annotations

import re
import tomllib

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def _pins() -> dict[str, Version]:
    """Each package's version on this interpreter, markers evaluated as pip would."""
    pins: dict[str, Version] = {}
    environment = default_environment()
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if not match:
            continue
        name, version, marker = match.groups()
        if marker and not Requirement(f"x; {marker}").marker.evaluate(environment):  # type: ignore[union-attr]
            continue
        pins[canonicalize_name(name)] = Version(version)
    return pins


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        listed += extra
    listed += (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").split("\n")
    return [Requirement(line) for line in listed if line.strip() and not line.startswith("#")]


def test_every_requirement_is_locked_within_its_range() -> None:
    """A range changed in pyproject.toml without `make lock` fails here, not on a fresh machine."""
    pins = _pins()
    for requirement in _requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements/lock.txt; run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{requirement.name} {pins[name]} in the lock is outside {requirement.specifier}; run make lock"
        )


def test_every_locked_package_carries_hashes() -> None:
    """pip installs the lock with --require-hashes: a pin without a hash would stop the install."""
    text = LOCK.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    assert len(entries) >= len(_pins())
    for entry in entries:
        if entry.startswith("#"):
            continue
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_runtime_ranges_name_a_major_bound() -> None:
    """Each runtime dependency names the majors tested: a lower bound and an upper bound below the next major."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for line in project["dependencies"]:
        requirement = Requirement(line)
        operators = {spec.operator for spec in requirement.specifier}
        assert operators == {">=", "<"}, line
