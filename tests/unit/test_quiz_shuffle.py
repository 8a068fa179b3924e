"""Seeded orders: fixed per learner and question, across kernel restarts."""

from __future__ import annotations

from widgets.quiz.shuffle import display_order, scrambled_order
from widgets.seeds import seeded_random


def test_shuffling_is_fixed_per_learner_and_question() -> None:
    one = display_order(6, learner="ada", question_id="01-x/q")
    assert one == display_order(6, learner="ada", question_id="01-x/q")
    assert sorted(one) == list(range(6))
    others = {
        tuple(display_order(6, learner=f"student-{n}", question_id="01-x/q")) for n in range(20)
    }
    assert len(others) > 5


def test_an_ordering_task_never_starts_solved() -> None:
    for n in range(200):
        assert scrambled_order(3, learner=f"s{n}", question_id="q") != [0, 1, 2]


def test_orders_are_the_ones_learners_have_always_seen() -> None:
    # Pinned: crc32 of the parts joined by newlines, as before seeds.seeded_random existed. A
    # change here would reshuffle every learner's quiz and redraw every final assessment.
    assert display_order(6, learner="ada", question_id="01-x/q") == [0, 3, 2, 4, 5, 1]
    assert scrambled_order(4, learner="ada", question_id="01-x/q") == [3, 2, 0, 1]
    rng = seeded_random("ada", "final-assessment", "2")
    assert [rng.random() for _ in range(2)] == [0.8978133617925195, 0.6321999267655007]
