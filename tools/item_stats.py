"""Print the class's item statistics from the progress store, and optionally write them as CSV.

    ./course stats [--lesson STEM] [--session CODE] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
                   [--csv FILE]

Reads the store the course server writes to (``TC_DATABASE_URL``, else ``TC_DATA_DIR``, else the
user's data folder), so run it as the account that serves the course. The figures and the
formulas are those of ``widgets/progress/item_stats.py``: facility index (share right at the first
answer), discrimination index (correlation of the question's first-answer score with the rest of
the lesson's), the share choosing each option, and flags for facility outside 0.2-0.9 or
discrimination below 0.2. ``--since`` and ``--until`` keep answers made from the first day up to,
not including, the second (UTC); ``--session`` keeps the answers given in one class session (its
code, as the presenter view showed it). Individual learners never appear: only counts and shares.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.exc import SQLAlchemyError  # noqa: E402

from widgets.course.catalog import load_course  # noqa: E402
from widgets.progress.item_stats import (  # noqa: E402
    ItemStatistics,
    Option,
    choice_options,
    item_statistics,
    to_csv,
)
from widgets.progress.store import SchemaError, Store  # noqa: E402
from widgets.quiz.bank import load_lesson_bank  # noqa: E402


@cache
def _bank_questions(stem: str) -> dict[str, object]:
    try:
        bank = load_lesson_bank(stem)
    except (OSError, ValueError):
        return {}
    return {question.id: question for question in bank.questions}


def options_of(question_id: str) -> list[Option] | None:
    """A choice question's options in bank order (``choice_options``); else None."""
    question = _bank_questions(question_id.split("/", 1)[0]).get(question_id)
    return None if question is None else choice_options(question)


def day(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def lesson_stem(text: str) -> str:
    known = [lesson.stem for lesson in load_course().lessons]
    if text not in known:
        raise argparse.ArgumentTypeError(f"no lesson {text!r}; the lessons: {', '.join(known)}")
    return text


def table(report: Sequence[ItemStatistics]) -> list[str]:
    if not report:
        return ["No answers stored yet (for these filters)."]
    lines = [f"{'question':<58} {'n':>4} {'facility':>8} {'discr.':>6}  flags"]
    for item in report:
        discrimination = "-" if item.discrimination is None else f"{item.discrimination:.2f}"
        lines.append(
            f"{item.question_id:<58.58} {item.attempts:>4} {item.facility:>8.0%} "
            f"{discrimination:>6}  {', '.join(item.flags)}"
        )
        for option in item.options:
            key = "*" if option.correct else " "
            lines.append(f"    {key} {option.share:>4.0%}  {option.label[:70]}")
    flagged = sum(1 for item in report if item.flags)
    lines.append(f"{len(report)} questions, {flagged} flagged (* marks a keyed option)")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", type=lesson_stem, help="one lesson's questions only")
    parser.add_argument("--session", help="the answers given in this class session (its code)")
    parser.add_argument("--since", type=day, help="answers from this day (UTC)")
    parser.add_argument("--until", type=day, help="answers before this day (UTC)")
    parser.add_argument("--csv", type=Path, help="also write the statistics to this CSV file")
    args = parser.parse_args(argv)
    try:
        store = Store.open()
    except (SchemaError, SQLAlchemyError, OSError, ValueError) as error:
        print(f"stats: cannot open the progress store: {error}", file=sys.stderr)
        return 1
    try:
        session_id = None
        if args.session is not None:
            found = store.class_session(args.session)
            if found is None:
                print(f"stats: no class session {args.session!r}", file=sys.stderr)
                return 2
            session_id = found.id
        answers = store.answers(
            lesson=args.lesson, since=args.since, until=args.until, class_session_id=session_id
        )
    finally:
        store.close()
    report = item_statistics(answers, options_of)
    print("\n".join(table(report)))
    if args.csv is not None:
        args.csv.write_text(to_csv(report), encoding="utf-8")
        print(f"stats: wrote {args.csv}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
