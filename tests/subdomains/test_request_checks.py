"""A subdomain request goes through the schema check and every ``subdomain-*`` check."""

from __future__ import annotations

from repospbe.checks import REGISTRY_CHECKS
from repospbe.subdomains.request import CHECKS


def test_request_runs_the_schema_and_every_subdomain_check() -> None:
    expected = tuple(n for n in REGISTRY_CHECKS if n == "schema" or n.startswith("subdomain-"))
    assert CHECKS == expected
