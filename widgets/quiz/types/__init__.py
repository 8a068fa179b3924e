"""The question types, one module each: its model, its grader and its control spec.

``widgets/quiz/registry.py`` lists them; this package file imports nothing.
"""
