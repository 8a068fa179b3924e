"""The risk-factor explorer of lesson 02: its rules as data (``content``), the pure reasoning over
a profile (``rules``) and the explorer itself (``explorer``).

Import the module you need; this package imports nothing, so the pure modules load no widgets.
"""
