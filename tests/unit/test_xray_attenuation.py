"""The simulator's physics against the shipped tables (not against itself)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from widgets.xray.attenuation import (
    LUT_HA_G_CM2,
    LUT_SIZE,
    LUT_SOFT_CM,
    basis_coefficients,
    detected_quanta,
    detected_signal,
    integrated_signal,
    log_attenuation,
    lookup_table,
    noise_equivalent_quanta,
    primary_contrast,
)
from widgets.xray.tables import load_tables


def test_lookup_table_agrees_with_the_full_polyenergetic_sum_within_one_percent() -> None:
    rng = np.random.default_rng(7)
    soft = rng.uniform(0, 30, 400).astype(np.float32)
    ha = rng.uniform(0, 6, 400).astype(np.float32)
    for kvp in (50.0, 70.0, 100.0):
        from_table, _ = lookup_table(kvp).lookup(soft, ha)
        exact = log_attenuation(kvp, soft, ha)
        signal_error = np.abs(np.exp(-(from_table - exact)) - 1)  # relative error in the signal
        assert signal_error.max() < 0.01, (kvp, signal_error.max())


def test_the_table_built_row_by_row_is_the_whole_grid_summed_at_once() -> None:
    # Row by row saves a kernel about 45 MiB; the films' hashes need every node's bits unchanged.
    soft, ha = np.meshgrid(
        np.linspace(*LUT_SOFT_CM, LUT_SIZE), np.linspace(*LUT_HA_G_CM2, LUT_SIZE), indexing="ij"
    )
    for kvp in (60.0, 83.5):
        quanta = detected_quanta(kvp, soft, ha)
        open_beam = detected_signal(kvp, np.zeros(1), np.zeros(1))[0]
        whole = (-np.log(integrated_signal(quanta) / open_beam)).astype(np.float32)
        table = lookup_table(kvp)
        assert np.array_equal(table.log_attenuation, whole)
        assert np.array_equal(
            table.log_quanta, np.log(noise_equivalent_quanta(quanta)).astype(np.float32)
        )


def test_reference_case_one_cm_of_hydroxyapatite_in_a_12_cm_limb_at_70_kvp() -> None:
    # Research note table 5.2: 44.1 % (70 kVp, 2.5 mm Al, energy-integrating CsI, primary beam).
    contrast = primary_contrast(70, limb_cm=12, deposit_cm=1, density_g_cm3=1.0)
    assert contrast == pytest.approx(0.441, abs=0.02)


def test_contrast_rises_with_density_and_size_and_falls_with_kvp() -> None:
    by_density = [
        primary_contrast(70, limb_cm=12, deposit_cm=1, density_g_cm3=c)
        for c in (0.3, 0.6, 1.0, 1.5)
    ]
    by_size = [
        primary_contrast(70, limb_cm=12, deposit_cm=d, density_g_cm3=0.6) for d in (0.5, 1, 2, 4)
    ]
    by_kvp = [
        primary_contrast(k, limb_cm=12, deposit_cm=1, density_g_cm3=0.6)
        for k in (50, 60, 70, 80, 100)
    ]
    assert by_density == sorted(by_density)
    assert len(set(by_density)) == 4
    assert by_size == sorted(by_size)
    assert len(set(by_size)) == 4
    assert by_kvp == sorted(by_kvp, reverse=True)
    assert len(set(by_kvp)) == 5


def test_two_basis_decomposition_of_cortical_bone_is_accurate() -> None:
    tables = load_tables()
    a, b = basis_coefficients(tables, "cortical_bone")
    band = (tables.energy_kev >= 20) & (tables.energy_kev <= 100)
    mu = tables.mu_rho["cortical_bone"][band] * tables.density["cortical_bone"]
    fitted = (
        a * tables.mu_rho["soft_tissue"][band] * tables.density["soft_tissue"]
        + b * tables.mu_rho["hydroxyapatite"][band]
    )
    assert np.max(np.abs(fitted / mu - 1)) < 0.01
    assert b == pytest.approx(1.068, rel=0.05)  # g of HA-equivalent mineral per cm³ of cortex


def test_more_tissue_means_less_signal_and_beam_hardening() -> None:
    signal = detected_signal(70, np.array([0.0, 5.0, 10.0, 20.0]), np.zeros(4))
    assert np.all(np.diff(signal) < 0)
    per_cm = -np.diff(np.log(signal)) / np.diff([0.0, 5.0, 10.0, 20.0])
    assert np.all(np.diff(per_cm) < 0)  # each further cm attenuates less: the beam hardens


def test_lut_grid_covers_the_phantoms() -> None:
    assert LUT_SOFT_CM[1] >= 2 * 8.8 + 5  # the hip limb (radius 88 mm) plus a bulging mass
    assert LUT_HA_G_CM2[1] >= 8
    assert math.isfinite(LUT_HA_G_CM2[0])
