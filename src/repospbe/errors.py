"""One error root. Every expected failure is a RepospbeError with an exit code.

Exit codes: 0 ok, 1 policy failure, 2 usage or input error, 3 internal error.
Messages are i18n keys (see ``repospbe.i18n``) so the handler renders them in the
user's language.
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_POLICY = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


class RepospbeError(Exception):
    """Root of every error the tool raises on purpose."""

    exit_code = EXIT_INTERNAL

    def __init__(self, msg_key: str, /, **params: Any) -> None:
        super().__init__(msg_key)
        self.key = msg_key
        self.params = params

    def render(self, lang: str) -> str:
        from repospbe.i18n import t

        return t(self.key, lang, **self.params)


class InputError(RepospbeError):
    """Unreadable input or wrong usage (exit 2)."""

    exit_code = EXIT_INPUT


class PolicyError(RepospbeError):
    """A rule of the registry is not met (exit 1)."""

    exit_code = EXIT_POLICY
