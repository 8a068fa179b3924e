"""The pathway on screen: the stages along the top, the road so far, and the step to take now.

At a ``decide`` step the student picks the next move: the best one leads on, any other explains
why not and leaves them at the step to choose again. At a ``finding`` step they pick the result
their patient has, and the road branches. A plan ends it; **Start again** goes back to the film.
The whole pathway is computed in the kernel; nothing is graded or saved.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as ipw

from widgets.markup import inline
from widgets.pathway.data import Choice, Pathway, Step, load_pathway
from widgets.ui import lean


@dataclass(frozen=True)
class Taken:
    """A step passed: where, and the choice that moved the student on."""

    step: Step
    choice: Choice


class PathwayExplorer(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Step through ``assets/pathway.yaml`` from the film to a plan."""

    def __init__(self, *, pathway: Pathway | None = None) -> None:
        self._pathway = pathway or load_pathway()
        self.road: list[Taken] = []
        self.stages = ipw.HTML()
        self.trail = ipw.HTML()
        self.situation = ipw.HTML()
        self.choices = lean(
            ipw.RadioButtons, options=[], value=None, layout_properties={"width": "auto"}
        )
        self.choose = lean(ipw.Button, description="Choose", button_style="primary")
        self.feedback = ipw.HTML()
        self.again = lean(ipw.Button, description="Start again")
        self.choose.on_click(lambda _: self.pick(self.choices.index))
        self.again.on_click(lambda _: self.restart())
        buttons = ipw.HBox([self.choose, self.again])
        super().__init__(
            [self.stages, self.trail, self.situation, self.choices, buttons, self.feedback]
        )
        self.add_class("tc-pathway")
        self.restart()

    @property
    def step(self) -> Step:
        """The step the student is at now."""
        return self._here

    def restart(self) -> None:
        self.road = []
        self._go(self._pathway.start, feedback="")

    def pick(self, index: int | None) -> None:
        """Take choice ``index`` (in the step's order) at the current step."""
        step = self._here
        if index is None or not 0 <= index < len(step.choices):
            self.feedback.value = "<p>Pick one of the choices first.</p>"
            return
        choice = step.choices[index]
        if choice.next is None:
            self.feedback.value = (
                f'<p class="tc-wrong"><strong>Not the best next move.</strong> '
                f"{inline(choice.feedback)}</p>"
            )
            return
        self.road.append(Taken(step, choice))
        verdict = "Yes." if step.kind == "decide" else "Then:"
        self._go(
            choice.next, feedback=f"<p><strong>{verdict}</strong> {inline(choice.feedback)}</p>"
        )

    def _go(self, step_id: str, *, feedback: str) -> None:
        self._here = step = self._pathway.step(step_id)
        self.stages.value = self._stage_bar(step)
        self.trail.value = self._trail()
        if step.kind == "plan":
            lines = "".join(f"<li>{inline(line)}</li>" for line in step.plan)
            self.situation.value = f"<h4>Plan: {inline(step.situation)}</h4><ul>{lines}</ul>"
            self.choices.options = []
            self.choose.disabled = True
        else:
            question = inline(step.question or "")
            self.situation.value = (
                f"<p>{inline(step.situation)}</p><p><strong>{question}</strong></p>"
            )
            self.choices.options = [c.label.replace("*", "") for c in step.choices]
            self.choices.value = None
            self.choose.disabled = False
        self.feedback.value = feedback

    def _stage_bar(self, step: Step) -> str:
        current = self._pathway.stages.index(step.stage)
        items = []
        for number, stage in enumerate(self._pathway.stages):
            mark = ' aria-current="step"' if number == current else ""
            look = "font-weight:bold;text-decoration:underline" if number == current else ""
            items.append(
                f'<li{mark} style="margin-right:2em;{look}">{number + 1}. {html.escape(stage)}</li>'
            )
        return (
            f'<nav aria-label="{html.escape(self._pathway.title)}"><ol class="tc-pathway-stages" '
            f'style="display:flex;flex-wrap:wrap;list-style:none;padding-left:0">{"".join(items)}'
            "</ol></nav>"
        )

    def _trail(self) -> str:
        if not self.road:
            return ""
        items = "".join(
            f"<li><strong>{html.escape(t.step.stage)}:</strong> {inline(t.choice.label)}</li>"
            for t in self.road
        )
        return f'<p>Your road so far:</p><ol class="tc-pathway-trail">{items}</ol>'

    def __repr__(self) -> str:
        return f"PathwayExplorer(at {self._here.id!r}, {len(self.road)} steps taken)"


def pathway() -> PathwayExplorer:
    """The lesson-facing call: the diagnostic pathway from the start."""
    return PathwayExplorer()
