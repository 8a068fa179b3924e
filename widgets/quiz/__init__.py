"""Quizzes: question banks as data, grading in the kernel, and the quiz on screen.

Pure: ``question`` (what every type shares), ``types/`` (one module per question type),
``registry`` (the list of types, bank entries and grading by type), ``answers`` (control specs),
``bank`` (loading and checking banks), ``scoring``, ``shuffle`` and ``assessment`` (the final
assessment's draw and report by topic). UI: ``controls``, ``view`` (``quiz``, ``exercise``) and
``final`` (``final_assessment``). This package file imports nothing.
"""
