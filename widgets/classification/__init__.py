"""The three forms of tumoral calcinosis: data, cards and an explorer widget."""

from widgets.classification.cards import render_form_card
from widgets.classification.explorer import ClassificationExplorer
from widgets.classification.forms import Fact, Form, FormCatalog, load_forms

__all__ = [
    "ClassificationExplorer",
    "Fact",
    "Form",
    "FormCatalog",
    "load_forms",
    "render_form_card",
]
