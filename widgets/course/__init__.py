"""The course frame: the lesson catalogue (``catalog``) and its HTML, the lesson map and a
lesson's learning objectives (``render``), and the previous/next links of each lesson
(``lesson_links``). Import from those modules; this file loads nothing."""
