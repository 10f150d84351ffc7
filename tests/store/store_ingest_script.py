"""Run ``ingest`` with the fake coder in a process of its own (for the kill-and-resume test).

    python store_ingest_script.py DB DELAY INPUT...
"""

from __future__ import annotations

import sys

from store_fakes import FakeCoder

from thucydides.runner import ingest

if __name__ == "__main__":
    db, delay, *inputs = sys.argv[1:]
    ingest(inputs, db, coder=FakeCoder(delay=float(delay)), batch_size=3)
