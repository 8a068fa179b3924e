"""Item-flaw figures of question banks, checked against the course's thresholds.

Over a set of banks, the linter counts the technical flaws that help a test-wise student (after
the NBME item-writing guide, *Constructing Written Test Questions for the Basic and Clinical
Sciences*): true/false keys leaning one way, single-best keys that are the longest option,
choose-all-that-apply items with one wrong option, absolute words in true/false statements,
single-best stems that are not questions. It also plays the test-wise strategies (always True,
always False, always the longest, tick all but the shortest) and compares each with the score
of guessing at random.

Single-best figures take ``single`` questions, top-level and as stages of a staged case (a stage
is named ``<case id>#stage-<n>``, from 1); ``image_choice`` options have no text to compare.
Option lengths are counted in characters of the text as shown (emphasis marks dropped).

Chance, for each strategy: 50 % on true/false; the mean of ``1 / len(options)`` on single best;
for "tick all but the shortest" (scored right only when the ticked set is the key), ticking all
but one option chosen at random, which scores ``1 / len(options)`` on an item whose key is all
but one option and nothing elsewhere. A strategy breaking a tie (two longest or shortest
options) picks among the tied at random, so it is credited with its expected score.

``tests/content/test_question_banks.py`` runs it over the real banks (``tools/item_report.py``
prints the figures); the unit tests prove each check on small synthetic banks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from widgets.course.catalog import load_course
from widgets.paths import bank_path
from widgets.quiz.bank import Bank, load_lesson_bank
from widgets.quiz.question import Option, plain_label
from widgets.quiz.registry import AnyQuestion
from widgets.quiz.types.multiple import MultipleAnswer
from widgets.quiz.types.single import SingleBestAnswer
from widgets.quiz.types.staged_case import StagedCase
from widgets.quiz.types.true_false import TrueFalse

#: True/false keys must look random across the course: between 40 % and 60 % keyed True.
TRUE_SHARE_MIN = 0.40
TRUE_SHARE_MAX = 0.60
#: With four or five options a key that is the longest by chance alone is ~20-25 %; above 35 %
#: "pick the longest" pays.
KEY_LONGEST_MAX = 0.35
#: "Occasionally all but one" correct (item-writing.md); more often invites "tick all but the
#: odd one out".
ONE_WRONG_MAX = 0.30
#: Absolute words mark false statements; true/false items should rarely need one.
ABSOLUTE_MAX = 0.10
#: A strategy fails when it beats its random equivalent by more than 10 percentage points.
STRATEGY_MARGIN = 0.10
#: Whole words that make a statement absolute (case-insensitive).
ABSOLUTE_WORDS = ("always", "never", "cannot", "every", "all", "none", "only", "must")
_ABSOLUTE = re.compile(rf"\b(?:{'|'.join(ABSOLUTE_WORDS)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """How many items of ``denominator`` show a property; ``ids`` are those items."""

    numerator: int
    denominator: int
    ids: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        """``numerator / denominator`` as a fraction, 0 when there are no items."""
        return self.numerator / self.denominator if self.denominator else 0.0


@dataclass(frozen=True)
class Strategy:
    """A test-wise strategy's expected score over ``items`` and that of guessing, as fractions."""

    items: int
    score: float
    chance: float

    def beats_chance(self) -> bool:
        return self.items > 0 and self.score > self.chance + STRATEGY_MARGIN


@dataclass(frozen=True)
class ItemReport:
    """The course-wide item-flaw figures, the strategies' scores, and every check that failed."""

    true_false_keyed_true: Figure
    single_best_key_longest: Figure
    multiple_one_wrong: Figure
    #: How many choose-all-that-apply items have each number of correct options.
    multiple_correct_counts: tuple[tuple[int, int], ...]
    true_false_absolute: Figure
    single_best_stem_not_question: Figure
    strategy_always_true: Strategy
    strategy_always_false: Strategy
    strategy_longest: Strategy
    strategy_all_but_shortest: Strategy
    failures: tuple[str, ...]


def _items(banks: Iterable[Bank]) -> Iterator[tuple[str, AnyQuestion]]:
    """Every gradable question with its id; a staged case's stages count one by one."""
    for bank in banks:
        for question in bank.questions:
            if isinstance(question, StagedCase):
                for number, stage in enumerate(question.stages, start=1):
                    yield f"{question.id}#stage-{number}", stage.question
            else:
                yield question.id, question


def _length(option: Option) -> int:
    return len(plain_label(option.text))


def _key_is_longest(question: SingleBestAnswer) -> bool:
    """Whether the keyed option is the longest, alone or tied."""
    key = next(option for option in question.options if option.correct)
    return _length(key) >= max(_length(option) for option in question.options)


def _longest_score(question: SingleBestAnswer) -> float:
    """Expected score of picking the longest option, ties broken at random."""
    longest = max(_length(option) for option in question.options)
    tied = [option for option in question.options if _length(option) == longest]
    return sum(option.correct for option in tied) / len(tied)


def _all_but_shortest_score(question: MultipleAnswer) -> float:
    """Expected score of ticking all but the shortest option (ties broken at random)."""
    wrong = [option for option in question.options if not option.correct]
    if len(wrong) != 1:
        return 0.0
    shortest = min(_length(option) for option in question.options)
    tied = [option for option in question.options if _length(option) == shortest]
    return (wrong[0] in tied) / len(tied)


def _all_but_random_score(question: MultipleAnswer) -> float:
    """Expected score of ticking all but one option chosen at random."""
    wrong = sum(not option.correct for option in question.options)
    return 1 / len(question.options) if wrong == 1 else 0.0


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _figure(items: list[tuple[str, bool]]) -> Figure:
    flagged = tuple(item_id for item_id, flag in items if flag)
    return Figure(numerator=len(flagged), denominator=len(items), ids=flagged)


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def _over(name: str, figure: Figure, limit: float, *, listed: bool = True) -> list[str]:
    """A failure sentence when ``figure``'s share exceeds ``limit``."""
    if figure.share <= limit:
        return []
    items = f": {', '.join(figure.ids)}" if listed else ""
    return [
        f"{name}: {_percent(figure.share)} ({figure.numerator} of {figure.denominator}), "
        f"above the {_percent(limit)} allowed{items}."
    ]


def _true_false_failures(figure: Figure) -> list[str]:
    if not figure.denominator or TRUE_SHARE_MIN <= figure.share <= TRUE_SHARE_MAX:
        return []
    return [
        f"True/false items keyed True are {_percent(figure.share)} ({figure.numerator} of "
        f"{figure.denominator}), outside {_percent(TRUE_SHARE_MIN)} to "
        f"{_percent(TRUE_SHARE_MAX)}."
    ]


def _count_failures(counts: tuple[tuple[int, int], ...]) -> list[str]:
    if len(counts) != 1 or counts[0][1] < 2:
        return []
    (correct, items), *_ = counts
    return [
        f"All {items} choose-all-that-apply items have {correct} correct option(s); the number "
        "of correct options must vary."
    ]


def _strategy_failures(strategies: dict[str, Strategy]) -> list[str]:
    margin = f"{100 * STRATEGY_MARGIN:.0f} percentage points"
    return [
        f"The strategy '{name}' scores {_percent(strategy.score)} over {strategy.items} items, "
        f"more than {margin} above chance ({_percent(strategy.chance)})."
        for name, strategy in strategies.items()
        if strategy.beats_chance()
    ]


def lint_banks(banks: Iterable[Bank]) -> ItemReport:
    """The item-flaw figures over ``banks`` together, and the checks they fail."""
    items = list(_items(banks))
    truths = [(i, q) for i, q in items if isinstance(q, TrueFalse)]
    singles = [(i, q) for i, q in items if isinstance(q, SingleBestAnswer)]
    multiples = [(i, q) for i, q in items if isinstance(q, MultipleAnswer)]

    keyed_true = _figure([(i, q.answer) for i, q in truths])
    key_longest = _figure([(i, _key_is_longest(q)) for i, q in singles])
    wrong_counts = [(i, sum(not o.correct for o in q.options)) for i, q in multiples]
    one_wrong = _figure([(i, wrong == 1) for i, wrong in wrong_counts])
    correct_counts = Counter(sum(o.correct for o in q.options) for _, q in multiples)
    counts = tuple(sorted(correct_counts.items()))
    absolute = _figure([(i, bool(_ABSOLUTE.search(q.prompt))) for i, q in truths])
    not_question = _figure([(i, not q.prompt.rstrip().endswith("?")) for i, q in singles])

    strategies = {
        "always True": Strategy(len(truths), keyed_true.share, 0.5),
        "always False": Strategy(len(truths), 1 - keyed_true.share if truths else 0.0, 0.5),
        "always the longest option": Strategy(
            len(singles),
            _mean([_longest_score(q) for _, q in singles]),
            _mean([1 / len(q.options) for _, q in singles]),
        ),
        "tick all but the shortest": Strategy(
            len(multiples),
            _mean([_all_but_shortest_score(q) for _, q in multiples]),
            _mean([_all_but_random_score(q) for _, q in multiples]),
        ),
    }
    failures = [
        *_true_false_failures(keyed_true),
        *_over("Single-best items whose key is the longest option", key_longest, KEY_LONGEST_MAX),
        *_over("Choose-all-that-apply items with one wrong option", one_wrong, ONE_WRONG_MAX),
        *_count_failures(counts),
        *_over("True/false statements with an absolute word", absolute, ABSOLUTE_MAX),
        *_over("Single-best stems not ending in a question mark", not_question, 0.0),
        *_strategy_failures(strategies),
    ]
    return ItemReport(
        true_false_keyed_true=keyed_true,
        single_best_key_longest=key_longest,
        multiple_one_wrong=one_wrong,
        multiple_correct_counts=counts,
        true_false_absolute=absolute,
        single_best_stem_not_question=not_question,
        strategy_always_true=strategies["always True"],
        strategy_always_false=strategies["always False"],
        strategy_longest=strategies["always the longest option"],
        strategy_all_but_shortest=strategies["tick all but the shortest"],
        failures=tuple(failures),
    )


def lint_course() -> ItemReport:
    """``lint_banks`` over the bank of every lesson in the catalogue that has one."""
    stems = [lesson.stem for lesson in load_course().lessons]
    return lint_banks(load_lesson_bank(stem) for stem in stems if bank_path(stem).is_file())
