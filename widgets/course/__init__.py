"""The course frame: the lesson catalogue (``catalog``) and its HTML, the lesson map and a
lesson's learning objectives (``render``). Import from those modules; this file loads nothing."""
