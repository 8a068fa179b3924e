"""The pathway as data (``assets/pathway.yaml``): steps, their choices, and the plans they reach.

A ``decide`` step has one best next move; the other choices explain why not and keep the student
at the step. A ``finding`` step asks which result the patient has: every choice leads on. A
``plan`` step ends the pathway. Every situation, feedback and plan line carries its sources as
``[n]`` (a plan step's situation is the diagnosis reached and may cite nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from widgets.loading import load_content, require_unique_ids
from widgets.references.citations import cited_numbers

#: A line that carries its sources as ``[n]`` or ``[n, m]``.
Cited = Annotated[str, Field(min_length=5, max_length=600, pattern=r"\[\d+(?:, \d+)*\]")]
Text = Annotated[str, Field(min_length=2, max_length=600)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: Text
    feedback: Cited
    #: The step this choice leads to; none for a choice that is not the best next move.
    next: Slug | None = None
    #: The one best next move of a ``decide`` step.
    best: bool = False


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    stage: Text
    kind: Literal["decide", "finding", "plan"]
    situation: Text
    question: Text | None = None
    choices: list[Choice] = Field(default_factory=list, max_length=5)
    plan: list[Cited] = Field(default_factory=list, max_length=8)

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Step:
        if self.kind == "plan":
            if self.choices or self.question or not self.plan:
                raise ValueError("a plan step has plan lines and no question or choices")
            return self
        if not self.question or len(self.choices) < 2 or self.plan:
            raise ValueError(f"a {self.kind} step has a question, two or more choices, no plan")
        if not cited_numbers(self.situation):
            raise ValueError("the situation of a decide or finding step cites its sources [n]")
        if self.kind == "finding" and any(c.next is None or c.best for c in self.choices):
            raise ValueError("every choice of a finding step leads on (next:), none is 'best'")
        if self.kind == "decide":
            best = [c for c in self.choices if c.best]
            if len(best) != 1 or best[0].next is None:
                raise ValueError("a decide step has exactly one best choice, with a next step")
            if any(c.next is not None for c in self.choices if not c.best):
                raise ValueError("only the best choice of a decide step leads on")
        return self

    def cited(self) -> list[int]:
        texts = [self.situation, *self.plan, *(c.feedback for c in self.choices)]
        return sorted({n for text in texts for n in cited_numbers(text)})


class Pathway(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    title: Text
    #: The stages shown along the top, in order; every step belongs to one.
    stages: list[Text] = Field(min_length=2, max_length=8)
    start: Slug
    steps: list[Step] = Field(min_length=2)

    @model_validator(mode="after")
    def _connected(self) -> Pathway:
        require_unique_ids([step.id for step in self.steps], "step")
        ids = {step.id for step in self.steps}
        if self.start not in ids:
            raise ValueError(f"start: no step {self.start!r}")
        for step in self.steps:
            if step.stage not in self.stages:
                raise ValueError(
                    f"step {step.id}: stage {step.stage!r} is not one of {self.stages}"
                )
            for choice in step.choices:
                if choice.next is not None and choice.next not in ids:
                    raise ValueError(f"step {step.id}: choice leads to no step {choice.next!r}")
        self._check_every_road_ends_in_a_plan()
        return self

    def _check_every_road_ends_in_a_plan(self) -> None:
        """Every step is reachable from the start, and no road loops back."""
        reached: set[str] = set()

        def walk(step_id: str, road: tuple[str, ...]) -> None:
            if step_id in road:
                raise ValueError(f"the pathway loops: {' -> '.join((*road, step_id))}")
            reached.add(step_id)
            for choice in self.step(step_id).choices:
                if choice.next is not None:
                    walk(choice.next, (*road, step_id))

        walk(self.start, ())
        unreached = sorted({step.id for step in self.steps} - reached)
        if unreached:
            raise ValueError(f"steps not reached from the start: {', '.join(unreached)}")

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"no step {step_id!r} in the pathway")

    def cited(self) -> list[int]:
        return sorted({n for step in self.steps for n in step.cited()})


def load_pathway(path: Path | None = None) -> Pathway:
    """``assets/pathway.yaml``, read once per kernel."""
    return load_content("pathway.yaml", Pathway, path)
