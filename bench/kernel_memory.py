"""What each lesson's kernel holds once the lesson has rendered: resident memory and modules.

    .venv/bin/python bench/kernel_memory.py [LESSON ...]

Runs every lesson (or the ones named) in a fresh kernel, as ``tools/run_lessons.py`` does, then
asks that kernel for its resident set size (VmRSS), how many modules it has imported, and
whether the heavy libraries (ipywidgets, plotly, numpy, the X-ray engine) are among them. A bare
kernel that imports nothing is measured the same way, as the floor. Nothing is written back to
the lessons. Ends with one ``name: value`` line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.run_lessons import KERNELSPEC, LESSON_ENV, lesson_paths  # noqa: E402

HEAVY = ("ipywidgets", "plotly", "numpy", "widgets.xray.radiograph")
PROBE = f"""\
import json as _json, sys as _sys
_rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS"))
print(_json.dumps({{"rss_kib": _rss, "modules": len(_sys.modules),
                    "heavy": [name for name in {HEAVY!r} if name in _sys.modules]}}))
"""


def measure(cells: list[str], cwd: Path) -> dict[str, object]:
    """Execute ``cells`` then the probe in a fresh kernel; the probe's answer."""
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells = [nbformat.v4.new_code_cell(src) for src in [*cells, PROBE]]  # type: ignore[no-untyped-call]
    client = NotebookClient(
        notebook,
        kernel_name=KERNELSPEC["name"],
        timeout=300,
        resources={"metadata": {"path": str(cwd)}},
    )
    os.environ.update(LESSON_ENV)
    with tempfile.TemporaryDirectory(prefix="tc-bench-progress-") as progress:
        os.environ["TC_DATA_DIR"] = progress  # an empty store of its own, never the user's
        client.execute()
    text = "".join(out.get("text", "") for out in notebook.cells[-1].outputs)
    return json.loads(text)  # type: ignore[no-any-return]


def lesson_cells(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson files (default: every lesson)")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    bare = measure([], ROOT / "lessons")
    figures["kernel_rss_mib_bare"] = int(bare["rss_kib"]) / 1024  # type: ignore[call-overload]
    for path in lesson_paths(args.lessons):
        found = measure(lesson_cells(path), path.parent)
        rss = int(found["rss_kib"]) / 1024  # type: ignore[call-overload]
        figures[f"kernel_rss_mib_{path.stem}"] = rss
        figures[f"kernel_modules_{path.stem}"] = float(found["modules"])  # type: ignore[arg-type]
        print(f"{path.stem}: {rss:.0f} MiB, {found['modules']} modules, loads {found['heavy']}")
    for name, value in figures.items():
        print(f"{name}: {value:.0f}" if "modules" in name else f"{name}: {value:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
