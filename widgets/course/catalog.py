"""The course catalogue: lessons, their titles and learning objectives (``assets/course.yaml``).

It also says how the final assessment draws its questions (``final_assessment:``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from widgets.loading import load_content, require_unique_ids
from widgets.paths import lessons_dir

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
STEM = r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$"


class Objective(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SLUG)
    text: str = Field(min_length=10)


class Lesson(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=0, le=99)
    stem: str = Field(pattern=STEM)
    title: str = Field(min_length=3)
    summary: str = Field(min_length=10)
    interactive: str = Field(min_length=3)
    brief_sections: list[int] = Field(default_factory=list)
    objectives: list[Objective] = Field(min_length=1)

    @model_validator(mode="after")
    def _stem_starts_with_number(self) -> Lesson:
        if not self.stem.startswith(f"{self.number:02d}-"):
            raise ValueError(f"stem {self.stem!r} must start with {self.number:02d}-")
        return self

    @field_validator("objectives")
    @classmethod
    def _objective_ids_unique(cls, objectives: list[Objective]) -> list[Objective]:
        require_unique_ids([objective.id for objective in objectives], "objective")
        return objectives

    def notebook_path(self) -> Path:
        return lessons_dir() / f"{self.stem}.ipynb"

    def is_available(self) -> bool:
        """Whether the lesson's notebook exists yet."""
        return self.notebook_path().is_file()


class FinalAssessmentPlan(BaseModel):
    """How the final assessment draws its questions, and the study targets of its report.

    It draws from the bank of every lesson except its own and those not examined, and asks the
    integrated questions of its own bank. The shares are the course's own study targets, not
    clinical figures.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: The final assessment's lesson; its bank holds the integrated questions.
    lesson: str = Field(pattern=STEM)
    #: Lessons whose banks it does not draw from, besides its own.
    not_examined: list[str] = Field(default_factory=list)
    questions_per_lesson: int = Field(ge=1)
    integrated_questions: int = Field(ge=1)
    #: Where the report sends a student back to for the integrated questions.
    integrated_revisit: str = Field(pattern=STEM)
    #: A topic is secure at this share of its marks...
    secure_share: float = Field(gt=0, le=1)
    #: ...and needs its lesson worked through again below this one.
    revisit_share: float = Field(gt=0, le=1)
    #: Every lesson stem of the course, in order; set when the catalogue is validated.
    _lessons: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _revisit_below_secure(self) -> FinalAssessmentPlan:
        if self.revisit_share >= self.secure_share:
            raise ValueError("revisit_share must be below secure_share")
        return self

    def named(self) -> list[str]:
        """Every lesson stem the plan names."""
        return [self.lesson, *self.not_examined, self.integrated_revisit]

    def examined(self) -> list[str]:
        """The lessons whose banks the final assessment draws from, in course order."""
        skipped = {self.lesson, *self.not_examined}
        return [stem for stem in self._lessons if stem not in skipped]

    def drawn_from(self) -> list[str]:
        """The lessons whose banks it asks from: every examined lesson, then its own."""
        return [*self.examined(), self.lesson]


class Course(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    title: str
    lessons: list[Lesson] = Field(min_length=1)
    #: A course without a final assessment (a draft, a test course) leaves this out.
    final_assessment: FinalAssessmentPlan | None = None

    @field_validator("lessons")
    @classmethod
    def _numbered_in_order(cls, lessons: list[Lesson]) -> list[Lesson]:
        numbers = [lesson.number for lesson in lessons]
        if numbers != list(range(len(lessons))):
            raise ValueError(f"lessons must be numbered 0, 1, 2, ... in order; got {numbers}")
        return lessons

    @field_validator("final_assessment")
    @classmethod
    def _plan_names_known_lessons(
        cls, plan: FinalAssessmentPlan | None, info: ValidationInfo
    ) -> FinalAssessmentPlan | None:
        lessons: list[Lesson] | None = info.data.get("lessons")
        if plan is None or lessons is None:  # lessons invalid: that error is reported
            return plan
        stems = tuple(lesson.stem for lesson in lessons)
        unknown = [stem for stem in plan.named() if stem not in stems]
        if unknown:
            raise ValueError(f"names lesson(s) not in the catalogue: {', '.join(unknown)}")
        plan._lessons = stems
        return plan

    def lesson(self, stem: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.stem == stem:
                return lesson
        known = ", ".join(lesson.stem for lesson in self.lessons)
        raise KeyError(f"no lesson {stem!r} in the course catalogue; known lessons: {known}")


def load_course(path: Path | None = None) -> Course:
    """``assets/course.yaml``, read once per kernel."""
    return load_content("course.yaml", Course, path)
