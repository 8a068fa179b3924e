"""Which template static paths the server looks up at all (everything else is a 404)."""

from __future__ import annotations

import pytest

from course_server.static import static_file_parts


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("lab/static/voila.js", ("lab", "voila.js")),
        ("tc-course/static/index.css", ("tc-course", "index.css")),
        ("lab/static/143.voila.js.LICENSE.txt", ("lab", "143.voila.js.LICENSE.txt")),
        ("lab/static/fonts/a.woff2", ("lab", "fonts/a.woff2")),
    ],
)
def test_template_files_are_looked_up(path: str, parts: tuple[str, str]) -> None:
    assert static_file_parts(path) == parts


@pytest.mark.parametrize(
    "path",
    [
        "lab/static/../../conf.json",
        "lab/static/a/../../b",
        "../static/voila.js",
        "./static/voila.js",
        ".hidden/static/voila.js",
        "lab/static//etc/passwd",
        "/etc/static/passwd",
        "lab/static/\x00",
        "lab/static/voila.js\x00.png",
        "lab/static/..\\..\\conf.json",
        "lab/static/a\nb",
        "lab/static/.",
        "lab/static/",
        "lab/static",
        "lab",
        "lab/nostatic/voila.js",
        "",
    ],
)
def test_odd_paths_are_refused(path: str) -> None:
    assert static_file_parts(path) is None
