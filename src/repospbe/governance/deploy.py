"""``repospbe deploy``: plan, then apply only the plan whose checksum was approved.

A version is deployable only when it is on main, the last change to the app came
through a merge whose evidence verifies now, and every release gate passes
(``release_gates``: status admitted by the environment, documents complete, a green
pipeline record for the pinned source commit, a deploy command). The plan lists the
gates; applying refuses a plan with a failing gate, runs the configured deploy hook and
writes a release record signed by the deployer (a reviewer).
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repospbe.canonical import canonical_json
from repospbe.errors import InputError, PolicyError
from repospbe.governance import release_gates as gates
from repospbe.governance import releases as rel
from repospbe.governance import sshsig
from repospbe.governance.audit import verify_merge
from repospbe.governance.certsig import CertSigner, one_signer
from repospbe.governance.gitrepo import Repo
from repospbe.governance.mr import now
from repospbe.governance.rules import Reviewer, Rules, load_rules
from repospbe.governance.trailers import parse_trailers
from repospbe.registry.paths import SLUG_RE

HOOK_ENV = "REPOSPBE_DEPLOY_HOOK"
HOOK_TIMEOUT = 600


@dataclass(frozen=True)
class Plan:
    data: dict[str, Any]

    @property
    def checksum(self) -> str:
        return hashlib.sha256(canonical_json(self.data)).hexdigest()


def _app_key(app: str) -> str:
    parts = app.split("/")
    if len(parts) != 2 or not all(SLUG_RE.match(p) for p in parts):
        raise InputError("deploy.bad-app", app=app)
    return app


def plan(repo: Repo, app: str, env: str, version: str | None = None, branch: str = "main") -> Plan:
    app = _app_key(app)
    if not SLUG_RE.match(env):
        raise InputError("deploy.bad-env", env=env)
    env = gates.known_env(env)
    tip = repo.must_resolve(f"refs/heads/{branch}")
    app_dir = f"registry/apps/{app}"
    if repo.blob(tip, f"{app_dir}/app.yaml") is None:
        raise InputError("deploy.app-missing", app=app, branch=branch)
    last = repo.run("log", "--first-parent", "-n", "1", "--format=%H", tip, "--", app_dir).strip()
    number, problem = verify_merge(repo, last) if last else (0, "langsung")
    if problem:
        raise PolicyError("deploy.no-evidence", app=app, commit=last[:12], problem=problem)
    t = parse_trailers(repo.message(last))
    previous = rel.latest(repo, app, env)
    prev = previous.signed.data if previous else None
    tree = repo.object_at(tip, app_dir)
    action = "buat" if prev is None else ("tetap" if prev.get("pohon_app") == tree else "perbarui")
    date = repo.run("log", "-1", "--format=%cd", "--date=format:%Y%m%d", tip).strip()
    hook = hook_command(repo, tip)
    return Plan(
        {
            "jenis": "repospbe/rencana-rilis",
            "app": app,
            "env": env,
            "commit": tip,
            "pohon_app": tree,
            "versi": version or f"{date}-{tip[:12]}",
            "tindakan": action,
            "bukti": {
                "gabung": last,
                "mr": number,
                "pipeline": t.get("Repospbe-Pipeline", []),
                "disetujui": t.get("Repospbe-Disetujui", []),
            },
            "sebelumnya": {"versi": prev.get("versi"), "commit": prev.get("commit")} if prev else None,
            "hook": list(hook),
            "gerbang": gates.evaluate(repo, app, env, tip, last, hook),
        }
    )


def hook_command(repo: Repo, commit: str) -> tuple[str, ...]:
    env = os.environ.get(HOOK_ENV, "").strip()
    return tuple(shlex.split(env)) if env else load_rules(repo, commit).deploy_hook


def apply(
    repo: Repo, the_plan: Plan, approved: str, key: Path | None, cert: CertSigner | None = None
) -> tuple[str, str]:
    """Run the hook and sign the release record (SSH ``key`` and/or certificate ``cert``); refuses a
    plan that changed since approval."""
    data = the_plan.data
    fresh = gates.evaluate(
        repo, data["app"], gates.known_env(data["env"]), data["commit"], data["bukti"]["gabung"], tuple(data["hook"])
    )
    if (refused := gates.refusal(fresh)) is not None:
        raise refused
    if approved != the_plan.checksum or fresh != data.get("gerbang"):
        raise PolicyError("deploy.checksum", approved=approved[:16], actual=the_plan.checksum[:16])
    rules = load_rules(repo, data["commit"])
    who = _deployer(rules, key, cert)
    if not data["hook"]:
        raise PolicyError("deploy.gate.no-hook", hook="-")
    code, log = _run_hook(repo, data)
    if code != 0:
        raise PolicyError("deploy.hook-failed", code=code, log=log[-2000:])
    record = canonical_json(
        {
            "jenis": "repospbe/rilis",
            "versi_format": 1,
            "app": data["app"],
            "env": data["env"],
            "versi": data["versi"],
            "commit": data["commit"],
            "pohon_app": data["pohon_app"],
            "bukti": data["bukti"],
            "gerbang": data["gerbang"],
            "rencana": the_plan.checksum,
            "oleh": who.id,
            "waktu": now(),
            "hook": {"perintah": data["hook"], "kode": code},
        }
    )
    path = rel.next_path(repo, data["app"], data["env"])
    files = {f"{path}.json": record}
    if key is not None:
        files[f"{path}.sig"] = sshsig.sign(key, rules.ns("rilis"), record)
    if cert is not None:
        files[f"{path}.p7s"] = cert.sign(record)
        if cert.ocsp:
            files[f"{path}.ocsp"] = cert.ocsp
    repo.append(
        rel.RELEASE_REF,
        files,
        f"Rilis {data['app']} {data['versi']} ({data['env']}) oleh {who.id}\n",
    )
    return path, log


def _deployer(rules: Rules, key: Path | None, cert: CertSigner | None) -> Reviewer:
    """The reviewer releasing: named by the SSH key and/or the certificate (the same one when both)."""
    who = None
    if key is not None:
        pub = sshsig.public_key_of(key)
        who = rules.reviewer_by_key(pub)
        if who is None or who.peran != rules.peran:
            raise PolicyError("deploy.not-reviewer", fingerprint=sshsig.fingerprint(pub))
    return one_signer(rules, who, cert)


def _run_hook(repo: Repo, data: dict[str, Any]) -> tuple[int, str]:
    """Run the deploy command on an export of the app at the commit; (exit code, its output)."""
    with tempfile.TemporaryDirectory(prefix="repospbe-rilis-") as tmp:
        plan_file = Path(tmp) / "rencana.json"
        plan_file.write_bytes(canonical_json(data))
        app_dir = Path(tmp) / "aplikasi"
        app_dir.mkdir()
        archive = repo.run_raw("archive", "--format=tar", f"{data['commit']}:registry/apps/{data['app']}").stdout
        subprocess.run(["tar", "-xf", "-", "-C", str(app_dir)], input=archive, check=True, timeout=120)
        env = {
            **os.environ,
            "REPOSPBE_APP": data["app"],
            "REPOSPBE_ENV": data["env"],
            "REPOSPBE_VERSI": data["versi"],
            "REPOSPBE_COMMIT": data["commit"],
            "REPOSPBE_RENCANA": str(plan_file),
            "REPOSPBE_DIREKTORI": str(app_dir),
        }
        try:
            proc = subprocess.run(
                data["hook"],
                env=env,
                timeout=HOOK_TIMEOUT,
                check=False,
                cwd=tmp,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return 127, str(exc)
        return proc.returncode, proc.stdout.decode("utf-8", "replace")
