"""Image-choice questions, tested with generated images until the X-ray simulator provides them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from traitlets import TraitError

from widgets.paths import bank_path
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.view import QuestionCard, QuizView

STEM = "01-what-is-tumoral-calcinosis"


def film(path: Path, *, blob: bool) -> None:
    """A stand-in radiograph: a grey limb, with or without a bright lobulated blob beside it."""
    image = Image.new("L", (64, 64), 20)
    draw = ImageDraw.Draw(image)
    draw.rectangle((24, 0, 40, 63), fill=120)
    if blob:
        for x, y in ((46, 28), (52, 34), (47, 38)):
            draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill=230)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())


@pytest.fixture
def view(course_copy: Path) -> QuizView:
    images = course_copy / "assets" / "images"
    film(images / "with-mass.png", blob=True)
    film(images / "plain.png", blob=False)
    bank = bank_path(STEM)
    bank.parent.mkdir()
    bank.write_text(
        f"""\
schema_version: 1
lesson: {STEM}
reviewed: {{by: tester, date: "2026-11-26", against: brief}}
questions:
  - id: {STEM}/pick-the-film
    objectives: [define-tc]
    type: image_choice
    prompt: Which film shows a periarticular calcified mass?
    options:
      - {{image: plain.png, alt: A limb with normal soft tissue, feedback: FEEDBACK-PLAIN}}
      - {{image: with-mass.png, alt: A limb with a bright lobulated mass beside the joint,
          correct: true, feedback: FEEDBACK-MASS}}
    explanation: EXPLANATION-FILM
    refs: [1]
""",
        encoding="utf-8",
    )
    return QuizView(load_lesson_bank(STEM), learner="tester")


def test_images_are_shown_inline_with_alt_text(view: QuizView) -> None:
    card = view.cards[0]
    assert isinstance(card, QuestionCard)
    figures = card.control.widget.children[0].children
    assert len(figures) == 2
    for figure in figures:
        assert 'src="data:image/png;base64,' in figure.value
        assert 'alt="A limb with' in figure.value
    assert "Image A" in figures[0].value


def test_picking_the_film_with_the_mass_is_graded(view: QuizView) -> None:
    card = view.cards[0]
    assert isinstance(card, QuestionCard)
    figures = card.control.widget.children[0].children
    choice = card.control.widget.children[1]
    position = next(p for p, f in enumerate(figures) if "bright lobulated" in f.value)
    choice.value = position
    card.check.click()
    assert card.attempts.solved
    assert "FEEDBACK-MASS" in card.feedback.value


def test_an_option_the_page_never_offered_is_refused_by_the_control(view: QuizView) -> None:
    card = view.cards[0]
    assert isinstance(card, QuestionCard)
    choice = card.control.widget.children[1]
    with pytest.raises(TraitError):
        choice.value = 7
    with pytest.raises(TraitError):
        choice.index = 99
    assert card.attempts.tries == 0
