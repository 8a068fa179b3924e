"""The distinguishing-features table, as HTML with the sources of every cell."""

from __future__ import annotations

import html
from dataclasses import dataclass

from widgets.differential.data import COLUMNS, Differential, load_differential
from widgets.markup import inline


@dataclass(frozen=True)
class DifferentialTable:
    """Displayed as a table in Jupyter and Voila; scrolls sideways on a narrow screen."""

    differential: Differential

    def _repr_html_(self) -> str:
        cell = (
            "style='text-align:left;vertical-align:top;padding:0.35em 0.5em;"
            "border-top:1px solid #ccc'"
        )
        head = f"<th scope='col' {cell}>Condition</th>" + "".join(
            f"<th scope='col' {cell}>{name}</th>" for name in COLUMNS.values()
        )
        rows = "".join(
            f'<tr data-condition="{html.escape(c.id)}"><th scope="row" {cell}>{inline(c.name)}</th>'
            + "".join(f"<td {cell}>{inline(c.cell(column))}</td>" for column in COLUMNS)
            + "</tr>"
            for c in self.differential.conditions
        )
        return (
            '<div class="tc-differential" style="overflow-x:auto">'
            "<table style='border-collapse:collapse;min-width:60em;font-size:0.92em'>"
            f"<caption style='text-align:left;font-weight:bold;padding:0.3em 0'>"
            f"{inline(self.differential.title)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        return f"DifferentialTable({len(self.differential.conditions)} conditions)"


def differential_table() -> DifferentialTable:
    """Tumoral calcinosis and its mimics, feature by feature, every cell with its sources."""
    return DifferentialTable(load_differential())
