"""tools/run_lessons.py executes lessons in a fresh kernel and refuses to save a broken one."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import tool
from tests.unit.conftest import notebook


@pytest.fixture(scope="module")
def run_lessons() -> ModuleType:
    return tool("run_lessons")


def write_lesson(tmp_path: Path, code: list[str]) -> Path:
    path = tmp_path / "03-probe.ipynb"
    text = json.loads(notebook(["# Probe"], code))
    text["metadata"]["widgets"] = {"state": {"big": "saved widget state"}}
    path.write_text(json.dumps(text), encoding="utf-8")
    return path


def test_a_failing_lesson_names_lesson_and_cell_and_is_not_saved(
    run_lessons: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lesson(tmp_path, ["x = 1", "x / 0", "print('never')"])
    before = path.read_text(encoding="utf-8")
    assert run_lessons.main([str(path)]) == 1
    message = capsys.readouterr().err
    assert "03-probe.ipynb: code cell 2 ('x / 0') failed" in message
    assert "ZeroDivisionError" in message
    assert path.read_text(encoding="utf-8") == before


def test_a_good_lesson_is_saved_with_outputs_and_without_widget_state(
    run_lessons: ModuleType, tmp_path: Path
) -> None:
    path = write_lesson(tmp_path, ["import os", "os.path.basename(os.getcwd())", "6 * 7"])
    assert run_lessons.main([str(path)]) == 0
    saved = json.loads(path.read_text(encoding="utf-8"))
    code = [cell for cell in saved["cells"] if cell["cell_type"] == "code"]
    assert [cell["execution_count"] for cell in code] == [1, 2, 3]
    assert "".join(code[1]["outputs"][0]["data"]["text/plain"]) == repr(tmp_path.name)
    assert "".join(code[2]["outputs"][0]["data"]["text/plain"]) == "42"
    assert "widgets" not in saved["metadata"]
    assert saved["metadata"]["kernelspec"]["name"] == "python3"


def test_a_missing_lesson_file_stops_with_its_name(run_lessons: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"no such lesson file: .*99-none\.ipynb"):
        run_lessons.main([str(tmp_path / "99-none.ipynb")])
