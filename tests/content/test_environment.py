"""environment.yml (conda) must give conda users exactly the packages pyproject.toml lists."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ENVIRONMENT = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def conda_entries() -> list[str]:
    return [entry for entry in ENVIRONMENT["dependencies"] if isinstance(entry, str)]


def pip_entries() -> list[str]:
    pip_sections = [
        entry["pip"] for entry in ENVIRONMENT["dependencies"] if isinstance(entry, dict)
    ]
    assert len(pip_sections) == 1, "environment.yml needs exactly one pip: section"
    return list(pip_sections[0])


def test_conda_brings_only_python_and_pip() -> None:
    names = sorted(re.split(r"[=<>! ]", entry)[0] for entry in conda_entries())
    assert names == ["pip", "python"], (
        "list packages in pyproject.toml, not in environment.yml; conda only brings python and pip"
    )


def test_conda_python_satisfies_requires_python() -> None:
    (python,) = [entry for entry in conda_entries() if entry.startswith("python")]
    version = tuple(int(part) for part in python.split("=")[-1].split("."))
    minimum = re.match(r">=\s*(\d+)\.(\d+)", PYPROJECT["project"]["requires-python"])
    assert minimum, "requires-python must state a minimum"
    assert version >= (int(minimum.group(1)), int(minimum.group(2)))


def test_pip_installs_this_project_with_extras_that_exist() -> None:
    (entry,) = pip_entries()
    match = re.fullmatch(r"-e \.(?:\[([a-z,]+)\])?", entry)
    assert match, f"the pip section must install the project itself (-e .[extras]), not {entry!r}"
    extras = set((match.group(1) or "").split(",")) - {""}
    assert extras <= set(PYPROJECT["project"]["optional-dependencies"])
    assert "test" in extras, "conda users should be able to run the test suite too"
