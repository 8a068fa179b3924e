"""Seeded presentation order: the same learner always sees a question's options the same way."""

from __future__ import annotations

from widgets.seeds import seeded_random


def display_order(count: int, *, learner: str, question_id: str) -> list[int]:
    """A permutation of ``range(count)``, fixed for this learner and question."""
    order = list(range(count))
    seeded_random(learner, question_id).shuffle(order)
    return order


def scrambled_order(count: int, *, learner: str, question_id: str) -> list[int]:
    """Like ``display_order``, but never the identity: an ordering task must start unsolved."""
    order = display_order(count, learner=learner, question_id=question_id)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order
