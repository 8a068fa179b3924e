"""The course's plotly renderer, for a plotly ``Figure`` made from a chart (``Chart.figure()``).

Lessons never need it: a ``Chart`` outputs the plotly mime bundle itself, without plotly. In a
kernel plotly defaults to ``plotly_mimetype+notebook``. Its notebook half adds an HTML copy
of every chart to the output and, once per kernel, all of plotly.js (4.8 MB in plotly 7.1),
which then sits in the stored lesson outputs. The course's pages (Voila and JupyterLab) render
the mime bundle with their own local plotly, offline, so plain ``voila lessons/`` and
``jupyter lab`` need nothing more. A renderer chosen with ``PLOTLY_RENDERER`` is left alone.
"""

from __future__ import annotations

import os
import sys

import plotly.io as pio

COURSE_RENDERER = "plotly_mimetype"


def use_course_renderer() -> None:
    """Make ``COURSE_RENDERER`` plotly's default, unless ``PLOTLY_RENDERER`` names another."""
    if os.environ.get("PLOTLY_RENDERER"):
        return
    if "plotly.io._renderers" in sys.modules:
        pio.renderers.default = COURSE_RENDERER
    else:
        # plotly reads the variable when it first sets up its renderers. Setting the default
        # directly would set them up now, loading about 400 modules (nbformat, jsonschema) and
        # 20 MiB in a kernel whose charts are never displayed by IPython (the lab explorer's).
        os.environ["PLOTLY_RENDERER"] = COURSE_RENDERER
