"""Static files compressed once and kept: the bytes are gzip of the file, a changed file is
compressed again, and only what tornado would compress is."""

from __future__ import annotations

import asyncio
import gzip
import os
from pathlib import Path

import pytest

from course_server import compression
from course_server.compression import compressed, compressible


@pytest.fixture(autouse=True)
def empty_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compression, "_cache", compression.OrderedDict())


def test_a_file_comes_back_gzip_compressed_and_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "bundle.js"
    path.write_text("var x = 1;\n" * 1000)
    body = asyncio.run(compressed(str(path)))
    assert gzip.decompress(body) == path.read_bytes()
    assert len(body) < path.stat().st_size / 10
    assert len(compression._cache) == 1
    assert asyncio.run(compressed(str(path))) is body


def test_a_changed_file_is_compressed_again(tmp_path: Path) -> None:
    path = tmp_path / "bundle.js"
    path.write_text("var x = 1;\n" * 1000)
    asyncio.run(compressed(str(path)))
    path.write_text("var y = 2;\n" * 1000)
    later = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(later, later))
    assert gzip.decompress(asyncio.run(compressed(str(path)))) == path.read_bytes()


def test_requests_arriving_together_share_one_compression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bundle.js"
    path.write_text("var x = 1;\n" * 1000)
    calls: list[int] = []
    compress = gzip.compress

    def counted(data: bytes, level: int) -> bytes:
        calls.append(level)
        return compress(data, level)

    monkeypatch.setattr(compression.gzip, "compress", counted)

    async def together() -> list[bytes]:
        return list(await asyncio.gather(*(compressed(str(path)) for _ in range(5))))

    assert len(set(map(id, asyncio.run(together())))) == 1
    assert calls == [compression.LEVEL]


def test_the_cache_stays_within_its_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compression, "CACHE_BYTES", 200)
    for number in range(5):
        path = tmp_path / f"{number}.js"
        path.write_bytes(os.urandom(100))  # incompressible: about 120 bytes each
        asyncio.run(compressed(str(path)))
    assert len(compression._cache) == 1


@pytest.mark.parametrize(
    ("content_type", "size", "expected"),
    [
        ("application/javascript", 5000, True),
        ("text/css; charset=UTF-8", 5000, True),
        ("image/svg+xml", 5000, True),
        ("application/javascript", 100, False),  # too short to gain
        ("font/woff", 5000, False),  # compressed already
        ("image/png", 5000, False),
    ],
)
def test_what_is_compressed(content_type: str, size: int, expected: bool) -> None:
    assert compressible(content_type, size) is expected
