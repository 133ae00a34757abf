"""Helpers for the scheduling core tests (plain pytest, no Django)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# shared/ lies beside the project's checkout (CI clones it there); SAMVERKAN_SHARED_DIR overrides.
SHARED = (
    Path(
        os.environ.get(
            "SAMVERKAN_SHARED_DIR", Path(__file__).resolve().parents[3].parent / "shared"
        )
    )
    / "b2b"
)
INSTANCES = SHARED / "instances"
CHECKER = SHARED / "check_b2b.py"


def run_checker(instance: Path, output: dict, tmp_path: Path, expected: str | None = None) -> str:
    """Run the shared stdlib checker on an output object; returns its report line."""
    out = tmp_path / "out.json"
    out.write_text(json.dumps(output))
    cmd = [sys.executable, str(CHECKER), "check", str(instance), str(out)]
    if expected is not None:
        cmd += ["--expected", expected]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


needs_shared = pytest.mark.skipif(not CHECKER.exists(), reason="shared B2B instances missing")
