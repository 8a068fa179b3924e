"""The names learners give: one normal form, and a clear refusal of names that cannot be kept.

A name is data only: stored through bound parameters, never used as a path, and escaped by
whatever shows it. So HTML, quotes, ``../`` and any script are kept as typed.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_CHARACTERS = 64


class LearnerNameError(ValueError):
    """A name that cannot be a learner's name; the message says why, for the learner."""


def normalise_name(text: str) -> str:
    """NFC, runs of whitespace as one space, no space at either end.

    Raises
    ------
    LearnerNameError
        When the name is empty, longer than ``MAX_NAME_CHARACTERS`` or holds control characters.
    """
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if not name:
        raise LearnerNameError("Please type a name: this one is empty.")
    if len(name) > MAX_NAME_CHARACTERS:
        raise LearnerNameError(
            f"A name can have at most {MAX_NAME_CHARACTERS} characters; this one has {len(name)}."
        )
    for position, character in enumerate(name, start=1):
        # Cc: control characters (NUL, escape...); Cs: lone surrogates, which no file can store.
        if unicodedata.category(character) in ("Cc", "Cs"):
            raise LearnerNameError(
                f"A name cannot contain control characters: U+{ord(character):04X} "
                f"at position {position}."
            )
    return name
