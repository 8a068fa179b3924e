"""Staged case: a case told in stages (history, film, labs...), with a question at each stage.

A stage's question may be of any gradable type: ``StageQuestion`` is the registry's union of
them. The registry binds it (``Stage.model_rebuild``) once it has listed the types, so this module
needs no import of the registry at run time, and there is no import cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from widgets.quiz.question import IMAGE_FILE, Strict, Text

if TYPE_CHECKING:
    from widgets.quiz.registry import StageQuestion


class Stage(Strict):
    """One step of a case: what the student now learns, then a question about it."""

    narrative: Text
    image: str | None = Field(default=None, pattern=IMAGE_FILE)
    image_alt: str | None = None
    question: StageQuestion

    @model_validator(mode="after")
    def _image_has_alt(self) -> Stage:
        if self.image and not self.image_alt:
            raise ValueError("a stage image needs image_alt")
        return self


class StagedCase(Strict):
    """A case told in stages (history, film, labs...), with a question at each stage."""

    type: Literal["staged_case"]
    title: Text
    stages: list[Stage] = Field(min_length=2, max_length=6)
    refs: list[int] = Field(default_factory=list)

    def images(self) -> list[str]:
        """Every image file the case shows: stage images first, then its questions' images."""
        found = [stage.image for stage in self.stages if stage.image]
        return found + [name for stage in self.stages for name in stage.question.images()]

    def cited(self) -> list[int]:
        """The case's references, then those of each stage's question."""
        return [*self.refs, *(n for stage in self.stages for n in stage.question.refs)]
