"""The course's Voila server: Voila with the handlers and kernel manager that keep a class up.

``python -m course_server lessons`` (what ``./course serve`` runs) starts it with the settings of
``voila.json``. The lessons' own code is the ``widgets`` package; this package runs only in the
server process, never in a kernel.
"""
