"""Item statistics from stored answers, as Moodle's quiz statistics report them: which questions a
class found hard, which did not tell stronger from weaker students, and which options misled.

Each learner's *first* answer to a question is what counts (the course lets a student try again,
and later tries follow the feedback). Per question:

- **attempts**: the learners who answered it;
- **facility index**: the share of them whose first answer was right (0-1; Moodle shows %);
- **discrimination index**: the Pearson correlation, over those learners, between the question's
  first-answer score (1 right, 0 wrong) and the learner's *rest-of-test* score: their first
  answers right on the lesson's other questions (the lesson's quiz is the test). This is Moodle's
  discrimination index, which shows it times 100. It needs ``MIN_LEARNERS`` learners and some
  spread in both scores, else it is not given;
- **options**: for choice questions (one answer, several answers, true or false), the share of the
  learners whose first answer chose each option;
- **flags**: facility below 0.2 ("hard") or above 0.9 ("easy"), or discrimination below 0.2
  ("low discrimination"), once at least ``MIN_LEARNERS`` learners have answered.

Pure: no widget library and no database; ``widgets.progress.store.Store.answers`` gives the events.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from widgets.progress.store import Attempt

#: Fewest learners for a discrimination index and for flags; below it they are noise.
MIN_LEARNERS = 5
FACILITY_RANGE = (0.2, 0.9)
MIN_DISCRIMINATION = 0.2


@dataclass(frozen=True)
class Option:
    """A choice question's option as the bank holds it, in bank order."""

    label: str
    correct: bool


#: A question's options in bank order, or None when it is not a choice question (or unknown).
OptionsOf = Callable[[str], Sequence[Option] | None]


def choice_options(question: Any) -> list[Option] | None:
    """A bank question's options in bank order, as its stored answers name them: True then
    False for true or false, each option's text (an image's alt text) for the choice types;
    None for the other types."""
    match question.type:
        case "true_false":
            return [Option("True", question.answer), Option("False", not question.answer)]
        case "single" | "multiple":
            return [Option(option.text, option.correct) for option in question.options]
        case "image_choice":
            return [Option(option.alt, option.correct) for option in question.options]
    return None


@dataclass(frozen=True)
class OptionShare:
    label: str
    correct: bool
    chosen: int  # learners whose first answer chose it
    share: float  # of the question's attempts


@dataclass(frozen=True)
class ItemStatistics:
    question_id: str
    lesson: str
    attempts: int
    facility: float
    discrimination: float | None
    options: tuple[OptionShare, ...]
    flags: tuple[str, ...]


def first_answers(answers: Iterable[Attempt]) -> dict[tuple[int, str], Attempt]:
    """Each (learner, question)'s first answer event, from events oldest first."""
    first: dict[tuple[int, str], Attempt] = {}
    for event in answers:
        if event.kind == "answer":
            first.setdefault((event.learner_id, event.question_id), event)
    return first


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of two equally long series; None when either does not vary."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def chosen_positions(answer: object, count: int) -> set[int]:
    """The option positions a stored choice answer names: a position, a list of them, or, for
    true or false, True (position 0) and False (position 1)."""
    if isinstance(answer, bool):
        return {0 if answer else 1}
    if isinstance(answer, int):
        return {answer} if 0 <= answer < count else set()
    if isinstance(answer, list):
        return {p for p in answer if isinstance(p, int) and not isinstance(p, bool) and p < count}
    return set()


def item_statistics(answers: Iterable[Attempt], options_of: OptionsOf) -> list[ItemStatistics]:
    """Every answered question's statistics, by lesson and question id."""
    first = first_answers(answers)
    by_question: dict[str, list[Attempt]] = defaultdict(list)
    right: dict[tuple[str, int], int] = defaultdict(int)  # (lesson, learner) -> first answers right
    for (learner_id, question_id), event in first.items():
        by_question[question_id].append(event)
        right[(event.lesson, learner_id)] += bool(event.correct)
    report = []
    for question_id in sorted(by_question, key=lambda q: (by_question[q][0].lesson, q)):
        events = by_question[question_id]
        lesson = events[0].lesson
        scores = [1.0 if event.correct else 0.0 for event in events]
        rest = [
            right[(lesson, event.learner_id)] - score
            for event, score in zip(events, scores, strict=True)
        ]
        facility = sum(scores) / len(scores)
        discrimination = pearson(scores, rest) if len(events) >= MIN_LEARNERS else None
        report.append(
            ItemStatistics(
                question_id=question_id,
                lesson=lesson,
                attempts=len(events),
                facility=facility,
                discrimination=discrimination,
                options=_shares(events, options_of(question_id)),
                flags=_flags(len(events), facility, discrimination),
            )
        )
    return report


def _shares(events: Sequence[Attempt], options: Sequence[Option] | None) -> tuple[OptionShare, ...]:
    if not options:
        return ()
    chosen = [0] * len(options)
    for event in events:
        for position in chosen_positions(event.answer, len(options)):
            chosen[position] += 1
    return tuple(
        OptionShare(option.label, option.correct, count, count / len(events))
        for option, count in zip(options, chosen, strict=True)
    )


def _flags(learners: int, facility: float, discrimination: float | None) -> tuple[str, ...]:
    if learners < MIN_LEARNERS:
        return ()
    low, high = FACILITY_RANGE
    flags = []
    if facility < low:
        flags.append("hard")
    if facility > high:
        flags.append("easy")
    if discrimination is not None and discrimination < MIN_DISCRIMINATION:
        flags.append("low discrimination")
    return tuple(flags)


CSV_COLUMNS = (
    "lesson",
    "question_id",
    "attempts",
    "facility",
    "discrimination",
    "flags",
    "option",
    "option_correct",
    "option_chosen",
    "option_share",
)


def to_csv(report: Sequence[ItemStatistics]) -> str:
    """One row per option of each question (one row for a question without options)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in report:
        head = [
            item.lesson,
            item.question_id,
            item.attempts,
            f"{item.facility:.3f}",
            "" if item.discrimination is None else f"{item.discrimination:.3f}",
            "; ".join(item.flags),
        ]
        if not item.options:
            writer.writerow([*head, "", "", "", ""])
        for option in item.options:
            writer.writerow(
                [*head, option.label, option.correct, option.chosen, f"{option.share:.3f}"]
            )
    return out.getvalue()
