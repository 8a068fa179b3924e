"""Broken question banks fail with one clear error naming the file, the question and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from widgets.loading import ContentError
from widgets.quiz import load_bank

STEM = "01-what-is-tumoral-calcinosis"
GOOD = f"""\
schema_version: 1
lesson: {STEM}
reviewed: {{by: tester, date: "2026-11-26", against: brief}}
questions:
  - id: {STEM}/first
    objectives: [define-tc]
    type: single
    prompt: Which is right?
    options:
      - {{text: This one, correct: true, feedback: Because.}}
      - {{text: That one, feedback: Because not.}}
    explanation: It is right because.
    refs: [1]
  - id: {STEM}/second
    objectives: [three-forms]
    type: numeric
    prompt: How much?
    answer: 63.5
    tolerance: 0.5
    unit: mg²/dL²
    feedback_low: Too low.
    feedback_high: Too high.
    explanation: Because.
    refs: [4]
"""


def write_bank(course_copy: Path, text: str) -> Path:
    path = course_copy / "assets" / f"{STEM}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(course_copy: Path, text: str) -> str:
    with pytest.raises(ContentError) as raised:
        load_bank(write_bank(course_copy, text))
    return str(raised.value)


def test_the_good_bank_loads(course_copy: Path) -> None:
    bank = load_bank(write_bank(course_copy, GOOD))
    assert [q.type for q in bank.questions] == ["single", "numeric"]


BROKEN = [
    # (what is broken, how to break GOOD, words the message must contain)
    (
        "bad YAML",
        lambda t: t.replace("prompt: How much?", "prompt: [How much?"),
        ["is not valid YAML at line"],
    ),
    (
        "missing field",
        lambda t: t.replace("    explanation: It is right because.\n", ""),
        ["question 01-what-is-tumoral-calcinosis/first", "explanation", "Field required"],
    ),
    (
        "unknown type",
        lambda t: t.replace("type: single", "type: essay"),
        ["question 01-what-is-tumoral-calcinosis/first", "unknown question type"],
    ),
    (
        "no correct option",
        lambda t: t.replace("correct: true", "correct: false"),
        [
            "question 01-what-is-tumoral-calcinosis/first",
            "options",
            "exactly one correct option, has 0",
        ],
    ),
    (
        "two correct options",
        lambda t: t.replace("{text: That one,", "{text: That one, correct: true,"),
        ["01-what-is-tumoral-calcinosis/first", "options", "has 2"],
    ),
    (
        "duplicate id",
        lambda t: t.replace(f"{STEM}/second", f"{STEM}/first"),
        ["question 01-what-is-tumoral-calcinosis/first: id", "duplicate question id"],
    ),
    (
        "numeric without tolerance",
        lambda t: t.replace("    tolerance: 0.5\n", ""),
        ["question 01-what-is-tumoral-calcinosis/second", "tolerance", "Field required"],
    ),
    (
        "zero tolerance",
        lambda t: t.replace("tolerance: 0.5", "tolerance: 0"),
        ["01-what-is-tumoral-calcinosis/second", "tolerance", "greater than 0"],
    ),
    (
        "wrong schema version",
        lambda t: t.replace("schema_version: 1", "schema_version: 3"),
        ["schema_version", "reads 1"],
    ),
    (
        "unknown objective",
        lambda t: t.replace("[define-tc]", "[read-minds]"),
        ["question 01-what-is-tumoral-calcinosis/first: objectives", "read-minds"],
    ),
    (
        "unknown reference",
        lambda t: t.replace("refs: [4]", "refs: [4, 999]"),
        ["question 01-what-is-tumoral-calcinosis/second: refs", "999"],
    ),
    (
        "id from another lesson",
        lambda t: t.replace(f"{STEM}/second", "02-who-gets-it/second"),
        ["question 02-who-gets-it/second: id", f"must start with {STEM}/"],
    ),
    (
        "misspelt field",
        lambda t: t.replace("feedback_low:", "feedbak_low:"),
        ["01-what-is-tumoral-calcinosis/second", "feedbak_low", "unknown field"],
    ),
    (
        "lesson is not the file's",
        lambda t: t.replace(f"lesson: {STEM}", "lesson: 02-who-gets-it"),
        ["lesson", "must share its lesson's stem"],
    ),
    (
        "question without id",
        lambda t: t.replace(f"  - id: {STEM}/second\n    objectives:", "  - objectives:"),
        ["question #2 (no id)", "id"],
    ),
    (
        "wrong value type",
        lambda t: t.replace("answer: 63.5", "answer: lots"),
        ["01-what-is-tumoral-calcinosis/second", "answer", "valid number"],
    ),
]


@pytest.mark.parametrize(("broken", "mutate", "expected"), BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_bank_names_file_question_and_field(course_copy, broken, mutate, expected) -> None:  # type: ignore[no-untyped-def]
    message = error_for(course_copy, mutate(GOOD))
    assert message.startswith(f"assets/{STEM}.yaml:"), message
    for words in expected:
        assert words in message, f"{broken}: {message}"


def test_an_image_that_does_not_exist(course_copy: Path) -> None:
    image_question = f"""\
  - id: {STEM}/which-film
    objectives: [define-tc]
    type: image_choice
    prompt: Which film shows it?
    options:
      - {{image: films/a.png, alt: Film A, correct: true, feedback: Yes.}}
      - {{image: films/b.png, alt: Film B, feedback: No.}}
    explanation: Because.
    refs: [1]
"""
    (course_copy / "assets" / "images" / "films").mkdir()
    (course_copy / "assets" / "images" / "films" / "a.png").write_bytes(b"png")
    message = error_for(course_copy, GOOD + image_question)
    assert f"question {STEM}/which-film: image" in message
    assert "films/b.png" in message


def test_a_staged_case_error_names_the_stage(course_copy: Path) -> None:
    case = f"""\
  - id: {STEM}/a-case
    objectives: [three-forms]
    type: staged_case
    title: A child with a hip mass
    refs: [3]
    stages:
      - narrative: A 9-year-old has a painless hip mass.
        question:
          type: true_false
          prompt: Is this periarticular?
          answer: true
          feedback_true: Yes.
          feedback_false: No.
          explanation: Because.
          refs: [1]
      - narrative: Her phosphate is high.
        question:
          type: single
          prompt: Which form?
          options:
            - {{text: HFTC, feedback: Yes.}}
            - {{text: Secondary, feedback: No.}}
          explanation: Because.
          refs: [3]
"""
    message = error_for(course_copy, GOOD + case)
    assert f"question {STEM}/a-case: stages[1].question" in message
    assert "exactly one correct option" in message
