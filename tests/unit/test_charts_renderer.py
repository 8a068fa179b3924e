"""A plotly figure made from a chart gets the course's plotly renderer, unless the user chose one.

(A chart a lesson shows needs no renderer: ``Chart`` outputs the mime bundle itself.)
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

CODE = (
    "from widgets.charts.figures import age_chart; age_chart().figure(); "
    "import plotly.io as pio; print(pio.renderers.default)"
)


def default_renderer_after_import(**env: str) -> str:
    """plotly's default renderer in a fresh interpreter that made a chart's plotly figure."""
    clean = {k: v for k, v in os.environ.items() if k != "PLOTLY_RENDERER"}
    out = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**clean, **env},
    )
    return out.stdout.strip()


def test_a_charts_plotly_figure_sets_the_mime_bundle_renderer() -> None:
    assert default_renderer_after_import() == "plotly_mimetype"


def test_a_renderer_the_user_chose_is_kept() -> None:
    assert default_renderer_after_import(PLOTLY_RENDERER="json") == "json"
