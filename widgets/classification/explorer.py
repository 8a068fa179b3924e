"""A small explorer: pick a form of tumoral calcinosis and read what defines it."""

from __future__ import annotations

import ipywidgets as ipw

from widgets.classification.cards import render_form_card
from widgets.classification.forms import FormCatalog, load_forms


class ClassificationExplorer(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Toggle between the forms; the card below shows the chosen form's defining facts."""

    def __init__(self, *, catalog: FormCatalog | None = None, form: str | None = None) -> None:
        self._catalog = catalog or load_forms()
        first = form or self._catalog.forms[0].id
        self._catalog.form(first)  # an unknown form id fails here, with the known ids
        self.selector = ipw.ToggleButtons(
            options=[(f.name, f.id) for f in self._catalog.forms],
            value=first,
            description="Form:",
            tooltips=[f"Show the {f.name.lower()} form" for f in self._catalog.forms],
            style={"button_width": "auto"},
        )
        self.card = ipw.HTML(value=render_form_card(self._catalog.form(first)))
        super().__init__(children=[self.selector, self.card])
        self.add_class("tc-classification-explorer")
        self.selector.observe(self._on_selector_change, names="value")

    def _on_selector_change(self, change: dict[str, object]) -> None:
        self.card.value = render_form_card(self._catalog.form(str(change["new"])))

    @property
    def form(self) -> str:
        return str(self.selector.value)

    def __repr__(self) -> str:
        return f"ClassificationExplorer(form={self.form!r})"
