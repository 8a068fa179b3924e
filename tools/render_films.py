"""Render the simulated films listed in assets/images/MANIFEST.yaml, and record their hashes.

python tools/render_films.py           # write every film and update its sha256 in the manifest
python tools/render_films.py --check   # write nothing; exit 1 if a film no longer matches

Edit a record's ``film`` settings or ``alt`` text in the manifest, then run this script.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
import yaml
from numpy.typing import NDArray
from PIL import Image

from widgets.images import MANIFEST, Film, ImageRecord, load_manifest, sha256_of
from widgets.paths import images_dir
from widgets.xray.films import film
from widgets.xray.radiograph import to_jpeg
from widgets.xray.settings import typical_settings

QUALITY = 85
#: Mean absolute difference (grey levels) between a stored film and a fresh render that still
#: counts as the same film: JPEG's loss, plus numerical noise between library versions.
TOLERANCE = 2.0


def render(spec: Film) -> NDArray[np.uint8]:
    return film(typical_settings(spec.condition, spec.site, **spec.changes()))


def difference(path: Path, fresh: NDArray[np.uint8]) -> float:
    """Mean absolute grey-level difference between the stored film and ``fresh``."""
    stored = np.asarray(Image.open(io.BytesIO(path.read_bytes())).convert("L"), dtype=np.float64)
    if stored.shape != fresh.shape:
        return float("inf")
    return float(np.abs(stored - fresh).mean())


def _header(manifest_path: Path) -> str:
    lines = manifest_path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if line.startswith("#"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    check = parser.parse_args(argv).check
    manifest_path = images_dir() / MANIFEST
    manifest = load_manifest(manifest_path)
    records: list[ImageRecord] = []
    stale = []
    for record in manifest.images:
        path = images_dir() / record.file
        if record.film is None:
            records.append(record)
            continue
        fresh = render(record.film)
        if check:
            gap = difference(path, fresh) if path.is_file() else float("inf")
            if gap > TOLERANCE or sha256_of(path) != record.sha256:
                stale.append(f"{record.file} (mean difference {gap:.2f} grey levels)")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(to_jpeg(fresh, quality=QUALITY))
        records.append(record.model_copy(update={"sha256": sha256_of(path)}))
        print(f"wrote {record.file} ({path.stat().st_size // 1024} KiB)")
    if check:
        for line in stale:
            print(f"stale: {line}", file=sys.stderr)
        return 1 if stale else 0
    data = manifest.model_copy(update={"images": records}).model_dump(
        mode="json", exclude_none=True
    )
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    manifest_path.write_text(_header(manifest_path) + body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
