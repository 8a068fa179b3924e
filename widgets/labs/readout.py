"""The laboratory explorer's text as HTML: the product against its target, what would move it.

Pure: plain values in, HTML strings out. The sentences and their sources come from
``assets/lab-explorer.yaml`` and the target from ``assets/data/lab-values.yaml``.
"""

from __future__ import annotations

import html

from widgets.labs.content import Clause, LabExplorerText, load_lab_explorer_text, target_mg2_dl2
from widgets.labs.units import Product
from widgets.markup import citation, inline


def product_readout(product: Product, text: LabExplorerText | None = None) -> str:
    """The product in both units, and whether it is below the target, with sources."""
    text = text or load_lab_explorer_text()
    target = target_mg2_dl2(text)
    readout = text.product
    relation = readout.below_target if product.mg2_dl2 < target else readout.at_or_above_target
    relation = relation.format(target_mg2_dl2=f"{target:g}")
    return (
        f"<p><strong>{inline(readout.label)}: "
        f"<span class='tc-product'>{product.mg2_dl2:.1f}</span> "
        f"mg²/dL²</strong> ({product.mmol2_l2:.2f} mmol²/L²): {inline(relation)} "
        f"{citation(readout.refs)}. {_cited(readout.caveat)}.</p>"
    )


def what_would_move_it(text: LabExplorerText | None = None) -> str:
    """The treatments that lower the product, as a cited list."""
    section = (text or load_lab_explorer_text()).what_would_move_it
    items = "".join(
        "<li>" + "; ".join(_cited(clause) for clause in item.clauses) + ".</li>"
        for item in section.items
    )
    return f"<p><strong>{inline(section.heading)}</strong></p><ul>{items}</ul>"


def refused_entry(message: str) -> str:
    """Why a typed value was refused, shown where the result would be."""
    return f'<p class="tc-input-error" style="color:#b00020">⚠ {html.escape(message)}</p>'


def _cited(clause: Clause) -> str:
    return f"{inline(clause.text)} {citation(clause.refs)}"
