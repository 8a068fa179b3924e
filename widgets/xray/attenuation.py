"""Polyenergetic Beer-Lambert attenuation, detection, noise and scatter; pure numpy.

Every tissue is reduced to two basis amounts per ray: soft-tissue-equivalent path (cm) and
hydroxyapatite mass (g/cm²); below 100 keV that is exact to well under 1 % for the tissues used
(xray-sim research note, section 3.3). The detector integrates energy over a CsI scintillator.
A lookup table per kVp of p = -ln(S/S0) over the two basis amounts replaces the sum over
energies at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from widgets.memory import releases_memory
from widgets.xray.tables import Floats, XRayTables, load_tables

CSI_THICKNESS_CM = 0.06  # 0.6 mm needle-structured CsI:Tl
CSI_PACKING = 0.8
HA_CRYSTAL_DENSITY = 3.16  # g/cm³; deposit mineral displaces its matrix
FIT_BAND_KEV = (15.0, 100.0)
LUT_SOFT_CM = (0.0, 40.0)
LUT_HA_G_CM2 = (-0.5, 10.0)
LUT_SIZE = 161

Array = NDArray[np.float32]


def detector_efficiency(tables: XRayTables) -> Floats:
    """Fraction of photons the scintillator absorbs, per energy."""
    mu = tables.mu_rho["csi"] * tables.density["csi"]
    return 1.0 - np.exp(-mu * CSI_THICKNESS_CM * CSI_PACKING)


def basis_coefficients(tables: XRayTables, material: str) -> tuple[float, float]:
    """(a, b) with mu_material(E) ~ a * mu_soft(E) + b * (mu/rho)_HA(E), least squares 15-100 keV.

    a is cm of soft tissue per cm of material; b is g of hydroxyapatite per cm³ of material.
    """
    energy = tables.energy_kev
    band = (energy >= FIT_BAND_KEV[0]) & (energy <= FIT_BAND_KEV[1])
    target = tables.mu_rho[material][band] * tables.density[material]
    basis = np.stack(
        [
            tables.mu_rho["soft_tissue"][band] * tables.density["soft_tissue"],
            tables.mu_rho["hydroxyapatite"][band],
        ],
        axis=1,
    )
    weights = 1.0 / target  # relative error, so low and high energies count alike
    (a, b), *_ = np.linalg.lstsq(basis * weights[:, None], target * weights, rcond=None)
    return float(a), float(b)


def detected_quanta(
    kvp: float,
    soft_cm: NDArray[np.floating],
    ha_g_cm2: NDArray[np.floating],
    *,
    tables: XRayTables | None = None,
) -> Floats:
    """Photons absorbed by the detector per keV bin, per mAs and cm² at 100 cm, behind the given
    basis amounts (last axis: energy). Every detector quantity below is a sum over this."""
    tables = tables or load_tables()
    mu = (
        np.asarray(soft_cm, dtype=np.float64)[..., None]
        * (tables.mu_rho["soft_tissue"] * tables.density["soft_tissue"])
        + np.asarray(ha_g_cm2, dtype=np.float64)[..., None] * tables.mu_rho["hydroxyapatite"]
    )
    return tables.spectrum(kvp) * detector_efficiency(tables) * np.exp(-mu)


def integrated_signal(quanta: Floats, tables: XRayTables | None = None) -> Floats:
    """Energy-integrating detector signal: sum of quanta times energy (arbitrary units)."""
    return np.sum(quanta * (tables or load_tables()).energy_kev, axis=-1)


def noise_equivalent_quanta(quanta: Floats, tables: XRayTables | None = None) -> Floats:
    """(sum qE)^2 / sum qE^2: the quanta an ideal counter would need for the same noise (Swank)."""
    energy = (tables or load_tables()).energy_kev
    return np.sum(quanta * energy, axis=-1) ** 2 / np.sum(quanta * energy**2, axis=-1)


def detected_signal(
    kvp: float, soft_cm: NDArray[np.floating], ha_g_cm2: NDArray[np.floating]
) -> Floats:
    """Energy-integrated detector signal per mAs (arbitrary units): the full sum over energies."""
    return integrated_signal(detected_quanta(kvp, soft_cm, ha_g_cm2))


def log_attenuation(
    kvp: float, soft_cm: NDArray[np.floating], ha_g_cm2: NDArray[np.floating]
) -> Floats:
    """p = -ln(S/S0), the full polyenergetic sum (the reference the lookup table must match)."""
    open_beam = detected_signal(kvp, np.zeros(1), np.zeros(1))[0]
    return -np.log(detected_signal(kvp, soft_cm, ha_g_cm2) / open_beam)


@dataclass(frozen=True)
class LookupTable:
    """p and ln(NEQ per mAs per cm²) on a grid of (soft-tissue cm, HA g/cm²), for one kVp."""

    kvp: float
    log_attenuation: Array
    log_quanta: Array

    def lookup(self, soft_cm: Array, ha_g_cm2: Array) -> tuple[Array, Array]:
        """Bilinear interpolation of both tables; inputs are clipped to the grid."""
        return _bilinear(self.log_attenuation, soft_cm, ha_g_cm2), _bilinear(
            self.log_quanta, soft_cm, ha_g_cm2
        )


def _grid_axes() -> tuple[Floats, Floats]:
    return np.linspace(*LUT_SOFT_CM, LUT_SIZE), np.linspace(*LUT_HA_G_CM2, LUT_SIZE)


@cache
@releases_memory
def lookup_table(kvp: float) -> LookupTable:
    """Build (once per kVp) both tables from one full sum over energies at every grid node.

    The sum runs one row of the grid at a time: all rows at once hold several arrays of grid x
    energies (23 MB each), and the memory they took stays with the kernel after they are freed
    (about 45 MiB of every kernel that shows a radiograph). Each node's sum is the same.
    """
    soft_axis, ha_axis = _grid_axes()
    tables = load_tables()
    open_beam = detected_signal(kvp, np.zeros(1), np.zeros(1))[0]
    log_attenuation = np.empty((LUT_SIZE, LUT_SIZE), dtype=np.float32)
    log_quanta = np.empty((LUT_SIZE, LUT_SIZE), dtype=np.float32)
    for row, soft_cm in enumerate(soft_axis):
        quanta = detected_quanta(kvp, np.full(LUT_SIZE, soft_cm), ha_axis, tables=tables)
        log_attenuation[row] = -np.log(integrated_signal(quanta, tables) / open_beam)
        log_quanta[row] = np.log(noise_equivalent_quanta(quanta, tables))
    return LookupTable(kvp=kvp, log_attenuation=log_attenuation, log_quanta=log_quanta)


def _bilinear(table: Array, soft_cm: Array, ha_g_cm2: Array) -> Array:
    n = LUT_SIZE - 1
    x = (soft_cm - LUT_SOFT_CM[0]) * np.float32(n / (LUT_SOFT_CM[1] - LUT_SOFT_CM[0]))
    y = (ha_g_cm2 - LUT_HA_G_CM2[0]) * np.float32(n / (LUT_HA_G_CM2[1] - LUT_HA_G_CM2[0]))
    np.clip(x, 0, n - 1e-3, out=x)
    np.clip(y, 0, n - 1e-3, out=y)
    i = x.astype(np.intp)
    j = y.astype(np.intp)
    fx = x - i
    fy = y - j
    flat = table.ravel()
    base = i * LUT_SIZE + j
    v00, v01 = flat[base], flat[base + 1]
    v10, v11 = flat[base + LUT_SIZE], flat[base + LUT_SIZE + 1]
    top = v00 + fy * (v01 - v00)
    return top + fx * (v10 + fy * (v11 - v10) - top)


def primary_contrast(
    kvp: float, *, limb_cm: float, deposit_cm: float, density_g_cm3: float
) -> float:
    """Contrast 1 - S_deposit/S_background of a deposit replacing soft tissue in a limb.

    The deposit is hydroxyapatite at ``density_g_cm3`` in a soft-tissue matrix whose volume the
    crystals displace. Primary beam only, full sum over energies.
    """
    displaced = deposit_cm * density_g_cm3 / HA_CRYSTAL_DENSITY
    soft = np.array([limb_cm, limb_cm - displaced])
    ha = np.array([0.0, deposit_cm * density_g_cm3])
    background, deposit = detected_signal(kvp, soft, ha)
    return float(1.0 - deposit / background)
