"""Quizzes: question banks as data, grading in the kernel, and the quiz on screen."""

import html

import ipywidgets as ipw

from widgets.learner import learner_id
from widgets.loading import ContentError
from widgets.quiz.bank import Bank, Question, load_bank, load_lesson_bank
from widgets.quiz.final import FinalAssessment
from widgets.quiz.grading import Attempts, InvalidAnswerError, Result, grade
from widgets.quiz.view import Exercise, QuizView


def quiz(stem: str, *, learner: str | None = None) -> QuizView | ipw.HTML:
    """The quiz of lesson ``stem``, its options shuffled for this learner.

    A broken bank does not break the lesson: the quiz's place shows what is wrong (file, question
    id and field), and the content tests fail on the same error.
    """
    try:
        bank = load_lesson_bank(stem)
    except ContentError as problem:
        return _notice("This quiz could not be loaded.", str(problem))
    return QuizView(bank, learner=learner or learner_id())


def exercise(question_id: str, *, learner: str | None = None) -> Exercise | ipw.HTML:
    """One question of a lesson's bank, shown in the lesson body (``<lesson stem>/<slug>``).

    The question must be marked ``in_lesson: true`` in its bank, so the end-of-lesson quiz does
    not ask it a second time.
    """
    stem = question_id.split("/", 1)[0]
    try:
        bank = load_lesson_bank(stem)
        question = bank.question(question_id)
    except (ContentError, KeyError) as problem:
        detail = problem.args[0] if isinstance(problem, KeyError) else str(problem)
        return _notice("This exercise could not be loaded.", detail)
    if not question.in_lesson:
        return _notice(
            "This exercise could not be loaded.",
            f"Question {question_id} is not marked in_lesson: true in {stem}.yaml, so the quiz "
            "would ask it twice.",
        )
    return Exercise(question, learner=learner or learner_id())


def final_assessment(*, learner: str | None = None, attempt: int = 1) -> FinalAssessment | ipw.HTML:
    """The course's final assessment, drawn for this learner; ``attempt=2`` draws a fresh set."""
    try:
        return FinalAssessment(learner=learner or learner_id(), attempt=attempt)
    except ContentError as problem:
        return _notice("The final assessment could not be loaded.", str(problem))


def _notice(headline: str, detail: str) -> ipw.HTML:
    """What stands in place of a quiz part that cannot be built: what, and why, for the authors."""
    notice = ipw.HTML(
        f"<p><strong>{html.escape(headline)}</strong> Please tell the course authors: "
        f"<code>{html.escape(detail)}</code></p>"
    )
    notice.add_class("tc-quiz-error")
    return notice


__all__ = [
    "Attempts",
    "Bank",
    "ContentError",
    "Exercise",
    "FinalAssessment",
    "InvalidAnswerError",
    "Question",
    "QuizView",
    "Result",
    "exercise",
    "final_assessment",
    "grade",
    "load_bank",
    "load_lesson_bank",
    "quiz",
]
