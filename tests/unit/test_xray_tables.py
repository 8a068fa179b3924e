"""The shipped X-ray tables: published attenuation values, and the spectrum's range."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.paths import xray_dir
from widgets.xray.tables import load_tables


def test_mass_attenuation_matches_published_values() -> None:
    tables = load_tables()
    at_40 = int(np.argmin(np.abs(tables.energy_kev - 40)))
    # xraydb / NIST values quoted in the research note, section 4.1 (cm²/g at 40 keV).
    assert tables.mu_rho["water"][at_40] == pytest.approx(0.2683, rel=0.01)
    assert tables.mu_rho["cortical_bone"][at_40] == pytest.approx(0.6655, rel=0.01)
    assert tables.mu_rho["hydroxyapatite"][at_40] == pytest.approx(0.9876, rel=0.01)


def test_the_spectrum_is_refused_outside_the_tables() -> None:
    with pytest.raises(ValueError, match="outside"):
        load_tables().spectrum(150)


def test_the_tables_are_read_from_the_xray_folder_of_paths() -> None:
    assert (xray_dir() / "spectra.npz").is_file()
    assert (xray_dir() / "attenuation.npz").is_file()
