"""The final assessment, pure: which questions a learner is asked, and the score report by topic.

The draw is seeded by the learner (and the attempt), so a reload or a kernel restart shows the
same set, and two students sitting side by side see different ones. Topics are the lessons the
questions come from, so the report can point back to the lesson to revisit.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from widgets.course.catalog import FinalAssessmentPlan, load_course
from widgets.loading import ContentError
from widgets.paths import asset_path
from widgets.quiz.bank import Bank
from widgets.quiz.registry import Question
from widgets.seeds import seeded_random


def final_plan() -> FinalAssessmentPlan:
    """The course's ``final_assessment:`` block; a ``ContentError`` if it has none."""
    plan = load_course().final_assessment
    if plan is None:
        raise ContentError(
            asset_path("course.yaml"),
            "the course has no final assessment",
            field="final_assessment",
        )
    return plan


@dataclass(frozen=True)
class StudyTargets:
    """When a topic counts as secure, and below what it needs a full revisit: shares of its marks.

    These are the course's own study targets (``final_assessment:`` in ``assets/course.yaml``),
    not clinical figures.
    """

    secure: float
    revisit: float


@dataclass(frozen=True)
class Drawn:
    """One question of the assessment and the lesson (topic) it comes from."""

    lesson: str
    question: Question


def _pick(questions: Sequence[Question], count: int, rng: random.Random) -> list[Question]:
    """At least ``count`` questions, and as many more as it takes to assess every objective.

    Each pick is the question that adds the most objectives not yet covered (ties broken by the
    learner's shuffled order), so the set assesses every objective the bank's questions name:
    the final assessment covers each learning objective at least once.
    """
    pool = list(questions)
    rng.shuffle(pool)
    chosen: list[Question] = []
    covered: set[str] = set()
    while pool:
        best = max(pool, key=lambda q: len(set(q.objectives) - covered))
        if len(chosen) >= count and not set(best.objectives) - covered:
            break
        pool.remove(best)
        chosen.append(best)
        covered |= set(best.objectives)
    return chosen


def draw_questions(
    lesson_banks: Sequence[Bank],
    integrated: Bank,
    *,
    learner: str,
    attempt: int = 1,
    per_lesson: int,
    integrated_count: int,
) -> list[Drawn]:
    """A mixed set, shuffled: from each lesson bank ``per_lesson`` questions or more (enough to
    assess each of its objectives), plus ``integrated_count`` or more integrated questions.

    ``attempt`` gives the same learner a fresh set for a retake.
    """
    if attempt < 1:
        raise ValueError(f"attempt must be 1 or more, not {attempt}")
    rng = seeded_random(learner, "final-assessment", str(attempt))
    drawn = [
        Drawn(bank.lesson, question)
        for bank in lesson_banks
        for question in _pick(bank.questions, per_lesson, rng)
    ]
    drawn += [
        Drawn(integrated.lesson, q) for q in _pick(integrated.questions, integrated_count, rng)
    ]
    rng.shuffle(drawn)
    return drawn


def redraw(
    question_ids: Sequence[str], lesson_banks: Sequence[Bank], integrated: Bank
) -> list[Drawn] | None:
    """A saved set again, in its order; None if a question of it is no longer in the banks."""
    where = {q.id: (bank.lesson, q) for bank in (*lesson_banks, integrated) for q in bank.questions}
    if not question_ids or any(qid not in where for qid in question_ids):
        return None
    return [Drawn(*where[qid]) for qid in question_ids]


@dataclass(frozen=True)
class TopicScore:
    lesson: str
    asked: int
    finished: int
    points: float
    targets: StudyTargets

    @property
    def share(self) -> float:
        return self.points / self.asked if self.asked else 0.0

    @property
    def verdict(self) -> str:
        """``unfinished``, ``secure``, ``review`` (re-read the key points) or ``revisit``."""
        if self.finished < self.asked:
            return "unfinished"
        if self.share >= self.targets.secure:
            return "secure"
        return "review" if self.share >= self.targets.revisit else "revisit"


def topic_scores(
    answers: Sequence[tuple[str, float, bool]], targets: StudyTargets
) -> list[TopicScore]:
    """Per lesson, in lesson order: from ``(lesson, points, finished)`` per question."""
    lessons = sorted({lesson for lesson, _, _ in answers})
    return [
        TopicScore(
            lesson,
            asked=sum(1 for name, _, _ in answers if name == lesson),
            finished=sum(1 for name, _, done in answers if name == lesson and done),
            points=sum(points for name, points, _ in answers if name == lesson),
            targets=targets,
        )
        for lesson in lessons
    ]
