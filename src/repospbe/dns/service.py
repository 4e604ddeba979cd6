"""Plan a registry's zone against its deployed state: the steps both
``dns plan`` and ``dns apply`` take, so apply recomputes exactly what plan showed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from repospbe.dns import zone as zone_mod
from repospbe.dns.deployed import Deployed, read_state, read_zonefile
from repospbe.dns.plan import Plan, make_plan
from repospbe.engine import run_checks
from repospbe.errors import InputError, PolicyError
from repospbe.findings import Finding, Severity
from repospbe.registry import load_registry
from repospbe.subdomains.policy import DnsConfig, dns_config
from repospbe.subdomains.request import CHECKS as REQUEST_CHECKS

STATE_DIR = ".repospbe/dns"
# The checks a zone change waits for: those of a subdomain request (one list, in subdomains/request.py),
# except the request letter, which is paperwork and never holds back the zone of a registered name.
_GATE_CHECKS = tuple(c for c in REQUEST_CHECKS if c != "subdomain-letter")


@dataclass(frozen=True)
class Planned:
    cfg: DnsConfig
    deployed: Deployed
    plan: Plan


def default_state(root: Path, cfg: DnsConfig) -> Path:
    return root / STATE_DIR / f"{cfg.domain}.state.json"


def default_zonefile(root: Path, cfg: DnsConfig) -> Path:
    return root / STATE_DIR / f"{cfg.domain}.zone"


def plan_for(root: Path, deployed_zonefile: Path | None, state: Path | None) -> Planned:
    """Load the registry, refuse when its DNS data breaks a rule, plan the changes."""
    reg = load_registry(root)
    cfg = dns_config(reg)
    if not cfg.domain or not cfg.nameservers or not cfg.hostmaster:
        raise InputError("dns.config-missing", file="registry/instance.yaml")
    blocking = _blocking(run_checks(reg, _GATE_CHECKS))
    if blocking:
        first = blocking[0]
        raise PolicyError("dns.registry-invalid", count=len(blocking), first=f"{first.location} {first.check_id}")
    if deployed_zonefile is not None:
        deployed = read_zonefile(deployed_zonefile, cfg.domain)
    else:
        deployed = read_state(state or default_state(root, cfg), cfg.domain)
    desired = zone_mod.build(reg, cfg)
    return Planned(cfg, deployed, make_plan(cfg.domain, deployed.zone, desired))


def _blocking(findings: list[Finding]) -> list[Finding]:
    """Findings that stop DNS changes: medium or worse on subdomains, instance and
    naming policy (a stale naming exception, low, does not hold up the zone)."""
    relevant = ("registry/subdomains/", "registry/instance.yaml")
    return [f for f in findings if f.blocks(Severity.MEDIUM) and (f.path.startswith(relevant) or not f.path)]
