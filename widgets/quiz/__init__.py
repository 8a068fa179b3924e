"""Quizzes: question banks as data, grading in the kernel, and the quiz on screen."""

from widgets.learner import learner_id
from widgets.loading import ContentError
from widgets.quiz.bank import Bank, Question, load_bank, load_lesson_bank
from widgets.quiz.grading import Attempts, InvalidAnswerError, Result, grade
from widgets.quiz.view import QuizView


def quiz(stem: str, *, learner: str | None = None) -> QuizView:
    """The quiz of lesson ``stem``, its options shuffled for this learner."""
    return QuizView(load_lesson_bank(stem), learner=learner or learner_id())


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
