"""Serum calcium and phosphate: units and plausibility (``units``), the laboratory explorer's
text (``content``, ``readout``) and the explorer of lesson 03 (``explorer``).

Import the module you need; this package imports nothing, so the pure modules load no widgets.
"""
