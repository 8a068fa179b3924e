"""The simulated limb and the detector's blur."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.xray.phantom import detector_blur


def test_the_detector_blur_is_small_and_keeps_the_total() -> None:
    impulse = np.zeros((9, 9))
    impulse[4, 4] = 1.0
    blurred = detector_blur(impulse)
    assert blurred.sum() == pytest.approx(1.0)
    assert blurred[4, 4] == pytest.approx(0.25)
    assert blurred[4, 6] == 0.0  # it reaches one pixel, no further
