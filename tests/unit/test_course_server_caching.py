"""Which static URLs a browser may keep for a year, and which it must revalidate."""

from __future__ import annotations

import pytest

from course_server.caching import IMMUTABLE, REVALIDATE, cache_control

VERSION = {"v": [b"0e3f8a1c2d4b5e6f"]}


@pytest.mark.parametrize(
    ("path", "arguments"),
    [
        # Voila's template files, through tornado's static_url (the file's content hash).
        ("/voila/templates/tc-course/static/voila.js", VERSION),
        ("/voila/templates/tc-course/static/index.css", VERSION),
        # A labextension's entry point and chunks, named by webpack or rspack after their content.
        ("/voila/labextensions/jupyterlab-plotly/static/remoteEntry.1dda3c8f6e5cd2a3.js", {}),
        ("/voila/labextensions/jupyterlab-plotly/static/0.03957c7088ad5ed0.js", VERSION),
        (
            "/voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/84.09c61a35dce1705f.js",
            {},
        ),
        ("/voila/templates/tc-course/static/1cb1c39ea642f26a4dfe.woff", {}),
    ],
)
def test_versioned_urls_are_kept_for_a_year(path: str, arguments: dict[str, list[bytes]]) -> None:
    assert cache_control(path, arguments) == IMMUTABLE


@pytest.mark.parametrize(
    "path",
    [
        # Voila's chunks keep their names across releases.
        "/voila/static/7155.voila.js",
        "/voila/static/voila.js",
        "/voila/templates/tc-course/static/voila-style.js",
        # Unhashed labextension files.
        "/voila/labextensions/jupyterlab-plotly/static/style.js",
        "/voila/labextensions/jupyterlab-plotly/package.json",
        # Too short to be a content hash, or a hash that is not the file name's last part.
        "/voila/static/deadbeef.js",
        "/voila/static/remoteEntry.1dda3c8f6e5cd2a3.js.map",
        "/voila/static/1dda3c8f6e5cd2a3/index.js",
    ],
)
def test_other_urls_are_revalidated(path: str) -> None:
    assert cache_control(path, {}) == REVALIDATE
