"""tools/item_report.py prints the linter's figures as ``name: value`` lines, then the failures."""

from __future__ import annotations

from tests.conftest import tool
from widgets.quiz.lint import Figure, ItemReport, Strategy


def report(*failures: str) -> ItemReport:
    figure, strategy = Figure(1, 19), Strategy(items=19, score=18 / 19, chance=0.5)
    return ItemReport(
        true_false_keyed_true=figure,
        single_best_key_longest=Figure(18, 25),
        multiple_one_wrong=figure,
        multiple_correct_counts=((2, 3), (3, 1)),
        true_false_absolute=figure,
        single_best_stem_not_question=Figure(0, 25),
        strategy_always_true=strategy,
        strategy_always_false=strategy,
        strategy_longest=strategy,
        strategy_all_but_shortest=strategy,
        failures=failures,
    )


def test_figures_are_name_value_lines_in_percent() -> None:
    lines = tool("item_report").report_lines(report())
    assert "true_false_keyed_true_pct: 5.3" in lines
    assert "single_best_key_longest_pct: 72.0" in lines
    assert "strategy_always_false_pct: 94.7" in lines
    assert "strategy_always_false_chance_pct: 50.0" in lines
    assert "multiple_correct_counts: 2:3, 3:1" in lines
    assert lines[-1] == "failures: 0"


def test_failures_follow_the_figures_after_a_blank_line() -> None:
    lines = tool("item_report").report_lines(report("First.", "Second."))
    assert lines[-4:] == ["failures: 2", "", "First.", "Second."]
