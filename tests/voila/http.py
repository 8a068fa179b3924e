"""Plain HTTP requests to a test server, keeping the status, headers and body of error pages."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

#: What a lesson page holds when it rendered to the end: its last section, the source list
#: (the page carries outputs as escaped JSON, so the class name alone is matched).
COMPLETE_PAGE_MARKER = "tc-sources"
ERROR_MARKERS = ("There was an error when executing cell", "Traceback (most recent call last)")


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def fetch(url: str, *, timeout_s: float = 180) -> Response:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as reply:
            body, status, headers = reply.read(), reply.status, dict(reply.headers)
    except urllib.error.HTTPError as error:
        body, status, headers = error.read(), error.code, dict(error.headers)
    return Response(status, body.decode("utf-8", "replace"), headers, time.perf_counter() - start)


def external_links(page: str) -> list[str]:
    """Addresses on another host that a page would load or link: href/src attributes, CSS url()
    and @import. Namespace URIs (xmlns) are names, not requests."""
    pattern = (
        r"""(?:\b(?:href|src)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])(https?://[^"')\s>]+)"""
    )
    return [
        address
        for address in re.findall(pattern, page, flags=re.IGNORECASE)
        if not re.match(r"https?://(127\.0\.0\.1|localhost)[:/]", address)
    ]


def is_complete_lesson(page: str) -> bool:
    """Whether a lesson page rendered to its end: its source list, and the document closed."""
    return COMPLETE_PAGE_MARKER in page and page.rstrip().endswith("</html>")
