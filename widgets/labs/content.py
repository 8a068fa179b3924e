"""The laboratory explorer's text as data (``assets/lab-explorer.yaml``): every sentence cited.

The target the readout compares with is a row of ``assets/data/lab-values.yaml``; its value fills
the ``{target_mg2_dl2}`` placeholder, so the number is written once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from widgets.labs.units import lab_values
from widgets.loading import ContentError, Refs, load_content, placeholders
from widgets.paths import asset_path

FILE = "lab-explorer.yaml"
#: What a target sentence may say of the target row: its value, in mg²/dL².
TARGET_PLACEHOLDERS = frozenset({"target_mg2_dl2"})


class Clause(BaseModel):
    """Part of a sentence with the sources it rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=3)
    refs: Refs


class Item(BaseModel):
    """One entry of a list: clauses joined by "; ", each followed by its citation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    clauses: list[Clause] = Field(min_length=1)


class ProductReadout(BaseModel):
    """How the readout places the product against the target row."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=3)
    target_row: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")  # a row of data/lab-values.yaml
    below_target: str = Field(min_length=5)
    at_or_above_target: str = Field(min_length=5)
    refs: Refs
    caveat: Clause

    @field_validator("below_target", "at_or_above_target")
    @classmethod
    def _known_placeholders(cls, text: str) -> str:
        names = placeholders(text)
        if not names <= TARGET_PLACEHOLDERS:
            unknown = ", ".join(sorted(names - TARGET_PLACEHOLDERS))
            raise ValueError(f"unknown placeholder(s) {unknown}; allowed: target_mg2_dl2")
        return text


class WhatMovesIt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: str = Field(min_length=3)
    items: list[Item] = Field(min_length=1)


class LabExplorerText(BaseModel):
    """Everything the laboratory explorer says besides the numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    product: ProductReadout
    what_would_move_it: WhatMovesIt


def load_lab_explorer_text(path: Path | None = None) -> LabExplorerText:
    """``assets/lab-explorer.yaml``, read once per kernel; its target row must exist."""
    text = load_content(FILE, LabExplorerText, path)
    target_mg2_dl2(text, path)
    return text


def target_mg2_dl2(text: LabExplorerText, path: Path | None = None) -> float:
    """The product target the readout compares with (mg²/dL²), from its row of lab values.

    ``path`` is the file ``text`` came from, named in the error when the row will not do.
    """
    where = path or asset_path(FILE)
    try:
        row = lab_values().row(text.product.target_row)
    except KeyError as missing:
        raise ContentError(where, str(missing.args[0]), field="product.target_row") from None
    if row.value is None or row.unit != "mg²/dL²":
        problem = f"row {row.id!r} must give a value in mg²/dL²"
        raise ContentError(where, problem, field="product.target_row")
    if row.source not in text.product.refs:
        problem = f"must cite the target row's source [{row.source}]"
        raise ContentError(where, problem, field="product.refs")
    return row.value
