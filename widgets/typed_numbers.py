"""A number as a student types it: strict reading of the text, with a message that says why not.

Pure. Accepted: the ASCII digits 0-9 with an optional sign, one decimal point or one decimal
comma and an optional exponent (``63.5``, ``63,5``, ``-2``, ``+1``, ``.5``, ``6.35e1``), with
spaces around. Refused, with a message that repeats what was typed and says what to type: the
digits of other scripts (Arabic-Indic, full-width; ``float()`` reads them), thousands separators
(``1 000``, ``1,000,000``; ``1,000`` is one, with a decimal comma), Python's underscores
(``1_000``), ``nan``, ``inf``, numbers too large for a float (``1e400``) and text longer than
``MAX_CHARS``.
"""

from __future__ import annotations

import math
import re
import unicodedata

#: Longest number accepted, spaces around it not counted; longer text is refused unread.
MAX_CHARS = 30
#: How much of a refused entry the message repeats.
SHOWN_CHARS = 20
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.ASCII | re.IGNORECASE)
_ADVICE = "type the digits 0-9, with a decimal point or comma, such as 1.5, 1,5 or 1.5e-3"


class NotANumberError(ValueError):
    """Typed text that is not a usable number; the message is meant for the student."""


def parse_number(text: object) -> float:
    """The finite number ``text`` spells, or ``NotANumberError`` saying what to type instead."""
    if not isinstance(text, str):
        raise NotANumberError("Type a number, such as 1.5.")
    typed = text.strip()
    if not typed:
        raise NotANumberError("Type a number first, such as 1.5.")
    if len(typed) > MAX_CHARS:
        raise NotANumberError(
            f"{shown(typed)} is too long for a number (at most {MAX_CHARS} characters): {_ADVICE}."
        )
    if not _NUMBER.fullmatch(typed):
        raise NotANumberError(f"{shown(typed)} {_why_not(typed)}: {_ADVICE}.")
    value = float(typed.replace(",", "."))
    if not math.isfinite(value):
        raise NotANumberError(f"{shown(typed)} is too large to be used: {_ADVICE}.")
    return value


def shown(typed: str) -> str:
    """``typed`` in quotes for a message: shortened, with invisible characters as escapes."""
    short = typed if len(typed) <= SHOWN_CHARS else typed[:SHOWN_CHARS] + "…"
    visible = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in short)
    return f"“{visible}”"


def _why_not(typed: str) -> str:
    if _NOT_FINITE.fullmatch(typed):
        return "is not a finite number"
    if any(unicodedata.category(c) == "Nd" and not c.isascii() for c in typed):
        return "uses digits other than 0-9"
    return "is not a number"
