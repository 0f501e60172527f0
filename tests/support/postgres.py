"""A throwaway PostgreSQL cluster for the test run, from the server binaries Debian's package installs.

PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from tests.support.ports import free_port


@dataclass
class PostgresServer:
    admin_url: str
    process: str | None  # the data directory when this run started the server

    def url_for(self, database: str) -> str:
        base, _, _ = self.admin_url.rpartition("/")
        return f"{base}/{database}"

    def stop(self) -> None:
        if self.process is None:
            return
        _as_owner([_binary("pg_ctl"), "-D", self.process, "-m", "immediate", "stop"], check=False)
        shutil.rmtree(os.path.dirname(self.process), ignore_errors=True)


def _binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise FileNotFoundError(name)
    return found


def _as_owner(command: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)


def start_postgres() -> PostgresServer | None:
    try:
        initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    except FileNotFoundError:
        return None
    root = tempfile.mkdtemp(prefix="osallisuus-pg-")
    data = os.path.join(root, "data")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    _as_owner([initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
    port = free_port()
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    _as_owner([pg_ctl, "-D", data, "-o", options, "-l", os.path.join(root, "log"), "-w", "start"])
    return PostgresServer(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", process=data)
