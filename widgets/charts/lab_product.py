"""The calcium x phosphate product on one axis, against published targets and patients' values.

Every target and patient value drawn is a row of ``assets/data/lab-values.yaml``.
"""

from __future__ import annotations

from widgets.charts.chart import Chart, scatter
from widgets.charts.data import Table
from widgets.charts.figures import hover, styled
from widgets.charts.palette import SEQUENCE
from widgets.labs.units import Product, lab_values


def product_chart(product: Product | None, table: Table | None = None) -> Chart:
    """The product on one axis (mg²/dL²) against the published targets and patients' values."""
    table = table or lab_values()
    figure = Chart()
    targets = [row for row in table.group("targets") if row.unit.startswith("mg")]
    for colour, row in zip((SEQUENCE[2], SEQUENCE[1], SEQUENCE[3]), targets, strict=False):
        figure.add_vline(x=row.value, line={"color": colour, "width": 3, "dash": "dash"})
        figure.add_trace(
            scatter(
                x=[row.value],
                y=["Targets"],
                mode="markers",
                marker={"color": colour, "size": 14},
                name=row.label,
                hovertext=[hover(row)],
                hoverinfo="text",
            )
        )
    patients = [row for row in table.group("patients") if row.unit.startswith("mg²")]
    figure.add_trace(
        scatter(
            x=[row.value for row in patients],
            y=["Reported in patients"] * len(patients),
            mode="markers",
            marker={"color": SEQUENCE[4], "size": 16, "symbol": "diamond"},
            name="Reported in patients",
            hovertext=[hover(row) for row in patients],
            hoverinfo="text",
        )
    )
    if product is not None:
        figure.add_trace(
            scatter(
                x=[round(product.mg2_dl2, 1)],
                y=["Your patient"],
                mode="markers+text",
                marker={"color": SEQUENCE[0], "size": 20},
                text=[f"{product.mg2_dl2:.1f}"],
                textposition="middle right",
                name="Your patient",
                hoverinfo="x",
            )
        )
    figure.update_xaxes(range=[0, max(110, (product.mg2_dl2 + 10) if product else 0)])
    return styled(
        figure,
        title="Calcium x phosphate product against targets (mg²/dL²)",
        x_title="Calcium x phosphate (mg²/dL²)",
        height=380,
    )
