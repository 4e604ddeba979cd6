"""Apply a reviewed plan: only when its checksum is the one approved.

Order: verify checksum, refuse unsafe plans without force, write the zone file
atomically, run the push hook (if any), and only then record the new state, so
the state always describes what was actually pushed.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from repospbe.dns.bind import next_serial, zone_text
from repospbe.dns.deployed import state_text
from repospbe.dns.service import Planned
from repospbe.errors import PolicyError
from repospbe.writefile import write_atomic

HOOK_TIMEOUT = 300


@dataclass(frozen=True)
class Applied:
    changes: int
    serial: int
    zone_file: Path
    state_file: Path
    hook_ran: bool


def check_safe(planned: Planned, force: bool) -> None:
    """Raise when the plan needs ``--force`` and did not get it."""
    if force:
        return
    for unsafe in planned.plan.unsafe(planned.cfg.threshold, planned.cfg.min_records):
        if unsafe.reason == "root-ns":
            raise PolicyError("dns.unsafe-root-ns")
        raise PolicyError(
            "dns.unsafe-change",
            percent=f"{unsafe.percent:.1f}",
            limit=f"{unsafe.limit:.1f}",
            changed=unsafe.changed,
            existing=unsafe.existing,
        )


def apply(
    planned: Planned,
    checksum: str,
    force: bool,
    zone_file: Path,
    state_file: Path,
    hook: list[str] | None,
    today: dt.date | None = None,
) -> Applied:
    plan = planned.plan
    if checksum.strip().lower() != plan.checksum:
        raise PolicyError("dns.checksum-mismatch", given=checksum, computed=plan.checksum)
    check_safe(planned, force)
    serial = next_serial(planned.deployed.serial, bool(plan.changes), today or dt.date.today())
    if not plan.changes and zone_file.exists():
        return Applied(0, serial, zone_file, state_file, False)
    write_atomic(zone_file, zone_text(planned.cfg, plan.desired, serial))
    ran = _run_hook(hook, zone_file, planned.cfg.domain, serial) if hook else False
    write_atomic(state_file, state_text(planned.cfg.domain, plan.desired, serial, plan.checksum))
    return Applied(len(plan.changes), serial, zone_file, state_file, ran)


def _run_hook(hook: list[str], zone_file: Path, domain: str, serial: int) -> bool:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "REPOSPBE_ZONE_FILE": str(zone_file),
        "REPOSPBE_ZONE": domain,
        "REPOSPBE_SERIAL": str(serial),
    }
    try:
        done = subprocess.run(hook, env=env, capture_output=True, text=True, timeout=HOOK_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PolicyError("dns.hook-failed", command=hook[0], error=str(exc)[:300]) from exc
    if done.returncode != 0:
        raise PolicyError("dns.hook-failed", command=hook[0], error=(done.stderr or done.stdout).strip()[-300:])
    return True
