"""The course catalogue: lessons, their titles and learning objectives (``assets/course.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from widgets.loading import load_content, require_unique_ids
from widgets.paths import lessons_dir

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Objective(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SLUG)
    text: str = Field(min_length=10)


class Lesson(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=0, le=99)
    stem: str = Field(pattern=r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=3)
    summary: str = Field(min_length=10)
    interactive: str = Field(min_length=3)
    brief_sections: list[int] = Field(default_factory=list)
    #: Content files under assets/ whose facts the lesson shows (their citations join its sources).
    uses: list[str] = Field(default_factory=list)
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


class Course(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    title: str
    lessons: list[Lesson] = Field(min_length=1)

    @field_validator("lessons")
    @classmethod
    def _numbered_in_order(cls, lessons: list[Lesson]) -> list[Lesson]:
        numbers = [lesson.number for lesson in lessons]
        if numbers != list(range(len(lessons))):
            raise ValueError(f"lessons must be numbered 0, 1, 2, ... in order; got {numbers}")
        return lessons

    def lesson(self, stem: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.stem == stem:
                return lesson
        known = ", ".join(lesson.stem for lesson in self.lessons)
        raise KeyError(f"no lesson {stem!r} in the course catalogue; known lessons: {known}")


def load_course(path: Path | None = None) -> Course:
    """``assets/course.yaml``, read once per kernel."""
    return load_content("course.yaml", Course, path)
