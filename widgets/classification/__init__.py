"""The three forms of tumoral calcinosis: data (``forms``), cards (``cards``) and an explorer
widget (``explorer``). Import from those modules; this file loads nothing."""
