"""Spaced retrieval, pure: the questions from earlier lessons that open a lesson's quiz.

From lesson 2 on, each quiz opens with ``REVIEW_QUESTIONS`` questions from the banks of the
examined lessons before it (the final assessment's ``examined()`` lessons: lesson 0, about using
the course, never). Which ones depends on the learner's record: first questions they *missed*
(answered wrong at least once, or had the answer shown), then questions they have not met, then
the rest. Within each group the order is shuffled by the learner and the lesson, and the picks
come from different lessons where the group allows.

The draw reads the learner's record *outside* this lesson's own review (answers to review
questions given in other lessons count), so a reload of the lesson shows the same questions
until the learner has worked somewhere else. Staged cases are left out: a warm-up question is
one step long.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from widgets.progress.store import Attempt
from widgets.quiz.assessment import Drawn
from widgets.quiz.bank import Bank
from widgets.quiz.types.staged_case import StagedCase
from widgets.seeds import seeded_random

#: How many questions from earlier lessons open a quiz.
REVIEW_QUESTIONS = 3
#: Saved answers to a review question are keyed ``review/<question id>`` in the lesson showing it.
REVIEW_PREFIX = "review/"


class Standing(IntEnum):
    """How a learner has done on a question so far; the lower, the sooner it comes back."""

    MISSED = 0
    UNSEEN = 1
    RIGHT = 2


def review_key(question_id: str) -> str:
    """The key a review question's answers are saved under."""
    return f"{REVIEW_PREFIX}{question_id}"


def standings(events: Iterable[Attempt], *, lesson: str) -> dict[str, Standing]:
    """Per question id, how the learner did, from their events outside ``lesson``'s own review.

    In the question's own lesson, a wrong answer or a shown answer makes it missed, and a right
    answer counts only if it was never missed. As a review question (in another lesson), its
    latest answer decides: right clears a miss, wrong makes it missed again.
    """
    found: dict[str, Standing] = {}
    for event in sorted(events, key=lambda e: e.id):
        key = event.question_id
        missed = event.correct is False or event.revealed
        if key.startswith(REVIEW_PREFIX):
            if event.lesson == lesson:
                continue
            key = key.removeprefix(REVIEW_PREFIX)
            if missed or event.correct:
                found[key] = Standing.MISSED if missed else Standing.RIGHT
        elif missed:
            found[key] = Standing.MISSED
        elif event.correct and found.get(key) is not Standing.MISSED:
            found[key] = Standing.RIGHT
    return found


@dataclass(frozen=True)
class _Candidate:
    standing: Standing
    order: float
    drawn: Drawn


def review_questions(
    lesson: str,
    earlier: Sequence[Bank],
    *,
    learner: str,
    record: dict[str, Standing],
    count: int = REVIEW_QUESTIONS,
) -> list[Drawn]:
    """``count`` questions from the ``earlier`` banks for ``learner`` opening ``lesson``'s quiz.

    ``record`` is ``standings(...)`` of the learner's events (empty for an unknown learner).
    """
    rng = seeded_random(learner, "review", lesson)
    candidates = sorted(
        (
            _Candidate(
                record.get(question.id, Standing.UNSEEN), rng.random(), Drawn(bank.lesson, question)
            )
            for bank in earlier
            for question in bank.questions
            if not isinstance(question, StagedCase)
        ),
        key=lambda candidate: (candidate.standing, candidate.order),
    )
    chosen: list[Drawn] = []
    for standing in Standing:
        group = [c.drawn for c in candidates if c.standing is standing]
        # One per lesson first, then the rest of the group, until the count is reached.
        lessons = {drawn.lesson for drawn in chosen}
        first: list[Drawn] = []
        for drawn in group:
            if drawn.lesson not in lessons:
                lessons.add(drawn.lesson)
                first.append(drawn)
        firsts = {drawn.question.id for drawn in first}
        for drawn in (*first, *(d for d in group if d.question.id not in firsts)):
            if len(chosen) == count:
                return chosen
            chosen.append(drawn)
    return chosen
