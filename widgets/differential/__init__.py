"""The differential diagnosis: the mimics as data (``data``), their feature table (``table``) and
a gallery of simulated films (``gallery``). Import from those modules; this file loads nothing."""
