"""Static files sent gzip-compressed from memory: each file is compressed once, not per request.

With ``compress_response`` (voila.json) tornado gzips every response as it writes it, at level
6, chunk by chunk, on the server's one event-loop thread: measured, 0.15 s of CPU for plotly.js
alone and about 0.3 s for all the files of a chart lesson's first view, again for every student
who opens one. A static file does not change while it is served, so here it is compressed once
(level 9, in a worker thread), kept in memory and sent as it is. Everything else (lesson pages,
API replies) is still compressed by tornado as it goes.
"""

from __future__ import annotations

import asyncio
import gzip
from collections import OrderedDict
from pathlib import Path

from jupyter_server.auth.decorator import allow_unauthenticated
from tornado.web import GZipContentEncoding, HTTPError, StaticFileHandler

#: Compressed once, so the best ratio is worth its CPU (level 9 over 6: 200 ms for plotly.js).
LEVEL = 9
#: The most compressed bytes kept; least recently used files go first. Every file the lessons
#: load is about 3 MiB compressed (plotly.js 1.4 MiB of it).
CACHE_BYTES = 32 * 2**20

#: (path, modification time in ns, size) -> the file gzip-compressed.
Key = tuple[str, int, int]
_cache: OrderedDict[Key, bytes] = OrderedDict()
_pending: dict[Key, asyncio.Future[bytes]] = {}


def compressible(content_type: str, size: int) -> bool:
    """Whether tornado's gzip transform would compress a response of this type and size."""
    kind = content_type.split(";")[0].strip()
    is_text = kind.startswith("text/") or kind in GZipContentEncoding.CONTENT_TYPES
    return is_text and size >= GZipContentEncoding.MIN_LENGTH


def _remember(key: Key, body: bytes) -> None:
    _cache[key] = body
    while sum(map(len, _cache.values())) > CACHE_BYTES and len(_cache) > 1:
        _cache.popitem(last=False)


async def compressed(path: str) -> bytes:
    """The file at ``path`` gzip-compressed: from memory, or compressed now in a worker thread
    (one compression for requests that arrive together)."""
    status = Path(path).stat()
    key = (path, status.st_mtime_ns, status.st_size)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    if key not in _pending:
        loop = asyncio.get_running_loop()
        content = Path(path).read_bytes()
        _pending[key] = loop.run_in_executor(None, gzip.compress, content, LEVEL)
    try:
        body = await _pending[key]
    finally:
        _pending.pop(key, None)
    _remember(key, body)
    return body


class CompressedStatic(StaticFileHandler):
    """A static file handler that sends a compressible file gzip-compressed from memory when the
    server compresses responses (``compress_response``) and the browser accepts gzip. A request
    for part of a file (``Range``) is served as tornado serves it."""

    def _sends_compressed(self) -> bool:
        headers = self.request.headers
        return (
            bool(self.settings.get("compress_response"))
            and "gzip" in headers.get("Accept-Encoding", "")
            and "Range" not in headers
        )

    @allow_unauthenticated  # as jupyter_server's FileFindHandler.get: static files are public
    async def get(self, path: str, include_body: bool = True) -> None:
        if not self._sends_compressed():
            await super().get(path, include_body)
            return
        # tornado's StaticFileHandler.get up to its 304, then the compressed body.
        self.path = self.parse_url_path(path)
        absolute_path = self.get_absolute_path(self.root, self.path)
        self.absolute_path = self.validate_absolute_path(self.root, absolute_path)
        if self.absolute_path is None:
            return
        self.modified = self.get_modified_time()
        self.set_headers()
        if self.should_return_304():
            self.set_status(304)
            return
        if not compressible(self.get_content_type(), self.get_content_size()):
            await super().get(path, include_body)  # sets the same headers again
            return
        try:
            body = await compressed(self.absolute_path)
        except OSError:  # removed or unreadable since it was found
            raise HTTPError(404) from None
        # tornado's gzip transform leaves a response that says its encoding alone, and adds
        # "Vary: Accept-Encoding".
        self.set_header("Content-Encoding", "gzip")
        self.set_header("Content-Length", len(body))
        if include_body:
            self.write(body)
