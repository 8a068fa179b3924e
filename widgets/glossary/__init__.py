"""The course glossary: its terms as data (``content``), the linking of a term's first appearance
in each lesson (``links``) and the list lesson 00 shows (``render``).

Import the module you need; this package imports nothing.
"""
