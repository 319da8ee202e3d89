#!/usr/bin/python3
"""An SMTP sink for the tests: accepts any message (with or without AUTH) and writes it to a folder.

Usage: smtp-sink.py PORT DIR. Each message is written atomically (temp file, then rename) as DIR/NNNNNN-<uuid>.eml.
Prints READY once listening; stops on SIGTERM. A recipient whose local part starts with "reject" is refused with 550.
"""
import os
import signal
import sys
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = "%06d-%s.eml" % (self.count, uuid.uuid4().hex)
        temp = os.path.join(self.folder, "." + name + ".tmp")
        with open(temp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(temp, os.path.join(self.folder, name))
        return "250 OK"


def accept_any(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=True)


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(
        Sink(folder), hostname="127.0.0.1", port=port,
        authenticator=accept_any, auth_require_tls=False, auth_required=False)
    controller.start()
    print("READY", flush=True)
    signal.sigwait([signal.SIGTERM, signal.SIGINT])
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
    main()
