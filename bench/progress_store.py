"""How long the progress store takes to save one answer and to restore one lesson.

    .venv/bin/python bench/progress_store.py [--learners 30] [--questions 166] [--repeats 200]

Builds a SQLite store in a temporary folder holding a class's worth of attempts (every learner
has answered every question of the course, with a hint on some), then times, one transaction
each, saving one more answer for a random learner and question, and restoring one learner's
lesson: their attempts of that lesson and their lesson rows. Then the whole restore as a page
sees it: lesson 08's quiz (25 questions) built for a learner who answered every question, the
events read and replayed into the cards, against the same quiz for a learner with none. Ends
with ``name: value`` lines such as ``answer_save_ms_p95: 1.9`` (goals: save <= 20 ms, restore
<= 100 ms at p95).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from widgets.progress.location import sqlite_url  # noqa: E402
from widgets.progress.store import Store  # noqa: E402

LESSONS = [f"{number:02d}-lesson" for number in range(1, 9)]


def question(number: int) -> tuple[str, str]:
    lesson = LESSONS[number % len(LESSONS)]
    return lesson, f"{lesson}/question-{number}"


def fill(store: Store, *, learners: int, questions: int) -> list[int]:
    """Every learner opens every lesson and answers every question, a hint on every other."""
    ids = [store.learner(f"Student {number}") for number in range(learners)]
    for learner_id in ids:
        for lesson in LESSONS:
            store.start_lesson(learner_id, lesson)
        for number in range(questions):
            lesson, question_id = question(number)
            store.record(
                learner_id,
                lesson=lesson,
                question_id=question_id,
                answer=["b"],
                correct=number % 3 != 0,
                credit=1.0 if number % 3 else 0.0,
                hints=number % 2,
                elapsed_ms=5000,
            )
    return ids


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_ms(action: Callable[[], object], repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def quiz_restore_ms(folder: Path, repeats: int) -> tuple[list[float], list[float]]:
    """Building lesson 08's quiz: for a learner who answered every question, and for a new one."""
    from widgets.learner import Identity
    from widgets.progress.safe import SafeStore
    from widgets.progress.session import Session
    from widgets.quiz.bank import load_lesson_bank
    from widgets.quiz.view import QuestionCard, QuizView

    url = sqlite_url(folder / "quiz.sqlite3")
    bank = load_lesson_bank("08-treatment")

    def build(name: str) -> QuizView:
        return QuizView(
            bank, learner=name, session=Session(SafeStore.open(url), Identity(name, "link"))
        )

    for card in build("Answered").cards:  # the first option of each choice question, checked
        if isinstance(card, QuestionCard):
            with contextlib.suppress(ValueError, TypeError):
                card.control.restore(0)
            card.check.click()
    answered = time_ms(lambda: build("Answered"), repeats)
    fresh = time_ms(lambda: build("Nobody yet"), repeats)
    return answered, fresh


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--questions", type=int, default=166)
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(20250301)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(sqlite_url(Path(folder) / "progress.sqlite3"))
        ids = fill(store, learners=args.learners, questions=args.questions)

        def save() -> None:
            lesson, question_id = question(rng.randrange(args.questions))
            store.record(
                rng.choice(ids),
                lesson=lesson,
                question_id=question_id,
                answer=["a"],
                correct=True,
                credit=0.75,
                hints=1,
                elapsed_ms=3000,
            )

        def restore() -> None:
            learner_id, lesson = rng.choice(ids), rng.choice(LESSONS)
            store.attempts(learner_id, lesson)
            store.lessons(learner_id)

        time_ms(save, 10)  # warm-up: statement caches, the connection pool
        saves = time_ms(save, args.repeats)
        restores = time_ms(restore, args.repeats)
        stored = len(store.attempts(ids[0]))
        store.close()
        answered, fresh = quiz_restore_ms(Path(folder), max(5, args.repeats // 10))
    print(
        f"{args.learners} learners x {args.questions} questions stored; "
        f"one learner now has {stored} attempts",
        file=sys.stderr,
    )
    print(f"answer_save_ms_median: {statistics.median(saves):.2f}")
    print(f"answer_save_ms_p95: {percentile(saves, 0.95):.2f}")
    print(f"lesson_restore_ms_median: {statistics.median(restores):.2f}")
    print(f"lesson_restore_ms_p95: {percentile(restores, 0.95):.2f}")
    print(f"quiz_restore_ms_median: {statistics.median(answered):.1f}")
    print(f"quiz_restore_ms_p95: {percentile(answered, 0.95):.1f}")
    print(f"quiz_build_unanswered_ms_median: {statistics.median(fresh):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
