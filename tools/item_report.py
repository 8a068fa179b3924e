"""Print the item-flaw figures of the course's question banks, then every check they fail.

python tools/item_report.py [LESSON_STEM ...]

With lesson stems (``03-why-it-forms``), the figures are over those banks only: the thresholds
are course-wide, but a bank that meets them on its own keeps the course within them.

Figures are ``name: value`` lines, percentages to one decimal; the exit status is 1 when a check
fails (``widgets/quiz/lint.py`` holds the thresholds).
"""

from __future__ import annotations

import sys

from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.lint import Figure, ItemReport, Strategy, lint_banks, lint_course


def _figure_lines(name: str, figure: Figure) -> list[str]:
    return [
        f"{name}_pct: {100 * figure.share:.1f}",
        f"{name}_count: {figure.numerator}",
        f"{name}_items: {figure.denominator}",
    ]


def _strategy_lines(name: str, strategy: Strategy) -> list[str]:
    return [
        f"strategy_{name}_pct: {100 * strategy.score:.1f}",
        f"strategy_{name}_chance_pct: {100 * strategy.chance:.1f}",
        f"strategy_{name}_items: {strategy.items}",
    ]


def report_lines(report: ItemReport) -> list[str]:
    """The report as ``name: value`` lines, then a blank line and the failures, one a line."""
    counts = ", ".join(f"{correct}:{items}" for correct, items in report.multiple_correct_counts)
    lines = [
        *_figure_lines("true_false_keyed_true", report.true_false_keyed_true),
        *_figure_lines("single_best_key_longest", report.single_best_key_longest),
        *_figure_lines("multiple_one_wrong", report.multiple_one_wrong),
        f"multiple_correct_counts: {counts or 'none'}",
        *_figure_lines("true_false_absolute_word", report.true_false_absolute),
        *_figure_lines("single_best_stem_not_question", report.single_best_stem_not_question),
        *_strategy_lines("always_true", report.strategy_always_true),
        *_strategy_lines("always_false", report.strategy_always_false),
        *_strategy_lines("always_longest", report.strategy_longest),
        *_strategy_lines("all_but_shortest", report.strategy_all_but_shortest),
        f"failures: {len(report.failures)}",
    ]
    return [*lines, "", *report.failures] if report.failures else lines


def main(stems: list[str]) -> int:
    report = lint_banks(load_lesson_bank(stem) for stem in stems) if stems else lint_course()
    print("\n".join(report_lines(report)))
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
