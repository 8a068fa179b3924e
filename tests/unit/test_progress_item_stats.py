"""Item statistics: facility, discrimination (item against rest of test), option shares and
flags, from first answers; the store's answers on SQLite and PostgreSQL; a real quiz's answers
through ``./course stats``."""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import tool
from widgets.progress.item_stats import (
    MIN_LEARNERS,
    Option,
    first_answers,
    item_statistics,
    pearson,
    to_csv,
)
from widgets.progress.store import Attempt, Store

LESSON = "01-what-is-it"
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def event(learner: int, question: str, correct: bool, answer: object = 0, n: int = 1) -> Attempt:
    return Attempt(
        id=learner * 100 + n,
        learner_id=learner,
        lesson=LESSON,
        question_id=f"{LESSON}/{question}",
        attempt_no=n,
        kind="answer",
        answer=answer,
        correct=correct,
        credit=float(correct),
        hints=0,
        revealed=False,
        created_at=T0,
        elapsed_ms=None,
    )


def no_options(_: str) -> None:
    return None


def by_question(report: list[object]) -> dict[str, object]:
    return {item.question_id.split("/")[1]: item for item in report}  # type: ignore[attr-defined]


def test_pearson_is_the_correlation_and_none_without_spread() -> None:
    assert pearson([0, 1, 0, 1], [1, 3, 1, 3]) == pytest.approx(1.0)
    assert pearson([0, 1, 1, 0], [3, 1, 1, 3]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [0, 1, 2]) is None
    assert pearson([0, 1, 0, 1, 1], [0, 2, 1, 1, 2]) == pytest.approx(0.7637626, rel=1e-6)


def test_only_a_learner_s_first_answer_counts() -> None:
    events = [event(1, "q", False, n=1), event(1, "q", True, n=2)]
    assert list(first_answers(events).values()) == [events[0]]
    (item,) = item_statistics(events, no_options)
    assert (item.attempts, item.facility) == (1, 0.0)


def test_a_question_that_the_strong_get_right_discriminates_and_a_coin_does_not() -> None:
    """Ten learners; learner k gets k of the five 'ladder' questions right (the easiest
    first). 'sorts' is right exactly for the five strongest; 'coin' for alternate learners."""
    events = []
    for learner in range(10):
        for step in range(5):
            events.append(event(learner, f"ladder-{step}", learner > 2 * step))
        events.append(event(learner, "sorts", learner >= 5))
        events.append(event(learner, "coin", learner % 2 == 0))
    items = by_question(item_statistics(events, no_options))
    sorts, coin = items["sorts"], items["coin"]
    assert sorts.facility == coin.facility == 0.5  # type: ignore[attr-defined]
    assert sorts.discrimination > 0.8  # type: ignore[attr-defined]
    assert coin.discrimination < 0.2  # type: ignore[attr-defined]
    assert sorts.flags == ()  # type: ignore[attr-defined]
    assert coin.flags == ("low discrimination",)  # type: ignore[attr-defined]


def test_too_easy_too_hard_and_too_few_are_told_apart() -> None:
    many, few = range(MIN_LEARNERS * 2), range(MIN_LEARNERS - 1)
    events = [event(learner, "easy", True) for learner in many]
    events += [event(learner, "hard", learner == 0) for learner in many]
    events += [event(100 + learner, "few", False) for learner in few]
    items = by_question(item_statistics(events, no_options))
    assert items["easy"].flags == ("easy",)  # type: ignore[attr-defined]
    assert items["hard"].flags[0] == "hard"  # type: ignore[attr-defined]
    assert items["few"].flags == ()  # type: ignore[attr-defined]
    assert items["few"].discrimination is None  # type: ignore[attr-defined]
    assert items["easy"].discrimination is None  # no spread: every answer right


def test_option_shares_count_each_option_a_first_answer_chose() -> None:
    options = [Option("A", True), Option("B", False), Option("C", True)]
    events = [
        event(1, "multi", False, [0, 1]),
        event(2, "multi", True, [0, 2]),
        event(3, "multi", False, [1]),
        event(4, "multi", False, [7, "x", True]),  # nothing usable: counts as an attempt only
    ]
    (item,) = item_statistics(events, lambda _: options)
    assert [(o.label, o.chosen, o.share) for o in item.options] == [
        ("A", 2, 0.5),
        ("B", 2, 0.5),
        ("C", 1, 0.25),
    ]
    (true_false,) = item_statistics(
        [event(1, "tf", True, True), event(2, "tf", False, False)],
        lambda _: [Option("True", True), Option("False", False)],
    )
    assert [o.chosen for o in true_false.options] == [1, 1]


def test_the_csv_has_a_row_per_option_and_names_no_learner() -> None:
    events = [event(learner, "q", learner % 2 == 0, learner % 2) for learner in range(6)]
    report = item_statistics(events, lambda _: [Option("Right", True), Option("Wrong", False)])
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert [(row["option"], row["option_chosen"], row["option_share"]) for row in rows] == [
        ("Right", "3", "0.500"),
        ("Wrong", "3", "0.500"),
    ]
    assert rows[0]["facility"] == "0.500"
    assert "learner" not in ",".join(rows[0])


def test_the_store_gives_every_learner_s_answers_filtered(database_url: str) -> None:
    store = Store.open(database_url)
    try:
        ada, ben = store.learner("Ada"), store.learner("Ben")
        for learner in (ada, ben):
            store.record(learner, lesson=LESSON, question_id=f"{LESSON}/q", answer=1, correct=True)
        store.record(ada, lesson=LESSON, question_id=f"{LESSON}/q", kind="hint", hints=1)
        store.record(ben, lesson="02-x", question_id="02-x/q", answer=0, correct=False)
        everything = store.answers()
        now = datetime.now(UTC)
        assert [(a.learner_id, a.lesson) for a in everything] == [
            (ada, LESSON),
            (ben, LESSON),
            (ben, "02-x"),
        ]
        assert len(store.answers(lesson=LESSON)) == 2
        assert store.answers(since=now + timedelta(minutes=1)) == []
        assert len(store.answers(since=now - timedelta(minutes=5), until=now + timedelta(1))) == 3
    finally:
        store.close()


def test_a_real_quiz_s_answers_come_out_as_shares_of_its_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Six learners answer lesson 01's quiz in its widgets; ./course stats reads them back."""
    from widgets.learner import Identity
    from widgets.progress.location import sqlite_url
    from widgets.progress.safe import SafeStore
    from widgets.progress.session import Session
    from widgets.quiz.bank import load_lesson_bank
    from widgets.quiz.view import QuestionCard, QuizView

    monkeypatch.delenv("TC_DATABASE_URL", raising=False)
    monkeypatch.setenv("TC_DATA_DIR", str(tmp_path))
    url = sqlite_url(tmp_path / "progress.sqlite3")
    bank = load_lesson_bank("01-what-is-tumoral-calcinosis")
    chose: dict[str, list[int]] = {}
    for learner in range(6):
        name = f"Student {learner}"
        session = Session(SafeStore.open(url), Identity(name, "link"))
        view = QuizView(bank, learner=name, session=session)
        questions = [q for q in bank.questions if not q.in_lesson]  # the quiz's, in its order
        for question, card in zip(questions, view.cards, strict=True):
            if isinstance(card, QuestionCard) and question.type == "single":
                position = learner % 2  # bank position: half choose the first, half the second
                with contextlib.suppress(ValueError, TypeError):
                    card.control.restore(position)
                    card.check.click()
                    chose.setdefault(question.id, []).append(position)
        session.store.close()
    stats = tool("item_stats")
    csv_file = tmp_path / "s.csv"
    assert stats.main(["--lesson", "01-what-is-tumoral-calcinosis", "--csv", str(csv_file)]) == 0
    rows = list(csv.DictReader(csv_file.open(encoding="utf-8")))
    assert chose, "no single-best-answer question was answered"
    for question_id, positions in chose.items():
        shares = [row for row in rows if row["question_id"] == question_id]
        assert [int(row["option_chosen"]) for row in shares[:2]] == [
            positions.count(0),
            positions.count(1),
        ]
        assert shares[0]["attempts"] == str(len(positions))
    assert "flagged" in capsys.readouterr().out


def test_discrimination_leaves_the_question_itself_out_of_the_score() -> None:
    """Against the total (the question included) it would be inflated to 0.82."""
    first = [True, True, True, False, False, False]
    second = [True, False, True, False, True, False]
    events = [event(n, "first", right) for n, right in enumerate(first)]
    events += [event(n, "second", right) for n, right in enumerate(second)]
    items = by_question(item_statistics(events, no_options))
    assert items["first"].discrimination == pytest.approx(1 / 3)  # type: ignore[attr-defined]


def test_every_choice_type_of_the_banks_has_its_options_for_the_statistics() -> None:
    """Image choices are named by their alt text (``./course stats`` once failed on them)."""
    from widgets.progress.item_stats import choice_options
    from widgets.quiz.bank import load_lesson_bank

    bank = load_lesson_bank("06-differential-diagnosis")
    images = [q for q in bank.questions if q.type == "image_choice"]
    assert images
    for question in images:
        options = choice_options(question)
        assert options is not None
        assert [o.label for o in options] == [option.alt for option in question.options]
        assert sum(o.correct for o in options) == 1
        assert tool("item_stats").options_of(question.id) == options
    assert choice_options(next(q for q in bank.questions if q.type == "numeric")) is None
