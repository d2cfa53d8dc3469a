"""Sending a workshop's record to its participants by the notification mail
(the [smtp] settings of notify.config), from the workshop page."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

from notify.config import Smtp
from notify.mailer import MailError, Mailer

__all__ = ["MailError", "send_record"]


def send_record(smtp: Smtp, recipients: list[str], subject: str, markdown: str, pdf: bytes | None = None,
                pdf_name: str = "workshop.pdf") -> int:
    """One e-mail per recipient (nobody sees the others' addresses): the record as
    plain text (its Markdown reads as text) with the PDF attached. Returns how many
    were sent; :class:`MailError` when the SMTP server refuses one."""
    addresses = list(dict.fromkeys(address.strip() for address in recipients if address and address.strip()))
    with Mailer(smtp) as mailer:
        for address in addresses:
            message = EmailMessage()
            message["From"] = smtp.sender
            message["To"] = address
            message["Subject"] = subject
            message["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2].strip("> ") or None)
            message["X-Insikt-Kind"] = "workshop_record"
            message.set_content(markdown)
            if pdf is not None:
                message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
            mailer.send(message)
    return len(addresses)
