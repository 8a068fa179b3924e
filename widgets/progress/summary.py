"""Where a learner stands, lesson by lesson, computed from their saved events (pure).

A question is *answered* once any of its stages has an answer checked; its credit is the credit
of its latest event, averaged over the stages of a case (a stage not reached counts 0), as the
quiz scores it; it is *finished* when every stage was answered right or its answer shown. A
lesson is finished when all its questions are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from widgets.progress.store import Attempt


@dataclass(frozen=True)
class Asked:
    """A question a lesson asks, as saved: its key and how many stages it has (1 if none)."""

    key: str
    stages: int = 1

    def stage_keys(self) -> list[str]:
        if self.stages == 1:
            return [self.key]
        return [f"{self.key}#{n}" for n in range(1, self.stages + 1)]


@dataclass(frozen=True)
class LessonStanding:
    lesson: str
    asked: int
    answered: int
    credit: float
    finished: int
    started: bool

    @property
    def done(self) -> bool:
        return self.asked > 0 and self.finished == self.asked


def standing(
    lesson: str, asked: Sequence[Asked], events: Iterable[Attempt], *, started: bool
) -> LessonStanding:
    """One lesson's standing from the learner's events in it."""
    by_key: dict[str, list[Attempt]] = defaultdict(list)
    for event in events:
        by_key[event.question_id].append(event)
    answered = finished = 0
    credit = 0.0
    for question in asked:
        stages = [by_key.get(key, []) for key in question.stage_keys()]
        if any(e.kind == "answer" for stage in stages for e in stage):
            answered += 1
        credit += sum(stage[-1].credit if stage else 0.0 for stage in stages) / len(stages)
        if all(any(e.correct or e.revealed for e in stage) for stage in stages):
            finished += 1
    return LessonStanding(
        lesson,
        asked=len(asked),
        answered=answered,
        credit=round(credit, 2),
        finished=finished,
        started=started or bool(by_key),
    )


def where_to_continue(standings: Sequence[LessonStanding]) -> str | None:
    """The lesson to go on with: the first unfinished one after the last one started (or the
    first unfinished one at all); None when all are done."""
    started = [n for n, s in enumerate(standings) if s.started]
    after = started[-1] if started else 0
    for candidate in (*standings[after:], *standings[:after]):
        if not candidate.done:
            return candidate.lesson
    return None
