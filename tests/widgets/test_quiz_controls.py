"""Every registered question type's control spec becomes widgets, and they read a pick back in
bank order without ever holding the answer key."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as ipw
import pytest
from ipywidgets.widgets.widget import _instances as widget_registry

from widgets.paths import ROOT_ENV
from widgets.quiz.bank import Bank, load_bank
from widgets.quiz.controls import AnswerControl, ReorderControl, control_for, stage_figure
from widgets.quiz.question import Gradable, InvalidAnswerError
from widgets.quiz.registry import TYPES, grade
from widgets.quiz.view import CaseCard, QuestionCard, card_for

SAMPLE = Path(__file__).parents[1] / "unit" / "fixtures" / "every-type-bank.yaml"
PNG = (  # a 1x1 grey PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU"
    b"\x00\x00\x00\nIDATx\x9cc`\x00\x00\x00\x02\x00\x01H\xaf\xa4q\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Bank:
    films = tmp_path / "assets" / "images" / "films"
    films.mkdir(parents=True)
    for name in ("a.png", "b.png"):
        (films / name).write_bytes(PNG)
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    return load_bank(SAMPLE, objectives={"define-tc", "three-forms"}, reference_count=10)


def gradable(bank: Bank) -> list[Gradable]:
    return [question for question in bank.questions if isinstance(question, Gradable)]


def test_the_sample_has_every_gradable_type(bank: Bank) -> None:
    assert {question.type for question in gradable(bank)} == TYPES - {"staged_case"}


def test_every_types_control_spec_builds_a_control_that_reads_back(bank: Bank) -> None:
    for question in gradable(bank):
        control = control_for(question.control(learner="ada", key=question.id))
        assert isinstance(control, AnswerControl)
        assert isinstance(control.widget, ipw.Widget)
        response = control.response()  # nothing picked yet: refused, never a crash
        if question.type == "ordering":
            assert isinstance(control, ReorderControl)
            assert not grade(question, response).correct  # it starts unsolved
        else:
            with pytest.raises(InvalidAnswerError):
                grade(question, response)
        control.disable()


def test_every_entry_gets_the_card_of_its_kind(bank: Bank) -> None:
    for question in bank.questions:
        card = card_for(question, label="1.", learner="ada", on_change=lambda: None)
        kind = CaseCard if question.type == "staged_case" else QuestionCard
        assert isinstance(card, kind), question.id


def test_no_control_holds_the_answer_key(bank: Bank) -> None:
    before = set(widget_registry)
    for question in gradable(bank):
        control_for(question.control(learner="ada", key=question.id))
    created = [w for key, w in widget_registry.items() if key not in before]
    state = json.dumps([w.get_state() for w in created], ensure_ascii=False)
    assert '"correct"' not in state
    for question in gradable(bank):
        assert question.explanation not in state


def test_a_stage_figure_inlines_the_image_with_alt_text_and_caption(bank: Bank) -> None:
    figure = stage_figure("films/a.png", 'A "film"', caption="Image A", max_width_px=240)
    assert 'src="data:image/png;base64,' in figure
    assert 'alt="A &quot;film&quot;"' in figure
    assert "<figcaption>Image A</figcaption>" in figure
    assert "max-width:240px" in figure
