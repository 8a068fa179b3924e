"""Quizzes: question banks as data, grading in the kernel, and the quiz on screen."""

import html

import ipywidgets as ipw

from widgets.learner import learner_id
from widgets.loading import ContentError
from widgets.quiz.bank import Bank, Question, load_bank, load_lesson_bank
from widgets.quiz.grading import Attempts, InvalidAnswerError, Result, grade
from widgets.quiz.view import QuizView


def quiz(stem: str, *, learner: str | None = None) -> QuizView | ipw.HTML:
    """The quiz of lesson ``stem``, its options shuffled for this learner.

    A broken bank does not break the lesson: the quiz's place shows what is wrong (file, question
    id and field), and the content tests fail on the same error.
    """
    try:
        bank = load_lesson_bank(stem)
    except ContentError as problem:
        notice = ipw.HTML(
            "<p><strong>This quiz could not be loaded.</strong> Please tell the course authors: "
            f"<code>{html.escape(str(problem))}</code></p>"
        )
        notice.add_class("tc-quiz-error")
        return notice
    return QuizView(bank, learner=learner or learner_id())


__all__ = [
    "Attempts",
    "Bank",
    "ContentError",
    "InvalidAnswerError",
    "Question",
    "QuizView",
    "Result",
    "grade",
    "load_bank",
    "load_lesson_bank",
    "quiz",
]
