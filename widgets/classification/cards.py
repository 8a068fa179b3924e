"""HTML card describing one form of tumoral calcinosis, with its citations."""

from __future__ import annotations

from widgets.classification.forms import Form
from widgets.markup import citation, inline


def render_form_card(form: Form) -> str:
    facts = "".join(
        f"<dt style='font-weight:bold;margin-top:0.4em'>{inline(fact.label)}</dt>"
        f"<dd style='margin-left:1em'>{inline(fact.text)} {citation(fact.refs)}</dd>"
        for fact in form.facts
    )
    return (
        f'<article class="tc-form-card" data-form="{form.id}" '
        "style='border-left:4px solid #0072B2;padding:0.2em 1em;margin-top:0.5em;line-height:1.45'>"
        f"<h4 style='margin:0.3em 0'>{inline(form.name)} "
        f"<small>({inline(form.abbreviation)})</small></h4>"
        f"<p style='margin:0.2em 0'><strong>Serum phosphate:</strong> {inline(form.phosphate)}</p>"
        f"<dl style='margin:0'>{facts}</dl></article>"
    )
