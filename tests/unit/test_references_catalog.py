from __future__ import annotations

import pytest

from tests.unit.conftest import MiniCourse
from widgets.loading import ContentError
from widgets.references.catalog import load_references


def test_references_must_be_numbered_in_order(mini_course: MiniCourse) -> None:
    root = mini_course()
    path = root / "assets" / "references.yaml"
    path.write_text(path.read_text().replace("number: 2", "number: 7"), encoding="utf-8")
    with pytest.raises(ContentError, match="entry 2 has number 7"):
        load_references()


def test_the_real_reference_list_is_complete() -> None:
    references = load_references().references
    assert len(references) >= 77
    assert all(reference.citation for reference in references)
