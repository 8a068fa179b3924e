"""The processes behind a test server (``running_voila_process`` gives its pid): its kernels and
their memory."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


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


def own_rss_mib(pid: int) -> float:
    """Resident memory of one process (the server, without its kernels), in MiB; 0 once gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    found = re.search(r"VmRSS:\s+(\d+)", status)
    return int(found[1]) / 1024 if found else 0.0
