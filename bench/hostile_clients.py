"""What hostile websocket clients cost the course server: its memory, and another page's wait.

    .venv/bin/python bench/hostile_clients.py [--rounds 1]

Starts the course server on a free loopback port from the repository root (so voila.json
applies), opens a lesson 05 page and sends its kernel every attack of
tests/voila/test_hostile_websocket.py (malformed v1 and legacy frames, oversized frames,
execute_request, hostile widget messages, the legacy widget-state request), each on its own
websocket. While each kind of attack runs, another lesson's page is requested; its time to
first byte is measured, and again after the attacks of that kind. Ends with one ``name: value``
line per figure: the server's resident memory (its own process, not its kernels) before and
after each attack, the other page's times, and how many attacks ended otherwise than expected.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.voila.hostile_client import (  # noqa: E402
    SCENARIOS,
    AttackedServer,
    attacked_server,
    connect_and_attack,
    legacy_state_request,
    problems,
)
from tests.voila.processes import own_rss_mib  # noqa: E402

MAX_ROUNDS = 5


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def run_scenario(server: AttackedServer, index: int, figures: dict[str, float]) -> list[float]:
    """Every attack of one kind, with another page requested meanwhile; its times, in s."""
    scenario = SCENARIOS[index]
    during: list[float] = []
    probe = threading.Thread(target=lambda: during.append(server.pages.first_byte_seconds()))
    probe.start()
    failures = 0
    for attack in scenario.attacks:
        before = own_rss_mib(server.pid)
        frames = attack.build(server.targets, attack.protocol)
        exchange = asyncio.run(
            connect_and_attack(server.url, server.kernel_id, attack.protocol, frames)
        )
        name = slug(attack.name)
        figures[f"rss_mib_before_{name}"] = before
        figures[f"rss_mib_after_{name}"] = own_rss_mib(server.pid)
        figures[f"reply_bytes_{name}"] = sum(reply.size for reply in exchange.replies)
        failures += bool(problems(attack, exchange))
    probe.join(timeout=60)
    after = server.pages.first_byte_seconds()
    figures[f"other_page_first_byte_s_during_{slug(scenario.name)}"] = max(during, default=-1)
    figures[f"other_page_first_byte_s_after_{slug(scenario.name)}"] = after
    figures[f"unexpected_outcomes_{slug(scenario.name)}"] = failures
    return [*during, after]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help=f"1 to {MAX_ROUNDS}")
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, MAX_ROUNDS))
    figures: dict[str, float] = {}
    times: list[float] = []
    started = time.perf_counter()
    with attacked_server(Path("/tmp") / "tc-bench-hostile.log") as server:
        figures["voila_start_s"] = time.perf_counter() - started
        figures["server_rss_mib_before_attacks"] = server.rss_before_mib
        for _ in range(rounds):
            for index in range(len(SCENARIOS)):
                times += run_scenario(server, index, figures)
            exchange = asyncio.run(legacy_state_request(server))
            figures["rss_mib_after_legacy_widget_state_request"] = own_rss_mib(server.pid)
            figures["binary_replies_legacy_widget_state_request"] = sum(
                reply.binary for reply in exchange.replies
            )
            times.append(server.pages.first_byte_seconds())
            figures["other_page_first_byte_s_after_legacy_widget_state_request"] = times[-1]
        figures["server_rss_mib_after_attacks"] = own_rss_mib(server.pid)
    rss = [value for name, value in figures.items() if name.startswith("rss_mib_after_")]
    figures["server_rss_mib_max"] = max(rss)
    figures["other_page_first_byte_s_median"] = statistics.median(times)
    figures["other_page_first_byte_s_max"] = max(times)
    for name, value in figures.items():
        whole = name.startswith(("reply_bytes_", "unexpected_", "binary_"))
        print(f"{name}: {value:.0f}" if whole else f"{name}: {value:.3g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
