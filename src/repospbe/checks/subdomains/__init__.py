"""subdomain.*: the rules a subdomain request must meet (seed 6.2.5.3, 6.2.4.1).

One module per rule group; each module docstring documents its rule ids. The
names below are registered in ``repospbe.checks.REGISTRY_CHECKS``.
"""

from __future__ import annotations

from repospbe.checks.base import CheckFn
from repospbe.checks.subdomains import addresses, letter, lifecycle, naming, records, reserved, syntax, unique

CHECKS: dict[str, CheckFn] = {
    "subdomain-syntax": syntax.check,
    "subdomain-naming": naming.check,
    "subdomain-reserved": reserved.check,
    "subdomain-unique": unique.check,
    "subdomain-records": records.check,
    "subdomain-addresses": addresses.check,
    "subdomain-lifecycle": lifecycle.check,
    "subdomain-letter": letter.check,
}
