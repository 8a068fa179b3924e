"""How long one X-ray simulator update takes, end to end in the kernel.

    .venv/bin/python bench/xray_update.py [--repeats 200]

An update is what a slider change costs: physics through the lookup table, scatter, noise,
window, JPEG encoding and assigning the bytes to the widget. Drags of density, size, kVp, mAs
and the window are timed after a warm-up (first frames build caches: the lookup table per kVp,
the lesion geometry per size). Ends with machine-readable lines such as
``xray_update_ms_median_512: 6.8``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

from widgets.xray.simulator import XRaySimulator


def drag(sim: XRaySimulator, control: str, values: list[Any], repeats: int) -> list[float]:
    """Set ``control`` through ``values`` again and again; milliseconds per update."""
    timings = []
    slider = getattr(sim, control)
    for step in range(repeats):
        start = time.perf_counter()
        slider.value = values[step % len(values)]
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def measure(size_px: int, repeats: int) -> dict[str, float]:
    sim = XRaySimulator(size_px=size_px)
    densities = [0.3 + 0.05 * k for k in range(20)]
    sizes = [30.0 + k for k in range(20)]
    kvps = [55.0 + k for k in range(20)]
    mas = [0.5 * (k + 1) for k in range(20)]
    windows = [(0.05 * k, 2.5) for k in range(20)]  # the black end of the window dragged
    drags: tuple[tuple[str, list[Any]], ...] = (
        ("density_g_cm3", densities),
        ("size_mm", sizes),
        ("kvp", kvps),
        ("mas", mas),
        ("window", windows),
    )
    for control, values in drags:
        drag(sim, control, values, len(values))  # warm the caches, as a first sweep does
    results = {}
    for control, values in drags:
        results[control] = statistics.median(drag(sim, control, values, repeats))
    results["all"] = statistics.median(results.values())
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    figures = {}
    for size_px in (256, 512):
        per_control = measure(size_px, args.repeats)
        for control, value in per_control.items():
            if control != "all":
                print(f"{size_px}px drag {control}: median {value:.2f} ms", file=sys.stderr)
        figures[f"xray_update_ms_median_{size_px}"] = max(
            per_control[c] for c in per_control if c != "all"
        )
    print(
        "(each figure is the slowest control's median: the worst drag a student can do)",
        file=sys.stderr,
    )
    for name, value in figures.items():
        print(f"{name}: {value:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
