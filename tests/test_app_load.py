"""The page serves many: 200 clients at once neither block the server nor grow its memory much.

A bare request of the page (no browser connecting back) computes nothing, and any other path
(``/docs``, ``/x``) is a plain 404; so the burst below costs the server a small fraction of one
batch of futures per request, and its memory stays bounded. Linux only (it reads ``/proc``).
"""

import os
import re
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sim.app.launch import serving

CLIENTS = 200
CPU_BOUND_SECONDS = 30.0
"""Server CPU for the whole burst: far below the ≥ 100 s that computing 500 futures per request
would take (the behaviour this test guards against), far above what serving the HTML takes."""
MEMORY_BOUND_MIB = 120

if not Path("/proc/self/status").exists():
    pytest.skip("reads a process's memory and CPU time from /proc", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[str], str]]:
    with serving(cwd=tmp_path_factory.mktemp("load")) as (process, url):
        yield process, url.rstrip("/")


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert match
    return int(match[1]) / 1024


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_two_hundred_clients_at_once(server: tuple[subprocess.Popen[str], str]) -> None:
    process, address = server
    assert status_of(address + "/") == 200  # warm: the first request loads what every one needs
    before_memory, before_cpu = rss_mib(process.pid), cpu_seconds(process.pid)
    urls = [address + "/"] * CLIENTS + [address + p for p in ("/docs", "/x", "/a/b")] * 20
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = list(pool.map(status_of, urls))
    assert statuses[:CLIENTS] == [200] * CLIENTS
    assert set(statuses[CLIENTS:]) == {404}
    grown = rss_mib(process.pid) - before_memory
    spent = cpu_seconds(process.pid) - before_cpu
    assert grown < MEMORY_BOUND_MIB, f"memory grew by {grown:.0f} MiB under {CLIENTS} clients"
    assert spent < CPU_BOUND_SECONDS, f"the burst cost the server {spent:.1f} s of CPU"
    assert status_of(address + "/") == 200  # and it still answers
