"""A real SMTP server on a loopback port for the tests: aiosmtpd, run in its own thread.

It keeps what it accepts, can refuse the next messages with a temporary 451 (as a busy or greylisting
server does), can go down and come back on the same port (`stop`, then `start`), can insist on AUTH with
one user and password, and can offer STARTTLS with a given context.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.ports import free_port


@dataclass(frozen=True)
class Received:
    """One accepted message: the envelope and the bytes of DATA as they arrived."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes


class CollectingHandler:
    """aiosmtpd's hooks: demand AUTH when asked to, refuse while refusals are owed, else keep the message."""

    def __init__(self, auth_required: bool = False) -> None:
        self.received: list[Received] = []
        self.refusals = 0
        self.auth_required = auth_required
        self.lock = threading.Lock()

    async def handle_MAIL(  # noqa: N802
        self, _server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        """AUTH is checked here rather than by aiosmtpd's `auth_required`, which warns unless TLS is too."""
        if self.auth_required and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            if self.refusals > 0:
                self.refusals -= 1
                return "451 4.3.0 Temporary failure, try again later"
            content = envelope.original_content or envelope.content or b""
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(content)))
        return "250 2.0.0 Message accepted"


class SmtpServer:
    def __init__(
        self,
        user: str | None = None,
        password: str | None = None,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self._credentials = (user, password) if user is not None else None
        self.handler = CollectingHandler(auth_required=self._credentials is not None)
        self._tls_context = tls_context
        self._controller = self._build(tls_context)

    def _build(self, tls_context: ssl.SSLContext | None) -> Controller:
        """With TLS, AUTH is offered only after STARTTLS, as real servers do; without, right away."""
        options: dict[str, Any] = {"hostname": self.host, "port": self.port}
        if tls_context is not None:
            options.update(tls_context=tls_context, require_starttls=True)
        if self._credentials is not None:
            options.update(authenticator=self._authenticate, auth_require_tls=tls_context is not None)
        return Controller(self.handler, **options)

    def _authenticate(
        self, _server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and self._credentials is not None
            and (data.login.decode(), data.password.decode()) == self._credentials
        )
        return AuthResult(success=ok, handled=False)

    def start(self) -> SmtpServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        """Stop listening, as a mail relay that went down: connections are refused. `start` listens again
        on the same port, with what was received so far kept."""
        self._controller.stop()
        self._controller = self._build(self._tls_context)

    def refuse_next(self, count: int = 1) -> None:
        """Answer the next `count` messages with 451, a temporary failure the sender should retry."""
        with self.handler.lock:
            self.handler.refusals += count

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)


@contextmanager
def running_smtp(
    user: str | None = None, password: str | None = None, tls_context: ssl.SSLContext | None = None
) -> Iterator[SmtpServer]:
    server = SmtpServer(user, password, tls_context).start()
    try:
        yield server
    finally:
        server.stop()
