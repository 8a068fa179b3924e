"""The X-ray physics tables shipped in ``assets/xray/`` (built by ``tools/build_xray_tables.py``).

At run time only numpy reads them: the spectrum of a tungsten tube per kVp, and the mass
attenuation coefficients of the materials the phantom is made of. See PROVENANCE.yaml there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from widgets.loading import ContentError
from widgets.paths import xray_dir

MATERIALS = ("soft_tissue", "adipose", "cortical_bone", "hydroxyapatite", "csi", "water")
Floats = NDArray[np.float64]


@dataclass(frozen=True)
class XRayTables:
    kvp: NDArray[np.int32]
    energy_kev: Floats
    fluence: Floats  # photons / (cm² keV mAs) at 100 cm, one row per kVp
    mu_rho: dict[str, Floats]  # cm²/g on energy_kev
    density: dict[str, float]  # g/cm³

    def spectrum(self, kvp: float) -> Floats:
        """Fluence per 1 keV bin at ``kvp``, interpolated between the tabulated whole kV."""
        if not self.kvp[0] <= kvp <= self.kvp[-1]:
            raise ValueError(f"tube voltage {kvp} kVp is outside {self.kvp[0]}-{self.kvp[-1]} kVp")
        below = int(np.clip(np.floor(kvp) - self.kvp[0], 0, len(self.kvp) - 2))
        weight = kvp - self.kvp[below]
        return (1 - weight) * self.fluence[below] + weight * self.fluence[below + 1]


@cache
def load_tables() -> XRayTables:
    folder = xray_dir()
    try:
        spectra = np.load(folder / "spectra.npz")
        attenuation = np.load(folder / "attenuation.npz")
        return XRayTables(
            kvp=spectra["kvp"].astype(np.int32),
            energy_kev=spectra["energy_kev"].astype(np.float64),
            fluence=spectra["fluence"].astype(np.float64),
            mu_rho={m: attenuation[f"mu_rho_{m}"].astype(np.float64) for m in MATERIALS},
            density={
                m: float(np.ravel(attenuation[f"density_{m}"])[0])
                for m in MATERIALS
                if m != "water"
            },
        )
    except (OSError, KeyError, ValueError) as error:
        raise ContentError(folder, f"X-ray tables are missing or damaged ({error})") from None
