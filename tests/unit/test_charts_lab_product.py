"""The product chart places the learner's product among the published targets and patients."""

from __future__ import annotations

import pytest

from widgets.charts.lab_product import product_chart
from widgets.labs.units import Product


def test_product_chart_shows_targets_patients_and_the_entry() -> None:
    figure = product_chart(Product(9.5, 7.0)).figure()
    names = [trace.name for trace in figure.data]
    assert "Your patient" in names
    assert "Reported in patients" in names
    assert figure.data[-1].x[0] == pytest.approx(66.5)
