"""Build the X-ray widget's physics tables in ``assets/xray/`` with spekpy and xraydb.

spekpy and xraydb are build-time tools only: the course never imports them, and the widget reads
the tables with numpy alone (``widgets/xray/tables.py``). Run from the repository root, in a
throwaway virtual environment outside the repository (about a minute, 81 spekpy spectra)::

    python -m venv /tmp/xray-tables && /tmp/xray-tables/bin/pip install spekpy xraydb numpy pyyaml
    /tmp/xray-tables/bin/python tools/build_xray_tables.py

It writes three files, each rebuilt whole:

- ``spectra.npz``: tungsten-anode fluence per kVp (40-120 kV) on 1 keV bins centred on 10-120 keV;
- ``attenuation.npz``: mass attenuation coefficients of the phantom's materials on the same grid;
- ``PROVENANCE.yaml``: versions, parameters, compositions and the unit of every array.

Binning: spekpy's bins end at the kVp, so with ``dk=1`` their centres are at x.5 keV. We run spekpy
at ``dk=0.5`` (its default), whose half-keV bins tile every 1 keV bin [E - 0.5, E + 0.5] exactly,
and add them up: each table value is the mean differential fluence over its 1 keV bin, so
``fluence.sum(axis=1) * 1 keV`` is the fluence above 9.5 keV. mu/rho is sampled at the bin centres.
The .npz files are written with fixed zip timestamps, so an unchanged build is byte-identical.
"""

from __future__ import annotations

import io
import platform
import sys
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

# spekpy and xraydb ship no type information and are not in the course's .venv, where mypy runs:
# they are build-time tools only. The wrappers below turn their results into typed arrays.
import spekpy  # type: ignore[import-not-found]  # untyped; build venv only
import xraydb  # type: ignore[import-not-found]  # untyped; build venv only
import yaml
from numpy.typing import NDArray

Floats = NDArray[np.float64]

OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "xray"
KVP = np.arange(40, 121, dtype=np.int32)  # kV
ENERGY_KEV = np.arange(10.0, 121.0, 1.0)  # 1 keV bin centres, keV
BIN_KEV = 1.0  # width of the table's energy bins, keV
SPEKPY_DK_KEV = 0.5  # spekpy's bin width; two of its bins make one table bin
ANODE = "W"
ANODE_ANGLE_DEG = 12.0
AL_FILTRATION_MM = 2.5  # total filtration, mm Al
AIR_MM = 1000.0  # 100 cm of air between focus and detector

# Mass fractions in percent, ICRU Report 44 (research note xray-sim.md section 3.2).
ICRU44_MASS_PERCENT: dict[str, dict[str, float]] = {
    "soft_tissue": {
        "H": 10.2,
        "C": 14.3,
        "N": 3.4,
        "O": 71.0,
        "Na": 0.1,
        "P": 0.2,
        "S": 0.3,
        "Cl": 0.1,
        "K": 0.4,
    },
    "adipose": {"H": 11.4, "C": 59.8, "N": 0.7, "O": 27.8, "Na": 0.1, "S": 0.1, "Cl": 0.1},
    "cortical_bone": {
        "H": 3.4,
        "C": 15.5,
        "N": 4.2,
        "O": 43.5,
        "Na": 0.1,
        "Mg": 0.2,
        "P": 10.3,
        "S": 0.3,
        "Ca": 22.5,
    },
}
# Stoichiometric compounds: mass fractions from the formula and xraydb's atomic masses.
FORMULAS = {"hydroxyapatite": "Ca10(PO4)6(OH)2", "csi": "CsI", "water": "H2O"}
MATERIALS = ("soft_tissue", "adipose", "cortical_bone", "hydroxyapatite", "csi", "water")
DENSITY_G_CM3 = {
    "soft_tissue": 1.05,
    "adipose": 0.95,
    "cortical_bone": 1.92,
    "hydroxyapatite": 3.16,  # crystal density
    "csi": 4.51,
}

# dtype, shape and unit of every array, for PROVENANCE.yaml.
SPECTRA_UNITS = {
    "kvp": "int32 (81,): tube voltage, kV",
    "energy_kev": "float64 (111,): bin centre, keV (bin edges at +-0.5 keV)",
    "fluence": "float64 (81, 111): photons / (cm² keV mAs) at 100 cm; x 1 keV = photons per bin",
    "al_filtration_mm": "float64 scalar: total filtration, mm Al",
    "anode_angle_deg": "float64 scalar: anode angle, degrees",
}
ATTENUATION_UNITS = {
    "mu_rho_<material>": "float64 (111,): total mass attenuation (coherent included), cm²/g",
    "density_<material>": "float64 scalar: g/cm³ (water has none: 1.00)",
}


def spekpy_spectrum(kvp: int) -> tuple[Floats, Floats, float]:
    """Differential fluence from spekpy for one tube voltage.

    Parameters
    ----------
    kvp : int
        Tube voltage, kV.

    Returns
    -------
    tuple of (ndarray, ndarray, float)
        Bin centres (keV), fluence (photons cm⁻² keV⁻¹ per mAs at 100 cm) on spekpy's 0.5 keV
        bins, and spekpy's own total fluence (photons cm⁻² per mAs at 100 cm).
    """
    spek = spekpy.Spek(kvp=float(kvp), th=ANODE_ANGLE_DEG, dk=SPEKPY_DK_KEV, targ=ANODE)
    spek.filter("Al", AL_FILTRATION_MM).filter("Air", AIR_MM)
    centres, fluence = spek.get_spectrum()
    return np.asarray(centres, np.float64), np.asarray(fluence, np.float64), float(spek.get_flu())


def rebin_to_table(centres: Floats, fluence: Floats) -> Floats:
    """Add spekpy's 0.5 keV bins into the table's 1 keV bins [E - 0.5, E + 0.5].

    Parameters
    ----------
    centres, fluence : ndarray
        spekpy bin centres (keV) and differential fluence (photons cm⁻² keV⁻¹ per mAs).

    Returns
    -------
    ndarray
        Mean differential fluence per table bin, photons cm⁻² keV⁻¹ per mAs at 100 cm; bins below
        9.5 keV are dropped.
    """
    quarters = centres * 4.0  # half-keV bins on whole/half-keV edges are centred on odd quarters
    if not np.allclose(quarters, np.round(quarters)) or np.any(np.round(quarters) % 2 != 1):
        raise ValueError("spekpy's bins do not tile the 1 keV table bins")
    index = np.floor(centres + 0.5).astype(np.int64) - int(ENERGY_KEV[0])
    keep = index >= 0
    photons = np.bincount(index[keep], fluence[keep] * SPEKPY_DK_KEV, minlength=ENERGY_KEV.size)
    return photons[: ENERGY_KEV.size] / BIN_KEV


def build_spectra() -> tuple[dict[str, Floats | NDArray[np.int32]], float]:
    """Fluence table for every kVp.

    Returns
    -------
    tuple of (dict, float)
        The arrays of ``spectra.npz``, and the largest fraction of spekpy's total fluence that
        lies below the table (under 9.5 keV) at any kVp.
    """
    rows, dropped = [], 0.0
    for kvp in KVP:
        centres, fluence, total = spekpy_spectrum(int(kvp))
        rows.append(rebin_to_table(centres, fluence))
        dropped = max(dropped, 1.0 - rows[-1].sum() * BIN_KEV / total)
        print(f"spectrum {kvp} kVp: {total:.4g} photons/cm²/mAs at 100 cm", flush=True)
    arrays: dict[str, Floats | NDArray[np.int32]] = {
        "kvp": KVP,
        "energy_kev": ENERGY_KEV,
        "fluence": np.vstack(rows),
        "al_filtration_mm": np.array(AL_FILTRATION_MM),
        "anode_angle_deg": np.array(ANODE_ANGLE_DEG),
    }
    return arrays, dropped


def mass_fractions(material: str) -> dict[str, float]:
    """Mass fraction of each element of ``material`` (sums to 1).

    Parameters
    ----------
    material : str
        A key of ``ICRU44_MASS_PERCENT`` or ``FORMULAS``.
    """
    if material in ICRU44_MASS_PERCENT:
        percent = ICRU44_MASS_PERCENT[material]
        return {element: share / sum(percent.values()) for element, share in percent.items()}
    atoms: dict[str, float] = xraydb.chemparse(FORMULAS[material])
    masses = {element: n * float(xraydb.atomic_mass(element)) for element, n in atoms.items()}
    return {element: mass / sum(masses.values()) for element, mass in masses.items()}


def mass_attenuation(fractions: Mapping[str, float]) -> Floats:
    """Total mass attenuation coefficient of a mixture on the table's energy grid.

    Parameters
    ----------
    fractions : mapping of str to float
        Mass fraction of each element.

    Returns
    -------
    ndarray
        mu/rho in cm²/g (Elam tables, coherent scattering included) at each bin centre.
    """
    energy_ev = ENERGY_KEV * 1000.0
    terms = [
        w * np.asarray(xraydb.mu_elam(el, energy_ev, kind="total")) for el, w in fractions.items()
    ]
    return np.asarray(np.sum(terms, axis=0), np.float64)


def build_attenuation() -> dict[str, Floats]:
    """The arrays of ``attenuation.npz``: mu/rho (cm²/g) per material and densities (g/cm³)."""
    arrays = {f"mu_rho_{m}": mass_attenuation(mass_fractions(m)) for m in MATERIALS}
    arrays |= {f"density_{m}": np.array(rho) for m, rho in DENSITY_G_CM3.items()}
    return arrays


def write_npz(path: Path, arrays: Mapping[str, NDArray[Any]]) -> None:
    """Write ``arrays`` as a compressed .npz with fixed timestamps (reproducible bytes).

    Parameters
    ----------
    path : Path
        The .npz file to write; ``numpy.load`` reads it like any other.
    arrays : mapping of str to ndarray
        Array name to array.
    """
    with zipfile.ZipFile(path, "w") as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array, order="C"), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def spectrum_summary(spectra: Mapping[str, NDArray[Any]]) -> dict[str, dict[str, Any]]:
    """Mean energy (keV) and fluence (photons cm⁻² per mAs at 100 cm) at 60, 70 and 80 kVp."""
    summary = {}
    for kvp in (60, 70, 80):
        row = spectra["fluence"][int(np.flatnonzero(spectra["kvp"] == kvp)[0])]
        summary[f"{kvp}_kvp"] = {
            "mean_energy_kev": round(float(np.sum(row * ENERGY_KEV) / np.sum(row)), 2),
            "fluence_photons_per_cm2_per_mas": f"{np.sum(row) * BIN_KEV:.4g}",
        }
    return summary


def spekpy_settings() -> dict[str, Any]:
    """spekpy's model settings in this build: physics model, attenuation data, distance, mAs."""
    spek = spekpy.Spek(kvp=float(KVP[0]), th=ANODE_ANGLE_DEG, dk=SPEKPY_DK_KEV, targ=ANODE)
    model, geometry = spek.state.model_parameters, spek.state.spectrum_parameters
    return {
        "physics": str(model.physics),
        "mu_data_source": str(model.mu_data_source),
        "dk_kev": float(model.dk),
        "distance_cm": float(geometry.z),
        "mas": float(geometry.mas),
    }


def spectra_provenance(dropped: float) -> dict[str, Any]:
    """The ``spectra.npz`` section of PROVENANCE.yaml."""
    return {
        "source": "spekpy Spek(kvp=..., th=12, dk=0.5, targ='W'), .filter('Al', 2.5), "
        ".filter('Air', 1000), .get_spectrum() (fluence per keV, mid-bin energies)",
        "parameters": {
            "anode": ANODE,
            "anode_angle_deg": ANODE_ANGLE_DEG,
            "total_filtration_mm_al": AL_FILTRATION_MM,
            "air_mm": AIR_MM,
            "kvp_kv": f"{KVP[0]}-{KVP[-1]} in steps of 1",
            "spekpy": spekpy_settings(),
            "energy_grid_kev": "1 keV bins centred on 10.0-120.0 (edges 9.5-120.5)",
            "binning": "each 1 keV bin is the sum of the two spekpy 0.5 keV bins inside it "
            "(mean differential fluence over the bin); bins above the kVp are zero",
            "fluence_below_9p5_kev_dropped_max_fraction": float(f"{dropped:.2g}"),
        },
        "arrays": SPECTRA_UNITS,
    }


def material_provenance(material: str) -> dict[str, Any]:
    """Source of the composition, mass fractions and density (g/cm³) of one material."""
    if material in ICRU44_MASS_PERCENT:
        source = "ICRU Report 44 mass fractions (research note xray-sim.md 3.2)"
    else:
        source = f"formula {FORMULAS[material]}, with xraydb's atomic masses"
    fractions = {el: round(w, 5) for el, w in mass_fractions(material).items()}
    entry: dict[str, Any] = {"composition": source, "mass_fractions": fractions}
    if material in DENSITY_G_CM3:
        entry["density_g_cm3"] = DENSITY_G_CM3[material]
    return entry


def attenuation_provenance() -> dict[str, Any]:
    """The ``attenuation.npz`` section of PROVENANCE.yaml."""
    return {
        "source": "xraydb mu_elam(element, energy_eV, kind='total') (Elam, Ravel & Sieber 2002), "
        "mixture rule mu/rho = sum_i w_i (mu/rho)_i, sampled at the 1 keV bin centres",
        "materials": {m: material_provenance(m) for m in MATERIALS},
        "arrays": ATTENUATION_UNITS,
    }


def provenance(spectra: Mapping[str, NDArray[Any]], dropped: float) -> dict[str, Any]:
    """Everything PROVENANCE.yaml records: command, versions, date, parameters and units."""
    return {
        "built_by": "tools/build_xray_tables.py",
        "command": [
            "python -m venv /tmp/xray-tables",
            "/tmp/xray-tables/bin/pip install spekpy xraydb numpy pyyaml",
            "/tmp/xray-tables/bin/python tools/build_xray_tables.py",
        ],
        "date": datetime.now(UTC).date().isoformat(),
        "versions": {
            "python": platform.python_version(),
            **{name: version(name) for name in ("spekpy", "xraydb", "numpy", "pyyaml")},
        },
        "files": {
            "spectra.npz": spectra_provenance(dropped),
            "attenuation.npz": attenuation_provenance(),
        },
        "summary_from_the_table": spectrum_summary(spectra),
    }


def main() -> int:
    """Build and write all three files; returns the process exit code."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    spectra, dropped = build_spectra()
    write_npz(OUT_DIR / "spectra.npz", spectra)
    write_npz(OUT_DIR / "attenuation.npz", build_attenuation())
    record = provenance(spectra, dropped)
    text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
    header = "# Written by tools/build_xray_tables.py; do not edit by hand.\n"
    (OUT_DIR / "PROVENANCE.yaml").write_text(header + text, encoding="utf-8")
    for name in ("spectra.npz", "attenuation.npz", "PROVENANCE.yaml"):
        print(f"wrote assets/xray/{name} ({(OUT_DIR / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
