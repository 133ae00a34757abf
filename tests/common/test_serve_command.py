"""`samverkan serve` runs a real server (gunicorn) that answers the health check."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_healthz_and_static_files(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "SAMVERKAN_VAR_DIR": str(tmp_path),
        "SAMVERKAN_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SAMVERKAN_WORKERS": "1",
    }
    samverkan = Path(sys.executable).with_name("samverkan")
    server = subprocess.Popen(
        [str(samverkan), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = None
        for _attempt in range(100):  # bounded: at most ~20 s for start-up
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = json.load(r)
                    break
            except OSError:
                time.sleep(0.2)
        assert body == {"status": "ok", "database": "ok"}
        css = f"http://127.0.0.1:{port}/static/samverkan/css/samverkan.css"
        with urllib.request.urlopen(css, timeout=5) as response:
            assert response.status == 200
            assert b"--green" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=20)
