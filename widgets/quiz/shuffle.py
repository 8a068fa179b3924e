"""Seeded presentation order: the same learner always sees a question's options the same way."""

from __future__ import annotations

import random
import zlib


def display_order(count: int, *, learner: str, question_id: str) -> list[int]:
    """A permutation of ``range(count)``, fixed for this learner and question.

    ``zlib.crc32`` rather than ``hash``: Python salts ``hash`` per process, and the order must
    survive a kernel restart.
    """
    order = list(range(count))
    random.Random(zlib.crc32(f"{learner}\n{question_id}".encode())).shuffle(order)
    return order


def scrambled_order(count: int, *, learner: str, question_id: str) -> list[int]:
    """Like ``display_order``, but never the identity: an ordering task must start unsolved."""
    order = display_order(count, learner=learner, question_id=question_id)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order
