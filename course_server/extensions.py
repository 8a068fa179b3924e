"""Which JupyterLab extensions a lesson page loads: plotly's only where a chart may be drawn.

Voila lists every installed extension in each page's config, and the page loads each listed
extension's renderers before it shows the lesson: jupyterlab-plotly's is plotly.js, 4.6 MiB of
the 9.5 MiB a first view moved (``bench/page_weight.py``). Most lessons draw no chart. Their
code cells are calls of names from ``widgets.lesson``, whose ``SHOWN`` table says which names
draw charts, so the course's page config hook (``course_page_config``, installed by
``course_server.app``) leaves plotly out of a notebook when it is sure that nothing in it can
draw one:

- every code cell only imports names from ``widgets.lesson`` and calls them, and none of those
  names draws charts (``Shown.draws_charts``);
- no stored output holds a plotly figure.

Anything else (a notebook that is not a course lesson, a cell that computes, a file that is not
a notebook) keeps plotly: a chart missing its renderer costs more than the bytes.
"""

from __future__ import annotations

import ast
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from widgets.lesson import SHOWN

#: The labextension that renders plotly figures, as Voila's page config names it.
PLOTLY_EXTENSION = "jupyterlab-plotly"
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
#: Where lesson cells import the names they call.
LESSON_MODULE = "widgets.lesson"

PageConfigHook = Callable[..., dict[str, Any]]


def _cell_calls(source: str) -> list[str] | None:
    """The ``widgets.lesson`` names a code cell imports or calls, or None when the cell does
    anything else (or is not Python)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    names: list[str] = []
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.module == LESSON_MODULE:
            names += [alias.name for alias in statement.names]
        elif (
            isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Call)
            and isinstance(statement.value.func, ast.Name)
        ):
            names.append(statement.value.func.id)
        else:
            return None
    return names


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def may_draw_charts(notebook: dict[str, Any]) -> bool:
    """Whether a page of this notebook may need plotly's renderer (True unless sure it does not)."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        if any(PLOTLY_MIMETYPE in output.get("data", {}) for output in cell.get("outputs", [])):
            return True
        names = _cell_calls(_source(cell))
        if names is None or any(name not in SHOWN or SHOWN[name].draws_charts for name in names):
            return True
    return False


@functools.lru_cache(maxsize=256)
def _file_may_draw_charts(path: Path, modified_ns: int) -> bool:
    """``may_draw_charts`` of a notebook file, kept until the file changes."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return not isinstance(notebook, dict) or may_draw_charts(notebook)


def notebook_may_draw_charts(path: Path) -> bool:
    """``may_draw_charts`` of the notebook at ``path``; True for anything that is not one."""
    if path.suffix != ".ipynb":
        return True
    try:
        modified_ns = path.stat().st_mtime_ns
    except OSError:
        return True
    return _file_may_draw_charts(path, modified_ns)


def without_unused_plotly(
    page_config: dict[str, Any], *, settings: dict[str, Any], notebook_path: str | Path | None
) -> dict[str, Any]:
    """The page config with plotly's extension left out when the notebook cannot draw a chart.

    Changes ``page_config`` in place (Voila's home page handler ignores the hook's result) and
    returns it. ``notebook_path`` is relative to the contents manager's root; a path outside it
    is never read (Voila answers 404 for it).
    """
    if not notebook_path:
        return page_config
    root = Path(getattr(settings.get("contents_manager"), "root_dir", ".")).resolve()
    path = (root / notebook_path).resolve()
    if not path.is_relative_to(root) or notebook_may_draw_charts(path):
        return page_config
    page_config["federated_extensions"] = [
        extension
        for extension in page_config.get("federated_extensions", [])
        if extension.get("name") != PLOTLY_EXTENSION
    ]
    return page_config


def course_page_config(configured: PageConfigHook | None) -> PageConfigHook:
    """Voila's ``page_config_hook``: ``configured`` (one set in Voila's config, if any), then
    ``without_unused_plotly``."""

    def hook(page_config: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        if configured is not None:
            page_config = configured(page_config, **kwargs)
        return without_unused_plotly(
            page_config, settings=kwargs["settings"], notebook_path=kwargs.get("notebook_path")
        )

    return hook
