"""Ready-made films: the usual exposure, cropped to the limb around the joint."""

from __future__ import annotations

import numpy as np

from widgets.xray.films import film, limb_crop
from widgets.xray.radiograph import simulate_radiograph
from widgets.xray.settings import typical_settings


def test_a_film_is_the_radiograph_cropped_to_the_limb() -> None:
    settings = typical_settings("calcific_tendinitis", "shoulder", size_px=256)
    whole = simulate_radiograph(settings).image
    rows, columns = limb_crop(settings)
    cropped = film(settings)
    assert np.array_equal(cropped, whole[rows, columns])
    assert cropped.flags.c_contiguous
    assert 0 < cropped.shape[0] < 256
    assert np.array_equal(film(settings, crop=False), whole)
