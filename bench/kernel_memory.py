"""What each lesson's kernel holds once the lesson has rendered: resident memory and modules.

    .venv/bin/python bench/kernel_memory.py [LESSON ...] [--fresh-store]

Runs every lesson (or the ones named) in a fresh kernel, as ``tools/run_lessons.py`` does, then
asks that kernel for its resident set size (VmRSS), how many modules it has imported, and
whether the heavy libraries (ipywidgets, plotly, numpy, the X-ray engine, SQLAlchemy, Alembic)
are among them. A bare kernel that imports nothing is measured the same way, as the floor; a
lesson's ratio is its memory over the bare kernel's (goal: at most 1.8).

The kernels share one progress store, made at the newest schema before the first kernel starts,
as every kernel of a class finds the store the first one made. With ``--fresh-store`` each
kernel gets an empty store of its own and creates it, which also loads Alembic (about 12 MiB),
as the very first kernel on a new machine does. Never the user's store. Nothing is written back
to the lessons.

Per-lesson details go to stderr; stdout ends with one ``name: value`` line per figure:
``kernel_rss_mib_bare``, then per lesson (stem with ``-`` as ``_``) ``kernel_rss_mib_<stem>``,
``kernel_modules_<stem>`` and ``kernel_rss_ratio_<stem>``, and ``kernel_rss_ratio_max``.
``measure()`` returns the same figures as a dict.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.conftest import environment  # noqa: E402
from tools.run_lessons import KERNELSPEC, LESSON_ENV, LESSONS, lesson_paths  # noqa: E402

HEAVY = (
    "ipywidgets",
    "plotly",
    "numpy",
    "widgets.xray.radiograph",
    "sqlalchemy",
    "alembic",
)
PROBE = f"""\
import json as _json, sys as _sys
_rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS"))
print(_json.dumps({{"rss_kib": _rss, "modules": len(_sys.modules),
                    "heavy": [name for name in {HEAVY!r} if name in _sys.modules]}}))
"""
GOAL_RATIO = 1.8


def probe_kernel(cells: Sequence[str], cwd: Path) -> dict[str, Any]:
    """Execute ``cells`` then the probe in a fresh kernel (environment already set); its answer."""
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells = [nbformat.v4.new_code_cell(src) for src in [*cells, PROBE]]  # type: ignore[no-untyped-call]
    client = NotebookClient(
        notebook,
        kernel_name=KERNELSPEC["name"],
        timeout=300,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    text = "".join(out.get("text", "") for out in notebook.cells[-1].outputs)
    return json.loads(text)  # type: ignore[no-any-return]


def lesson_cells(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def figure_name(stem: str) -> str:
    return stem.replace("-", "_")


@contextmanager
def lesson_environment(progress_dir: str) -> Iterator[None]:
    """The environment lessons run under, with ``progress_dir`` as their store; restored after."""
    with environment(**LESSON_ENV, TC_DATA_DIR=progress_dir, TC_DATABASE_URL=None):
        yield


def migrated_store(folder: str) -> None:
    """Make the store in ``folder`` at the newest schema, as a class's first kernel does."""
    from widgets.progress.location import FILE_NAME, sqlite_url
    from widgets.progress.store import Store

    Store.open(sqlite_url(Path(folder) / FILE_NAME)).close()


def measure_one(cells: Sequence[str], cwd: Path, *, fresh_store: bool) -> dict[str, Any]:
    """One fresh kernel's answer after ``cells``, with a store of its own if ``fresh_store``."""
    if not fresh_store:
        return probe_kernel(cells, cwd)
    with (
        tempfile.TemporaryDirectory(prefix="tc-bench-progress-") as progress,
        lesson_environment(progress),
    ):
        return probe_kernel(cells, cwd)


def measure(
    lessons: Sequence[str | Path] = (),
    *,
    fresh_store: bool = False,
    log: TextIO | None = sys.stderr,
) -> dict[str, float]:
    """Memory (MiB), modules and ratio to a bare kernel of every lesson (or those named).

    Keys as in the module's docstring; ``log`` gets a line per lesson naming what it loads.
    """
    paths = lesson_paths([str(lesson) for lesson in lessons])
    figures: dict[str, float] = {}
    ratios = []
    with (
        tempfile.TemporaryDirectory(prefix="tc-bench-progress-") as shared,
        lesson_environment(shared),
    ):
        if not fresh_store:
            migrated_store(shared)
        bare = measure_one([], LESSONS, fresh_store=fresh_store)
        bare_mib = int(bare["rss_kib"]) / 1024
        figures["kernel_rss_mib_bare"] = bare_mib
        for path in paths:
            found = measure_one(lesson_cells(path), path.parent, fresh_store=fresh_store)
            rss = int(found["rss_kib"]) / 1024
            name = figure_name(path.stem)
            figures[f"kernel_rss_mib_{name}"] = rss
            figures[f"kernel_modules_{name}"] = float(found["modules"])
            figures[f"kernel_rss_ratio_{name}"] = rss / bare_mib
            ratios.append(rss / bare_mib)
            if log is not None:
                print(
                    f"{path.stem}: {rss:.0f} MiB = {rss / bare_mib:.2f} x bare, "
                    f"{found['modules']} modules, loads {found['heavy']}",
                    file=log,
                    flush=True,
                )
    if ratios:
        figures["kernel_rss_ratio_max"] = max(ratios)
    return figures


def format_figure(name: str, value: float) -> str:
    if "_modules_" in name:
        return f"{name}: {value:.0f}"
    return f"{name}: {value:.2f}" if "_ratio_" in name else f"{name}: {value:.1f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson files (default: every lesson)")
    parser.add_argument(
        "--fresh-store",
        action="store_true",
        help="each kernel creates a store of its own (loads Alembic), as a first kernel does",
    )
    args = parser.parse_args(argv)
    figures = measure(args.lessons, fresh_store=args.fresh_store)
    if "kernel_rss_ratio_max" in figures:
        over = [
            name.removeprefix("kernel_rss_ratio_")
            for name, value in figures.items()
            if name.startswith("kernel_rss_ratio_") and name != "kernel_rss_ratio_max"
            if value > GOAL_RATIO
        ]
        print(f"over {GOAL_RATIO} x bare: {', '.join(over) or 'none'}", file=sys.stderr)
    for name, value in figures.items():
        print(format_figure(name, value))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
