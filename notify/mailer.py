"""Sending e-mail over SMTP (STARTTLS, implicit TLS or plain), one connection per run."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from notify.config import Smtp


class MailError(RuntimeError):
    """An e-mail could not be handed to the SMTP server; the message says why."""


class Mailer:
    """Opens the connection on the first e-mail and keeps it for the next ones;
    reconnects once when the server dropped it. Use it as a context manager."""

    def __init__(self, smtp: Smtp):
        self.smtp = smtp
        self._connection: smtplib.SMTP | None = None

    def __enter__(self) -> "Mailer":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        settings = self.smtp
        if settings.tls == "ssl":
            connection = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                          context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.tls == "starttls":
                connection.starttls(context=ssl.create_default_context())
        if settings.user:
            connection.login(settings.user, settings.password or "")
        return connection

    def send(self, message: EmailMessage) -> None:
        for attempt in (1, 2):
            try:
                if self._connection is None:
                    self._connection = self._connect()
                self._connection.send_message(message)
                return
            except smtplib.SMTPServerDisconnected as error:
                self._connection = None
                if attempt == 2:
                    raise MailError(f"the SMTP server {self.smtp.host}:{self.smtp.port} closed the "
                                    f"connection: {error}") from error
            except (smtplib.SMTPException, OSError) as error:
                self.close()
                raise MailError(f"SMTP {self.smtp.host}:{self.smtp.port}: {error}") from error

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._connection = None
