"""Pure functions from tidy data to plotly figures, as ``Chart`` JSON (never FigureWidget).

Every number drawn is a row of ``assets/data``; every hover names the row's population, its
source [n] and the brief's confidence. Titles and labels are sized for a projector. Nothing here
loads plotly (why: ``widgets.charts.chart``); ``Chart.figure()`` gives the plotly ``Figure``.
"""

from __future__ import annotations

import math

from widgets.charts.chart import Chart, Trace, bar, scatter, template
from widgets.charts.data import Row, Table, load_table
from widgets.charts.palette import SEQUENCE

FONT_SIZE = 16


def hover(row: Row) -> str:
    """What a reader sees on hovering a number: value, population, source and confidence."""
    if row.value is not None and row.low is not None and row.high is not None:
        number = f"{row.value:g} ({row.low:g}-{row.high:g}) {row.unit}"
    elif row.value is not None:
        number = f"{row.value:g} {row.unit}"
    else:
        number = f"{row.low:g}-{row.high:g} {row.unit}"
    counts = f" ({row.numerator}/{row.denominator})" if row.numerator is not None else ""
    note = f"<br>{row.note}" if row.note else ""
    return (
        f"<b>{row.label}</b>: {number}{counts}<br>{row.population}{note}"
        f"<br>Source [{row.source}], confidence {row.confidence}"
    )


def styled(
    figure: Chart, *, title: str, x_title: str = "", y_title: str = "", height: int = 420
) -> Chart:
    figure.update_layout(
        template=template("simple_white"),
        title={"text": title, "x": 0.01, "xanchor": "left"},
        font={"size": FONT_SIZE},
        colorway=list(SEQUENCE),
        height=height,
        margin={"l": 20, "r": 20, "t": 70, "b": 110},
        hoverlabel={"font": {"size": 14}, "align": "left"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0},
    )
    figure.update_xaxes(title={"text": x_title}, automargin=True)
    figure.update_yaxes(title={"text": y_title}, automargin=True)
    return figure


def label(row: Row) -> str:
    """An axis label that names its source, so that two estimates never share a line."""
    return f"{row.label} [{row.source}]"


def ranges_and_points(
    rows: list[Row], *, range_name: str, point_name: str, colour: str, group: str
) -> list[Trace]:
    """Ranges as lines from low to high, single values as diamonds, both labelled by row.

    The first range and the first single value are in the legend (``range_name``, ``point_name``);
    the others share their legend group and marker, so every mark drawn has a legend entry.
    """
    traces: list[Trace] = []
    for row in rows:
        if row.low is not None and row.high is not None:
            traces.append(
                scatter(
                    x=[row.low, row.high],
                    y=[label(row), label(row)],
                    mode="lines+markers",
                    line={"color": colour, "width": 10},
                    marker={"size": 10, "color": colour, "symbol": "circle"},
                    name=range_name,
                    legendgroup=f"{group}-range",
                    showlegend=not any(t["legendgroup"] == f"{group}-range" for t in traces),
                    hovertext=[hover(row)] * 2,
                    hoverinfo="text",
                )
            )
        if row.value is not None:
            traces.append(
                scatter(
                    x=[row.value],
                    y=[label(row)],
                    mode="markers",
                    marker={
                        "size": 16,
                        "color": "white",
                        "line": {"color": colour, "width": 3},
                        "symbol": "diamond",
                    },
                    name=point_name,
                    legendgroup=f"{group}-value",
                    showlegend=not any(t["legendgroup"] == f"{group}-value" for t in traces),
                    hovertext=[hover(row)],
                    hoverinfo="text",
                )
            )
    return traces


def age_chart(table: Table | None = None) -> Chart:
    table = table or load_table("age")
    figure = Chart()
    groups = sorted({row.group for row in table.rows if row.unit == "years"})
    for colour, group in zip(SEQUENCE, groups, strict=False):
        rows = [row for row in table.group(group) if row.unit == "years"]
        # A range drawn around a value is its spread (the HFTC review's median has an IQR).
        spread = (
            "range or IQR"
            if any(r.value is not None and r.low is not None for r in rows)
            else "range"
        )
        name = table.group_label(group)
        figure.add_traces(
            ranges_and_points(
                rows,
                range_name=f"{name}: {spread}",
                point_name=f"{name}: mean or median",
                colour=colour,
                group=group,
            )
        )
    return styled(figure, title=table.title, x_title="Age (years)", height=460)


def sex_chart(table: Table | None = None) -> Chart:
    table = table or load_table("sex")
    figure = Chart()
    for colour, sex in ((SEQUENCE[0], "male"), (SEQUENCE[1], "female")):
        rows = [row for row in table.rows if row.id.endswith(f"-{sex}") and row.unit == "patients"]
        figure.add_trace(
            bar(
                y=[f"{row.population} [{row.source}]" for row in rows],
                x=[row.value for row in rows],
                orientation="h",
                name=sex.title(),
                marker={"color": colour},
                hovertext=[hover(row) for row in rows],
                hoverinfo="text",
                text=[f"{row.value:g}" for row in rows],
                textposition="inside",
            )
        )
    figure.update_layout(barmode="stack")
    figure = styled(figure, title=table.title, x_title="Number of patients", height=360)
    # Plotly lists stacked traces in reverse by default, which suits bars stacked upwards; these
    # stack from left to right (male first), beside a legend that reads left to right.
    return figure.update_layout(legend={"traceorder": "normal"})


def dialysis_prevalence_chart(table: Table | None = None) -> Chart:
    table = table or load_table("dialysis-prevalence")
    figure = Chart(
        ranges_and_points(
            table.group("prevalence"),
            range_name="Published range",
            point_name="Single published estimate",
            colour=SEQUENCE[0],
            group="prevalence",
        )
    )
    return styled(
        figure, title=table.title, x_title="Patients with tumoral calcinosis (%)", height=480
    )


def inheritance_chart(table: Table | None = None) -> Chart:
    table = table or load_table("inheritance")
    rows = table.group("sibling-risk")
    figure = Chart(
        [
            bar(
                x=[label(row) for row in rows],
                y=[row.value for row in rows],
                marker={"color": [SEQUENCE[3], SEQUENCE[1], SEQUENCE[2]][: len(rows)]},
                hovertext=[hover(row) for row in rows],
                hoverinfo="text",
                text=[f"{row.value:g} %" for row in rows],
                textposition="outside",
            )
        ]
    )
    figure.update_yaxes(range=[0, 60])
    return styled(figure, title=table.title, y_title="Chance for each sibling (%)", height=400)


def percent(row: Row) -> float:
    """A row as a percentage: its value when given in %, else 100 x numerator / denominator."""
    if row.unit.startswith("%") and row.value is not None:
        return row.value
    if row.numerator is None or row.denominator is None:
        raise ValueError(f"row {row.id!r} has no percentage and no counts")
    return round(100 * row.numerator / row.denominator, 1)


def percentage_bars(
    rows: list[Row], *, table: Table, title: str, x_title: str, height: int = 620
) -> Chart:
    """One colour per group of ``table``, named in the legend by the table's ``group_labels``."""
    figure = Chart()
    for colour, group in zip(SEQUENCE, dict.fromkeys(row.group for row in rows), strict=False):
        members = [row for row in rows if row.group == group]
        counts = [
            f" ({r.numerator}/{r.denominator})" if r.numerator is not None else "" for r in members
        ]
        figure.add_trace(
            bar(
                y=[label(row) for row in members],
                x=[percent(row) for row in members],
                orientation="h",
                name=table.group_label(group),
                marker={"color": colour},
                hovertext=[hover(row) for row in members],
                hoverinfo="text",
                text=[f"{percent(r):g} %{c}" for r, c in zip(members, counts, strict=True)],
                textposition="outside",
            )
        )
    figure.update_xaxes(range=[0, 130])
    return styled(figure, title=title, x_title=x_title, height=height)


def complications_chart(table: Table | None = None) -> Chart:
    table = table or load_table("complications")
    rows = [row for row in table.rows if row.unit.startswith("%") or row.numerator is not None]
    return percentage_bars(
        rows, table=table, title=table.title, x_title="Patients in each series (%)"
    )


def _outcome_group(group: str, title: str, table: Table | None) -> Chart:
    table = table or load_table("outcomes")
    rows = [row for row in table.rows if row.group == group]
    return percentage_bars(
        rows, table=table, title=title, x_title="Published patients (%)", height=380
    )


def outcomes_chart(table: Table | None = None) -> Chart:
    """How published HFTC patients fared: regression, progression, stable, and deaths."""
    return _outcome_group("hftc-review", "Course of HFTC in published patients", table)


def treatment_mix_chart(table: Table | None = None) -> Chart:
    """Which treatments published HFTC patients received."""
    return _outcome_group("treatment-mix", "Treatment received by published HFTC patients", table)


# Joint positions on a schematic standing figure (x, y in arbitrary units), right side. The hand's
# mark sits low on the hand, far enough from the wrist's that their marks (at most 42 and 27 px
# across, at about 29 px to a unit) do not overlap.
JOINTS = {
    "shoulder": (1.7, 7.6),
    "elbow": (3.0, 5.6),
    "wrist": (4.0, 3.9),
    "hand": (4.55, 2.7),
    "hip": (0.9, 3.5),
    "foot": (1.1, -2.6),
}
#: Where a joint's label goes (plotly's ``textposition``); "middle right" unless named. The hip's
#: goes below its mark: to its right lie the wrist and the hand, level with it.
LABEL_POSITIONS = {"hip": "bottom center"}
_HEAD = [
    (0.65 * math.sin(k * math.pi / 12), 9.0 + 0.65 * math.cos(k * math.pi / 12)) for k in range(25)
]
SILHOUETTE = (  # head, trunk, arms and legs as line paths
    _HEAD,
    [(-1.6, 7.7), (1.6, 7.7), (1.2, 3.5), (-1.2, 3.5), (-1.6, 7.7)],
    [(1.6, 7.7), (3.0, 5.6), (4.0, 3.9), (4.75, 2.2)],
    [(-1.6, 7.7), (-3.0, 5.6), (-4.0, 3.9), (-4.75, 2.2)],
    [(0.8, 3.5), (1.0, 0.5), (1.1, -2.6), (1.6, -2.8)],
    [(-0.8, 3.5), (-1.0, 0.5), (-1.1, -2.6), (-1.6, -2.8)],
)


#: What a mark's size says on the body map, by the unit of the population's rows.
SIZE_MEANS = {
    "share": "Larger mark: more patients with a lesion at the site",
    "rank": "Larger mark: higher in the ranking",
    "listed order": "Larger mark: listed earlier among the commonest sites",
}


def _joint_of(row: Row) -> str | None:
    label = row.label.lower()
    return next((joint for joint in JOINTS if joint in label), None)


def body_map_figure(group: str, table: Table | None = None) -> Chart:
    """Sites marked on a body outline; marker size follows the published frequency or rank."""
    table = table or load_table("sites")
    rows = [row for row in table.group(group) if _joint_of(row)]
    joints = [_joint_of(row) or "hip" for row in rows]
    figure = Chart()
    for path in SILHOUETTE:
        figure.add_trace(
            scatter(
                x=[p[0] for p in path],
                y=[p[1] for p in path],
                mode="lines",
                line={"color": "#9a9a9a", "width": 3},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    is_share = rows[0].unit.startswith("%")
    largest = max(row.value or 0 for row in rows)
    sizes = [
        12
        + 60
        * (
            (row.value or 0) / largest
            if is_share
            else (len(rows) + 1 - (row.value or 0)) / len(rows)
        )
        for row in rows
    ]
    texts = [
        f"{row.label}<br>{row.value:g} %" if is_share else f"{row.label} (#{row.value:g})"
        for row in rows
    ]
    figure.add_trace(
        scatter(
            x=[JOINTS[joint][0] for joint in joints],
            y=[JOINTS[joint][1] for joint in joints],
            mode="markers+text",
            marker={
                "size": sizes,
                "color": SEQUENCE[3],
                "opacity": 0.75,
                "line": {"color": "black", "width": 1},
            },
            text=texts,
            textposition=[LABEL_POSITIONS.get(joint, "middle right") for joint in joints],
            hovertext=[hover(row) for row in rows],
            hoverinfo="text",
            name=SIZE_MEANS["share" if is_share else rows[0].unit],
            showlegend=True,
        )
    )
    figure.update_xaxes(visible=False, range=[-5, 9])
    figure.update_yaxes(visible=False, range=[-3.2, 10], scaleanchor="x")
    return styled(figure, title=rows[0].population, height=560)
