"""Charts of published figures: tidy tables (``data``), pure figures (``figures``,
``lab_product``) as plotly JSON without plotly (``chart``), the course's colours (``palette``)
and plotly renderer (``renderer``), figures inside an ``Output`` (``output``) and the body map
of lesson 04 (``body_map``).

Import the module you need; this package imports nothing, and only ``Chart.figure()`` and
``renderer`` load plotly.
"""
