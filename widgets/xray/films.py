"""Ready-made films: a condition at a site with the usual exposure, cropped to the limb.

Pure: settings in (usually ``settings.typical_settings``), an 8-bit image out. Used by the
side-by-side gallery of mimics and by ``tools/render_films.py``, which writes the films that
questions show.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from widgets.xray.phantom import SITES
from widgets.xray.radiograph import simulate_radiograph
from widgets.xray.settings import Settings

#: Margin kept beyond the skin on the extensor side, and the share of the limb kept below the
#: bone (the flexor side holds nothing the mimics need).
CROP_MARGIN_MM = 4.0
FLEXOR_SHARE = 0.55
#: Width kept around the joint, as a share of the field.
WIDTH_SHARE = 0.8


def limb_crop(settings: Settings) -> tuple[slice, slice]:
    """Rows and columns of the image that hold the limb around the joint."""
    site = SITES[settings.site]
    pixel = site.field_mm / settings.size_px
    centre = settings.size_px / 2

    def row(y_mm: float) -> int:
        return int(np.clip(round(centre + y_mm / pixel), 0, settings.size_px))

    half_width = int(settings.size_px * WIDTH_SHARE / 2)
    rows = slice(
        row(-(site.limb_radius_mm + CROP_MARGIN_MM)), row(site.limb_radius_mm * FLEXOR_SHARE)
    )
    return rows, slice(int(centre) - half_width, int(centre) + half_width)


def film(settings: Settings, *, crop: bool = True) -> NDArray[np.uint8]:
    """The simulated radiograph for ``settings``, cropped to the limb unless ``crop`` is False."""
    image = simulate_radiograph(settings).image
    if not crop:
        return image
    rows, columns = limb_crop(settings)
    return np.ascontiguousarray(image[rows, columns])
