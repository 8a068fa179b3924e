"""The final assessment, pure: which questions a learner is asked, and the score report by topic.

The draw is seeded by the learner (and the attempt), so a reload or a kernel restart shows the
same set, and two students sitting side by side see different ones. Topics are the lessons the
questions come from, so the report can point back to the lesson to revisit.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from widgets.quiz.bank import Bank, Question

#: Questions drawn from each lesson's bank (fewer if a bank is smaller).
PER_LESSON = 2
#: Questions drawn from the final assessment's own bank of integrated questions.
INTEGRATED = 4
#: A topic counts as secure at this share of its marks, and as needing a full revisit below
#: ``REVISIT``. These are the course's own study targets, not clinical figures.
SECURE = 0.8
REVISIT = 0.5


@dataclass(frozen=True)
class Drawn:
    """One question of the assessment and the lesson (topic) it comes from."""

    lesson: str
    question: Question


def _rng(learner: str, attempt: int) -> random.Random:
    return random.Random(zlib.crc32(f"{learner}\nfinal-assessment\n{attempt}".encode()))


def _pick(questions: Sequence[Question], count: int, rng: random.Random) -> list[Question]:
    """``count`` questions, spread over as many of the lesson's objectives as possible."""
    pool = list(questions)
    rng.shuffle(pool)
    chosen: list[Question] = []
    covered: set[str] = set()
    while pool and len(chosen) < count:
        best = max(pool, key=lambda q: len(set(q.objectives) - covered))
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
    per_lesson: int = PER_LESSON,
    integrated_count: int = INTEGRATED,
) -> list[Drawn]:
    """A mixed set: ``per_lesson`` from each lesson bank plus some integrated questions, shuffled.

    ``attempt`` gives the same learner a fresh set for a retake.
    """
    if attempt < 1:
        raise ValueError(f"attempt must be 1 or more, not {attempt}")
    rng = _rng(learner, attempt)
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


@dataclass(frozen=True)
class TopicScore:
    lesson: str
    asked: int
    finished: int
    points: float

    @property
    def share(self) -> float:
        return self.points / self.asked if self.asked else 0.0

    @property
    def verdict(self) -> str:
        """``unfinished``, ``secure``, ``review`` (re-read the key points) or ``revisit``."""
        if self.finished < self.asked:
            return "unfinished"
        if self.share >= SECURE:
            return "secure"
        return "review" if self.share >= REVISIT else "revisit"


def topic_scores(answers: Sequence[tuple[str, float, bool]]) -> list[TopicScore]:
    """Per lesson, in lesson order: from ``(lesson, points, finished)`` per question."""
    lessons = sorted({lesson for lesson, _, _ in answers})
    return [
        TopicScore(
            lesson,
            asked=sum(1 for name, _, _ in answers if name == lesson),
            finished=sum(1 for name, _, done in answers if name == lesson and done),
            points=sum(points for name, points, _ in answers if name == lesson),
        )
        for lesson in lessons
    ]
