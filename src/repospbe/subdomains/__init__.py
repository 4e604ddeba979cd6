"""Subdomains of the Pemda domain: names, records and the policy they follow.

The registry holds one file per name, ``registry/subdomains/<name>.yaml``, where
``<name>`` is the part left of the Pemda domain (``jdih``, ``sipd.dinkes``,
``_dmarc.dinkes``). This package turns those files into typed values; the rules
live in ``repospbe.checks.subdomains`` and the zone in ``repospbe.dns``.
"""
