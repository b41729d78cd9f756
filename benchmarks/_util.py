"""Shared helpers of the benchmark scripts: run a command, time it, sample its memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
EVENTCODER = [PYTHON, "-m", "eventcoder"]
DEFAULT_CORPUS_DIR = Path(os.environ.get("EVENTCODER_BENCH_DIR", "/tmp/eventcoder-bench"))


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_rss_mb: float  # peak of the whole process tree (main process + workers), sampled
    peak_main_rss_mb: float  # peak of the main process alone
    stdout: str = ""
    stderr: str = ""
    timeline: list[tuple] = field(default_factory=list)  # (seconds, tree RSS MB[, probe()]) every ``every`` s
    timed_out: bool = False


def _tree_rss(proc: psutil.Process) -> tuple[float, float]:
    try:
        main = proc.memory_info().rss
    except psutil.Error:
        return 0.0, 0.0
    total = main
    for child in proc.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20, main / 2**20


def run(cmd: list[str], *, timeout: float | None = None, interval: float = 0.25, env: dict | None = None,
        stdin_path: Path | None = None, every: float = 60.0, probe=None) -> Run:
    """Run ``cmd``; wall time, and peak RSS of its process tree sampled every ``interval`` seconds.

    With ``timeout`` the process tree is stopped (SIGTERM, then SIGKILL) after that many seconds and
    the run is marked ``timed_out``; the memory figures then cover the time it ran. ``probe()``,
    when given, is called at each timeline mark (e.g. to count the articles stored so far).
    """
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=stdin, cwd=ROOT,
                         env={**os.environ, **(env or {})}, start_new_session=True)
    proc = psutil.Process(p.pid)
    peak = peak_main = tree = 0.0
    timeline: list[tuple[float, float]] = []
    out: dict[str, bytes] = {}

    def drain(name, stream):
        out[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s), daemon=True) for n, s in (("out", p.stdout), ("err", p.stderr))]
    for r in readers:
        r.start()
    next_mark = 0.0
    timed_out = False
    while p.poll() is None:
        tree, main = _tree_rss(proc)
        peak, peak_main = max(peak, tree), max(peak_main, main)
        now = time.perf_counter() - t0
        if now >= next_mark:
            timeline.append((round(now, 1), round(tree, 1)) + ((probe(),) if probe else ()))
            next_mark += every
        if timeout and now > timeout:
            timed_out = True
            _stop(proc)
            break
        time.sleep(interval)
    p.wait()
    seconds = time.perf_counter() - t0
    for r in readers:
        r.join(timeout=10)
    if stdin_path:
        stdin.close()
    timeline.append((round(seconds, 1), round(tree, 1)) + ((probe(),) if probe else ()))
    return Run(seconds, p.returncode, round(peak, 1), round(peak_main, 1), out.get("out", b"").decode(errors="replace"),
               out.get("err", b"").decode(errors="replace"), timeline, timed_out)


def _stop(proc: psutil.Process) -> None:
    procs = [proc] + proc.children(recursive=True)
    for q in procs:
        try:
            q.terminate()
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(procs, timeout=20)
    for q in alive:
        try:
            q.kill()
        except psutil.Error:
            pass


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def ensure_corpus(n: int, directory: Path = DEFAULT_CORPUS_DIR, seed: int = 7) -> Path:
    """The generated corpus of ``n`` articles (made once, then reused)."""
    path = directory / f"corpus_{n}.jsonl"
    if not path.exists() or sum(1 for _ in path.open("rb")) != n:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        subprocess.run([PYTHON, str(ROOT / "benchmarks" / "make_corpus.py"), "-n", str(n), "-o", str(tmp),
                        "--seed", str(seed)], check=True, cwd=ROOT)
        tmp.replace(path)
    return path


def fresh_db(directory: Path, name: str) -> Path:
    db = directory / name
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return db


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])
