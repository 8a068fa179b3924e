"""Numbered references: the course's source list (``catalog``), citations found in text and
content (``citations``), a lesson's computed source list (``lesson_sources``) and its HTML
(``render``). Import from those modules; this package file loads nothing."""
