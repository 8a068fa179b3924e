"""The processes behind a test server: the Voila process on a port, its kernels, their memory."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


def server_pid(base_url: str) -> int:
    """The process listening on ``base_url``'s loopback port."""
    port = base_url.rsplit(":", 1)[-1]
    out = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=False
    ).stdout
    found = re.search(r"pid=(\d+)", out)
    if not found:
        raise RuntimeError(f"no process listens on port {port}")
    return int(found.group(1))


@dataclass(frozen=True)
class Kernel:
    pid: int
    kernel_id: str
    connection_file: Path


def kernels(pid: int) -> list[Kernel]:
    """The kernels a server runs: its ``ipykernel_launcher -f <connection file>`` children."""
    out = subprocess.run(
        ["ps", "-ww", "-o", "pid=,args=", "--ppid", str(pid)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = []
    for line in out.splitlines():
        match = re.search(
            r"^\s*(\d+) .*ipykernel_launcher -f (\S*kernel-([0-9a-f-]{36})\.json)", line
        )
        if match:
            found.append(Kernel(int(match[1]), match[3], Path(match[2])))
    return found


def rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (the kernels), in MiB."""
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(pid), "-p", str(pid)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return sum(int(kib) for kib in out.split()) / 1024
