"""Voila over plain HTTP: every lesson renders, with no error and no code in the page."""

from __future__ import annotations

import html
import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, VoilaServer, lesson_files, read_notebook, running_voila

pytestmark = pytest.mark.voila

LESSONS = lesson_files()
ERROR_MARKERS = ("There was an error when executing cell", "Traceback (most recent call last)")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=180) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def unescaped(page: str) -> str:
    """The page with Voila's JSON escapes undone: outputs travel as escaped JSON in the HTML."""
    page = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page)
    return page.replace('\\"', '"').replace("\\n", "\n")


def visible_text(page: str) -> str:
    """What a reader could find in the page: code, when shown, is split into highlighting spans."""
    return html.unescape(re.sub(r"<[^>]*>", "", unescaped(page)))


def code_lines(path: Path) -> list[str]:
    cells = read_notebook(path)["cells"]  # type: ignore[index]
    lines = []
    for cell in cells:  # type: ignore[attr-defined]
        if cell["cell_type"] == "code":
            lines += [line.strip() for line in "".join(cell["source"]).splitlines() if line.strip()]
    return lines


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.stem)
def test_lesson_renders_without_errors_or_code(voila_server: VoilaServer, path: Path) -> None:
    status, raw = fetch(voila_server.lesson_url(path.stem))
    assert status == 200
    markup, text = unescaped(raw), visible_text(raw)
    for marker in ERROR_MARKERS:
        assert marker not in text, f"{path.name}: {marker}"
    assert 'class="tc-objectives"' in markup
    assert 'class="tc-sources"' in markup
    for line in code_lines(path):
        assert line not in text, f"{path.name} shows its code: {line}"


def test_voila_config_is_the_one_in_use(voila_server: VoilaServer) -> None:
    log = voila_server.log.read_text(encoding="utf-8", errors="replace")
    assert "Culling kernels with idle durations > 900 seconds" in log
    assert "Kernel pool of 00-start-here.ipynb is filled" in log or "Kernel started" in log


@pytest.fixture(scope="module")
def probe_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Voila with the course's voila.json serving a folder of every kind of file."""
    root = tmp_path_factory.mktemp("static")
    shutil.copy(ROOT / "voila.json", root / "voila.json")
    served = root / "lessons"
    (served / ".hidden").mkdir(parents=True)
    for name in ("figure.png", "bank.yaml", "data.csv", "data.json", "notes.py", "progress.db"):
        (served / name).write_bytes(b"probe")
    (served / ".hidden" / "secret.png").write_bytes(b"probe")
    with running_voila(root, root / "voila.log") as url:
        yield url


def test_images_are_served(probe_server: str) -> None:
    assert fetch(probe_server + "/voila/files/figure.png")[0] == 200


@pytest.mark.parametrize(
    "name",
    ["bank.yaml", "data.csv", "data.json", "notes.py", "progress.db", ".hidden/secret.png"],
)
def test_content_files_are_never_served(probe_server: str, name: str) -> None:
    assert fetch(f"{probe_server}/voila/files/{name}")[0] in {403, 404}
