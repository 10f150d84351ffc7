"""Kill ingestion with SIGKILL at random moments, run it again: the store equals a clean run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from store_helpers import corpus, count, dump

SCRIPT = Path(__file__).with_name("store_ingest_script.py")
N_ARTICLES = 36
DELAY = 0.01  # seconds of fake coding per article: the run takes about a second
KILLS = 5


def start(db: Path, inputs: list[Path]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SCRIPT.parent), *sys.path]))
    return subprocess.Popen([sys.executable, str(SCRIPT), str(db), str(DELAY),
                             *map(str, inputs)], env=env, stderr=subprocess.PIPE)


def test_killed_and_resumed_runs_equal_one_clean_run(tmp_path: Path) -> None:
    inputs = [corpus(tmp_path / "a.jsonl", N_ARTICLES // 2),
              corpus(tmp_path / "b.jsonl", N_ARTICLES // 2)]
    clean = tmp_path / "clean.duckdb"
    began = time.monotonic()
    proc = start(clean, inputs)
    assert proc.wait() == 0, proc.stderr.read().decode() if proc.stderr else ""
    duration = time.monotonic() - began
    assert count(clean, "articles") == N_ARTICLES

    killed, rng, partial = tmp_path / "killed.duckdb", random.Random(5), 0
    for _ in range(KILLS):
        proc = start(killed, inputs)
        time.sleep(rng.uniform(0.05, 1.0) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if killed.exists():
            partial += 0 < count(killed, "articles") < N_ARTICLES
    assert partial >= 1, "no kill landed in the middle of a run: the test proved nothing"
    proc = start(killed, inputs)
    assert proc.wait() == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert dump(killed) == dump(clean)
    proc = start(killed, inputs)  # and once more: idempotent
    assert proc.wait() == 0
    assert dump(killed) == dump(clean)
