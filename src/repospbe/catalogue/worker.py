"""MkDocs in a second process started before the sources exist: its start-up overlaps the
registry's collection, its rendering the work that does not feed it.

An incremental rebuild renders a few dozen pages, but MkDocs and the theme cost their
imports and templates whatever the number, and the build's other work (the last site's
pages and exports taken into the new one, the registry-wide exports) needs none of its
output. So when the last build left a manifest, a fresh interpreter is started at once
(``python -m repospbe.catalogue.mkdocs --tunggu``: this interpreter and this copy of
repospbe, a clean environment, not a fork: it never holds the registry). It imports MkDocs
and waits on its standard input. The build writes the job to a file and sends its name as
one line (a short write: it never waits for the child); it then does the rest and waits.
Closing the pipe without a job (the build renders otherwise, or fails) ends the child.
A failure of the child fails the build, as in ``shard``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from repospbe.catalogue.mkdocs import UNTRUSTED, Job, child_argv
from repospbe.catalogue.reuse import Untrusted
from repospbe.errors import InputError

JOB_FILE = "tugas-mkdocs.json"
ERROR_FILE = "galat-mkdocs.txt"
TIMEOUT = 3600.0


class Worker:
    """One waiting MkDocs process (``start``), given one job (``run``) and waited for (``wait``)."""

    def __init__(self, out: Path, child: subprocess.Popen[bytes]) -> None:
        self.out, self.child = out, child
        self.sent = False  # a job was given
        self.done = False  # waited for or cancelled

    @classmethod
    def start(cls, out: Path, footer: str) -> Worker:
        """The waiting process; ``footer``: this build's (it makes the last build's app pages ready
        meanwhile when theirs is the same: ``reuse.guess``)."""
        (out / ERROR_FILE).write_text("", encoding="utf-8")
        argv, env = child_argv("--tunggu", str(out / ERROR_FILE), footer)
        child = subprocess.Popen(
            argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        return cls(out, child)

    def run(self, job: Job) -> None:
        """Give the waiting process ``job`` (it renders while the caller goes on)."""
        path = self.out / JOB_FILE
        path.write_text(job.to_json(), encoding="utf-8")
        self._send(f"{path}\n".encode())
        self.sent = True

    def wait(self) -> None:
        """Wait for the job to finish; InputError when it failed, Untrusted when what it took of the
        last build was not what the manifest says (``mkdocs.finish``)."""
        try:
            code = self.child.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.child.kill()
            code = self.child.wait()
        error = (self.out / ERROR_FILE).read_text(encoding="utf-8").strip()
        self.done = True
        self._clean()
        if error.startswith(UNTRUSTED):
            raise Untrusted(error.removeprefix(UNTRUSTED))
        if error or code != 0:
            raise InputError("catalogue.mkdocs-failed", detail=error or f"proses MkDocs: kode keluar {code}")

    def cancel(self) -> None:
        """End the process without a job (or stop the one it has); nothing it made is used."""
        if self.child.poll() is None:
            if self.sent:
                self.child.kill()
            else:
                self._send(b"")
            try:
                self.child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.child.kill()
                self.child.wait()
        self.done = True
        self._clean()

    def _send(self, data: bytes) -> None:
        stdin = self.child.stdin
        if stdin is None or stdin.closed:
            return
        try:
            stdin.write(data)
            stdin.close()
        except OSError:  # the child ended: ``wait`` reports it
            pass

    def _clean(self) -> None:
        for name in (JOB_FILE, ERROR_FILE):
            (self.out / name).unlink(missing_ok=True)
