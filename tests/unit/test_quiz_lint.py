"""The item-flaw linter: each figure and each test-wise strategy passes a balanced bank and fails
a bank flawed in that one respect, naming the figure, its value, the threshold and the items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from widgets.course.catalog import load_course
from widgets.quiz.bank import Bank
from widgets.quiz.lint import ItemReport, lint_banks, lint_course

COMMON = {"explanation": "Because.", "refs": [1], "objectives": ["first"]}


def true_false(
    slug: str, *, answer: bool, prompt: str = "True or false: phosphate is high."
) -> dict[str, Any]:
    return {
        "id": f"00-intro/{slug}",
        "type": "true_false",
        "prompt": prompt,
        "answer": answer,
        "feedback_true": "Said true.",
        "feedback_false": "Said false.",
        **COMMON,
    }


def options(texts: list[str], correct: set[int]) -> list[dict[str, Any]]:
    return [
        {"text": text, "correct": number in correct, "feedback": "Why."}
        for number, text in enumerate(texts)
    ]


def single(
    slug: str, texts: list[str], *, key: int, prompt: str = "Which is it?"
) -> dict[str, Any]:
    return {
        "id": f"00-intro/{slug}",
        "type": "single",
        "prompt": prompt,
        "options": options(texts, {key}),
        **COMMON,
    }


def multiple(slug: str, texts: list[str], *, correct: set[int]) -> dict[str, Any]:
    return {
        "id": f"00-intro/{slug}",
        "type": "multiple",
        "prompt": "Which apply? Choose all that apply.",
        "options": options(texts, correct),
        **COMMON,
    }


def bank(*questions: dict[str, Any]) -> Bank:
    return Bank.model_validate(
        {
            "schema_version": 1,
            "lesson": "00-intro",
            "reviewed": {"by": "tests", "date": "2026-01-01", "against": "nothing"},
            "questions": list(questions),
        }
    )


FOUR = ["bb", "cccc", "ddd", "eeeee"]  # option 3 is the longest, option 0 the shortest


def balanced() -> list[dict[str, Any]]:
    """Two of four true/false keyed True; the key longest in one of four single-best items; one
    of four choose-all items with a single wrong option (not the shortest), 1 to 3 correct."""
    return [
        true_false("t1", answer=True),
        true_false("t2", answer=True),
        true_false("t3", answer=False),
        true_false("t4", answer=False),
        single("s1", FOUR, key=3),
        single("s2", FOUR, key=0),
        single("s3", FOUR, key=1),
        single("s4", FOUR, key=2),
        multiple("m1", FOUR, correct={0}),
        multiple("m2", FOUR, correct={0, 1}),
        multiple("m3", FOUR, correct={1, 2}),
        multiple("m4", FOUR, correct={0, 2, 3}),
    ]


def failures_about(report: ItemReport, words: str) -> list[str]:
    return [failure for failure in report.failures if words in failure]


def test_a_balanced_bank_passes_every_check() -> None:
    report = lint_banks([bank(*balanced())])
    assert report.failures == ()
    assert (report.true_false_keyed_true.numerator, report.true_false_keyed_true.denominator) == (
        2,
        4,
    )
    assert report.true_false_keyed_true.share == 0.5
    assert report.single_best_key_longest.ids == ("00-intro/s1",)
    assert report.multiple_one_wrong.ids == ("00-intro/m4",)
    assert report.multiple_correct_counts == ((1, 1), (2, 2), (3, 1))


def test_figures_are_taken_over_all_banks_together() -> None:
    first, second = bank(true_false("t1", answer=True)), bank(true_false("t2", answer=False))
    report = lint_banks([first, second])
    assert report.true_false_keyed_true.share == 0.5
    assert report.failures == ()


def test_no_items_means_no_failures() -> None:
    report = lint_banks([bank()])
    assert report.failures == ()
    assert report.true_false_keyed_true.share == 0.0


# 1. True/false balance, and the strategies always True / always False.


@pytest.mark.parametrize(("keyed_true", "passes"), [(2, True), (3, True), (1, False), (4, False)])
def test_true_false_keys_must_be_40_to_60_percent_true(keyed_true: int, passes: bool) -> None:
    items = [true_false(f"t{n}", answer=n < keyed_true) for n in range(5)]
    found = failures_about(lint_banks([bank(*items)]), "keyed True")
    assert (found == []) is passes
    if not passes:
        assert f"{100 * keyed_true / 5:.1f} %" in found[0]
        assert "40.0 % to 60.0 %" in found[0]


def test_always_false_beats_chance_on_a_bank_keyed_mostly_false() -> None:
    items = [true_false(f"t{n}", answer=n == 0) for n in range(5)]
    report = lint_banks([bank(*items)])
    assert report.strategy_always_false.score == pytest.approx(0.8)
    assert report.strategy_always_false.chance == 0.5
    assert report.strategy_always_false.beats_chance()
    assert not report.strategy_always_true.beats_chance()
    assert failures_about(report, "'always False' scores 80.0 %")
    assert not failures_about(report, "'always True'")


def test_always_true_beats_chance_on_a_bank_keyed_mostly_true() -> None:
    items = [true_false(f"t{n}", answer=n != 0) for n in range(5)]
    report = lint_banks([bank(*items)])
    assert report.strategy_always_true.beats_chance()
    assert failures_about(report, "'always True' scores 80.0 %")


def test_a_strategy_within_ten_points_of_chance_passes() -> None:
    items = [true_false(f"t{n}", answer=n < 4) for n in range(7)]  # 57 % True
    report = lint_banks([bank(*items)])
    assert not report.strategy_always_true.beats_chance()
    assert not failures_about(report, "strategy")


# 2. The key of a single-best item as the longest option, and "always the longest".


def test_a_key_jointly_longest_counts_as_longest() -> None:
    report = lint_banks([bank(single("s1", ["aa", "bbbb", "cccc"], key=1))])
    assert report.single_best_key_longest.numerator == 1


def test_single_best_keys_mostly_longest_fail_naming_the_items() -> None:
    items = [single("s1", FOUR, key=3), single("s2", FOUR, key=3), single("s3", FOUR, key=0)]
    report = lint_banks([bank(*items)])
    (found,) = failures_about(report, "key is the longest")
    assert "66.7 % (2 of 3), above the 35.0 % allowed" in found
    assert "00-intro/s1, 00-intro/s2." in found
    assert "00-intro/s3" not in found


def test_always_the_longest_beats_chance_when_keys_are_longest() -> None:
    items = [single(f"s{n}", FOUR, key=3) for n in range(3)] + [single("s9", FOUR, key=0)]
    report = lint_banks([bank(*items)])
    assert report.strategy_longest.score == 0.75
    assert report.strategy_longest.chance == 0.25
    assert failures_about(report, "'always the longest option' scores 75.0 %")


def test_always_the_longest_breaks_ties_at_random() -> None:
    report = lint_banks([bank(single("s1", ["a", "bbb", "ccc"], key=1))])
    assert report.strategy_longest.score == 0.5
    assert report.strategy_longest.chance == pytest.approx(1 / 3)


def test_the_balanced_single_best_items_score_chance_for_the_longest() -> None:
    report = lint_banks([bank(*balanced())])
    assert report.strategy_longest.score == report.strategy_longest.chance == 0.25


def as_stage(question: dict[str, Any], narrative: str) -> dict[str, Any]:
    """A bank entry as a stage of a case: its question without the entry's own fields."""
    kept = {key: value for key, value in question.items() if key not in {"id", "objectives"}}
    return {"narrative": narrative, "question": kept}


def test_staged_case_stages_count_as_items_of_their_type() -> None:
    case = {
        "id": "00-intro/case",
        "type": "staged_case",
        "title": "A case",
        "refs": [1],
        "objectives": ["first"],
        "stages": [
            as_stage(single("x", FOUR, key=3), "First."),
            as_stage(true_false("y", answer=False), "Then."),
        ],
    }
    report = lint_banks([bank(case)])
    assert report.single_best_key_longest.ids == ("00-intro/case#stage-1",)
    assert report.true_false_keyed_true.denominator == 1


def test_image_choice_items_are_not_single_best_items() -> None:
    image = {
        "id": "00-intro/pick",
        "type": "image_choice",
        "prompt": "Which film",
        "options": [
            {"image": "a.png", "alt": "A", "correct": True, "feedback": "Yes."},
            {"image": "b.png", "alt": "B", "feedback": "No."},
        ],
        **COMMON,
    }
    report = lint_banks([bank(image)])
    assert report.single_best_key_longest.denominator == 0
    assert report.failures == ()


# 3. Choose-all-that-apply: one wrong option, the number correct, "tick all but the shortest".


def test_choose_all_items_mostly_with_one_wrong_option_fail() -> None:
    items = [
        multiple("m1", FOUR, correct={0, 1, 2}),
        multiple("m2", FOUR, correct={1, 2, 3}),
        multiple("m3", FOUR, correct={0, 1}),
    ]
    report = lint_banks([bank(*items)])
    (found,) = failures_about(report, "one wrong option")
    assert "66.7 % (2 of 3), above the 30.0 % allowed: 00-intro/m1, 00-intro/m2." in found


def test_the_number_of_correct_options_must_vary() -> None:
    items = [multiple(f"m{n}", FOUR, correct={0, n}) for n in (1, 2, 3)]
    report = lint_banks([bank(*items)])
    assert report.multiple_correct_counts == ((2, 3),)
    assert failures_about(report, "All 3 choose-all-that-apply items have 2 correct option(s)")


def test_tick_all_but_the_shortest_beats_chance_when_the_wrong_option_is_shortest() -> None:
    items = [multiple(f"m{n}", FOUR, correct={1, 2, 3}) for n in range(3)]
    items.append(multiple("m9", FOUR, correct={0}))
    report = lint_banks([bank(*items)])
    assert report.strategy_all_but_shortest.score == 0.75
    assert report.strategy_all_but_shortest.chance == pytest.approx(3 / 4 * 1 / 4)
    assert failures_about(report, "'tick all but the shortest' scores 75.0 %")


def test_tick_all_but_the_shortest_scores_chance_when_the_wrong_option_is_not_shortest() -> None:
    report = lint_banks([bank(*balanced())])
    assert report.strategy_all_but_shortest.score == 0.0
    assert report.strategy_all_but_shortest.chance == pytest.approx(1 / 4 * 1 / 4)
    assert not report.strategy_all_but_shortest.beats_chance()


def test_tick_all_but_the_shortest_needs_exactly_the_key() -> None:
    """Two wrong options: leaving out one of them is never the key."""
    report = lint_banks([bank(multiple("m1", FOUR, correct={2, 3}))])
    assert report.strategy_all_but_shortest.score == 0.0


# 4. Absolute words in true/false statements.


@pytest.mark.parametrize(
    "prompt",
    [
        "Lesions ALWAYS recur.",
        "It never hurts.",
        "Surgery cannot help.",
        "Every patient has it.",
        "All masses are painful.",
        "None recur.",
        "Only children get it.",
        "You must operate.",
    ],
)
def test_each_absolute_word_is_found_in_any_case(prompt: str) -> None:
    report = lint_banks([bank(true_false("t1", answer=True, prompt=prompt))])
    assert report.true_false_absolute.ids == ("00-intro/t1",)


@pytest.mark.parametrize("prompt", ["Overall it is rare.", "Nevertheless it recurs.", "Tall."])
def test_absolute_words_must_be_whole_words(prompt: str) -> None:
    report = lint_banks([bank(true_false("t1", answer=True, prompt=prompt))])
    assert report.true_false_absolute.numerator == 0


def test_true_false_statements_with_absolute_words_over_ten_percent_fail() -> None:
    items = [true_false(f"t{n}", answer=n % 2 == 0) for n in range(10)]
    passing = lint_banks([bank(*items[:9], true_false("t9", answer=False, prompt="It never."))])
    assert not failures_about(passing, "absolute word")
    items[0] = true_false("t0", answer=True, prompt="It always recurs.")
    items[1] = true_false("t1", answer=False, prompt="It never recurs.")
    (found,) = failures_about(lint_banks([bank(*items)]), "absolute word")
    assert "20.0 % (2 of 10), above the 10.0 % allowed: 00-intro/t0, 00-intro/t1." in found


# 5. Single-best stems end in a question mark.


def test_single_best_stems_that_are_not_questions_are_listed() -> None:
    items = [
        single("s1", FOUR, key=0, prompt="The most likely diagnosis is"),
        single("s2", FOUR, key=1, prompt="Which is the most likely diagnosis?  "),
    ]
    report = lint_banks([bank(*items)])
    assert report.single_best_stem_not_question.ids == ("00-intro/s1",)
    (found,) = failures_about(report, "question mark")
    assert found.endswith("allowed: 00-intro/s1.")


# The course's banks, as the report tool reads them.


def test_lint_course_reads_the_bank_of_every_lesson_that_has_one(course_copy: Path) -> None:
    lesson = load_course().lessons[0]
    item = true_false("t1", answer=True) | {
        "id": f"{lesson.stem}/t1",
        "objectives": [lesson.objectives[0].id],
    }
    raw = {
        "schema_version": 1,
        "lesson": lesson.stem,
        "reviewed": {"by": "tests", "date": "2026-01-01", "against": "nothing"},
        "questions": [item],
    }
    folder = course_copy / "assets" / "questions"
    folder.mkdir()
    (folder / f"{lesson.stem}.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    report = lint_course()
    assert report.true_false_keyed_true.denominator == 1
    assert report.failures[0] == (
        "True/false items keyed True are 100.0 % (1 of 1), outside 40.0 % to 60.0 %."
    )
