"""`samverkan serve`: run the application under gunicorn, a production WSGI server."""

from __future__ import annotations

import atexit
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve samverkan with gunicorn (static files via WhiteNoise)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SAMVERKAN_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("SAMVERKAN_PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("SAMVERKAN_WORKERS", "2"))
        )
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Skip collecting static files."
        )
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="Do not start a background task worker beside the server (run "
            "`samverkan db_worker` separately in production).",
        )

    def handle(
        self,
        *args,
        host: str,
        port: int,
        workers: int,
        no_collectstatic: bool,
        no_task_worker: bool,
        **opts,
    ):
        from gunicorn.app.base import BaseApplication

        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        if not no_task_worker:
            self._start_task_worker()

        from samverkan.wsgi import application

        options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": 4,
            "worker_class": "gthread",
            "timeout": 120,
            "accesslog": "-",
            "errorlog": "-",
            "forwarded_allow_ips": os.environ.get("SAMVERKAN_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        }

        class Server(BaseApplication):
            def load_config(self):
                for key, value in options.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(f"samverkan on http://{host}:{port}/ (debug={settings.DEBUG})")
        Server().run()

    def _start_task_worker(self) -> None:
        """The embedded default needs no broker: one database task worker runs beside us."""
        worker = subprocess.Popen(
            [sys.executable, "-m", "samverkan", "db_worker", "--no-reload", "--interval", "1"],
        )
        master_pid = os.getpid()

        def stop_worker() -> None:
            # Gunicorn's forked workers inherit atexit handlers; only the master stops it.
            if os.getpid() == master_pid:
                worker.terminate()

        atexit.register(stop_worker)
        self.stdout.write(f"background task worker started (pid {worker.pid})")
