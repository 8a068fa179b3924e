"""How long a browser may keep a static file: a year when its URL is versioned, else it asks.

A URL is versioned when it names one version of the file's content: a ``v`` query argument (the
content hash Voila's templates add through tornado's ``static_url``, and webpack's chunk hash on
the chunks of JupyterLab extensions, ``0.03957c7088ad5ed0.js?v=03957c7088ad5ed0``) or a content
hash in the file name (webpack's ``[name].[contenthash].js``: ``remoteEntry.1dda3c8f6e5cd2a3.js``).
A new version of such a file comes under a new URL, so the browser may keep the old one for a
year without asking again. Every other file is ``no-cache``: kept, but revalidated on each use
(a 304 without a body while it is unchanged). Voila's own chunks are among those: they keep
their names across Voila releases (``7155.voila.js``), and without a Cache-Control header
Chromium kept them on a guess, so after an upgrade a page could have mixed old and new chunks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tornado.web import StaticFileHandler

#: What jupyter_server sends for its immutable files (``static_immutable_cache``).
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
#: A file name ending in a content hash of 16 or more hex digits and an extension, as webpack and
#: rspack name their outputs (``84.09c61a35dce1705f.js``, ``1cb1c39ea642f26a4dfe.woff``).
HASHED_NAME = re.compile(r"(?:.*\.)?[0-9a-f]{16,}\.[A-Za-z0-9]+")


def is_versioned(path: str, arguments: Mapping[str, object]) -> bool:
    """Whether the URL with this path and these query arguments names one version of a file."""
    return "v" in arguments or HASHED_NAME.fullmatch(path.rsplit("/", 1)[-1]) is not None


def cache_control(path: str, arguments: Mapping[str, object]) -> str:
    """The ``Cache-Control`` header for a static file at this URL."""
    return IMMUTABLE if is_versioned(path, arguments) else REVALIDATE


class CacheHeaders(StaticFileHandler):
    """A static file handler's headers with the course's ``Cache-Control`` (and no
    ``Expires``): mixed in ahead of Voila's and jupyter_server's handlers, which send no header
    for unversioned files (tornado) or ``no-cache`` for every file (labextensions)."""

    def set_headers(self) -> None:
        super().set_headers()
        self.clear_header("Expires")
        self.set_header("Cache-Control", cache_control(self.request.path, self.request.arguments))
