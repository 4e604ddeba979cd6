"""Registries with N governed merges for ``bench_audit.py`` (cached in ``$TMPDIR/repospbe-bench/audit``,
or ``$BENCH_AUDIT_CACHE``).

The first merge request is made entirely the real way (``mr open``, a pipeline run signed by the
CI runner key, two signed approvals, ``mr merge``). Every later one is made by the same steps
without re-running the pipeline: its record is the first one's, re-bound to the new commits
(``registry_commit``, timestamps) and signed by the runner key; the opening and the two decisions are
the payloads ``mr open``/``mr decide`` write, signed with ``ssh-keygen -Y sign`` (one process per
signature); the merge commit carries the trailers ``mr merge`` writes and ``merge-tree``'s tree.
Each evidence chain has the commits a real one has (opening, record, two decisions, status).
``audit verify`` must accept every merge (the benchmark checks: 0 breaches).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from repospbe.canonical import canonical_json  # noqa: E402
from repospbe.governance import evidence as evs  # noqa: E402
from repospbe.governance import sshsig  # noqa: E402
from repospbe.governance.certsig import signature_digest  # noqa: E402
from repospbe.governance.evidence import Signed  # noqa: E402
from repospbe.governance.gitrepo import EVIDENCE_IDENT, Repo  # noqa: E402
from repospbe.governance.mr import signer_name  # noqa: E402
from repospbe.governance.rules import load_rules  # noqa: E402
from repospbe.pipeline.record import PipelineRecord  # noqa: E402
from tests.governance.conftest import OPD_FILE, REVIEWERS, make_gov  # noqa: E402
from tests.helpers.git import GIT_ENV, git  # noqa: E402

CACHE = Path(os.environ.get("BENCH_AUDIT_CACHE") or Path(tempfile.gettempdir()) / "repospbe-bench" / "audit")
APPROVERS = ("rahmat", "siti")
DEV_ENV = {
    "GIT_AUTHOR_NAME": "Pengembang",
    "GIT_AUTHOR_EMAIL": "dev@opd.example",
    "GIT_COMMITTER_NAME": "Pengembang",
    "GIT_COMMITTER_EMAIL": "dev@opd.example",
}


def keyring(dest: Path) -> dict[str, Path]:
    dest.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in (*REVIEWERS, "dev", "outsider", "runner", "auditor"):
        if not (dest / name).is_file():
            sshsig.generate(dest / name, f"{name}@bench")
        out[name] = dest / name
    return out


def merges_on_main(repo: Repo) -> int:
    return len([c for c in repo.first_parent_chain("refs/heads/main", None) if len(repo.parents(c)) == 2])


def first_real(root: Path, keys: dict[str, Path]) -> Repo:
    """A fresh governed registry and its first merge request made with the real commands."""
    from tests.governance.conftest import Gov

    os.environ.update(GIT_ENV)
    gov = make_gov(root, keys)
    gov = Gov(root, keys)
    gov.opd_change("ubah-0001", name="Dinas Komunikasi dan Informatika Kota 1")
    number = gov.open("ubah-0001")
    gov.approve(number, APPROVERS[0])
    gov.approve(number, APPROVERS[1])
    gov.merge(number)
    return gov.repo


def template(repo: Repo) -> PipelineRecord:
    ev = evs.load(repo, 1)
    assert ev is not None and ev.records
    rec = next(iter(ev.records.values())).record()
    assert rec is not None
    return rec


def stamp_of(i: int) -> str:
    return f"2026-{1 + (i // 28 // 24) % 12:02d}-{1 + (i // 24) % 28:02d}T{i % 24:02d}:00:00Z"


def fast_mr(repo: Repo, keys: dict[str, Path], tpl: PipelineRecord, number: int) -> None:
    target = repo.must_resolve("refs/heads/main")
    rules = load_rules(repo, target)
    text = (repo.blob(target, OPD_FILE) or b"").decode()
    head, _, rest = text.partition("nama: ")
    new_text = head + f"nama: Dinas Komunikasi dan Informatika Kota {number}\n" + rest.split("\n", 1)[1]
    tree = repo.tree_with(target, {OPD_FILE: new_text.encode()})
    source = repo.commit_tree(tree, [target], f"ubah nama {number}\n", env=DEV_ENV)
    branch = f"ubah-{number:04d}"
    repo.run("update-ref", f"refs/heads/{branch}", source)
    when = stamp_of(number)
    dev_pub = sshsig.public_key_of(keys["dev"])
    opening = evs.payload(
        {
            "jenis": "repospbe/pembukaan",
            "versi": 1,
            "mr": number,
            "judul": f"Ubah nama OPD {number}",
            "deskripsi": "",
            "sumber": branch,
            "target": "main",
            "sumber_sha": source,
            "target_sha": target,
            "waktu": when,
            "pembuka": {"kunci": dev_pub, "sidik": sshsig.fingerprint(dev_pub), "email": "dev@opd.example"},
        }
    )
    files = {"pembukaan.json": opening, "pembukaan.sig": sshsig.sign(keys["dev"], rules.ns("mr"), opening)}
    chain = repo.commit_tree(repo.tree_with(None, files), [], f"MR !{number}: dibuka\n", env=EVIDENCE_IDENT)
    assert repo.cas(evs.mr_ref(number), chain, None)
    record = replace(tpl, registry_commit=source, registry_tree=tree, base_commit=target, started=when, finished=when)
    runner = signer_name(rules, sshsig.public_key_of(keys["runner"]))
    sig = sshsig.sign(keys["runner"], rules.ns("pipeline"), record.canonical())
    repo.append(evs.mr_ref(number), evs.record_files(record, runner, sig, {}), f"MR !{number}: rekaman pipeline\n")
    patch_id = repo.patch_id(target, source)
    approvals = []
    for seq, who in enumerate(APPROVERS, start=1):
        raw = evs.payload(
            {
                "jenis": "repospbe/keputusan",
                "versi": 1,
                "mr": number,
                "pembukaan": Signed(opening, b"").digest,
                "sumber_sha": source,
                "target_sha": target,
                "patch_id": patch_id,
                "pipeline": record.digest(),
                "keputusan": "setuju",
                "alasan": "",
                "reviewer": who,
                "waktu": when,
            }
        )
        sig = sshsig.sign(keys[who], rules.ns("keputusan"), raw)
        name = f"keputusan/{seq:04d}-{who}"
        bukti = repo.append(evs.mr_ref(number), {f"{name}.json": raw, f"{name}.sig": sig}, f"MR !{number}: setuju\n")
        approvals.append((who, signature_digest(Signed(raw, sig))))
    merged_tree = repo.merge_tree(target, source)
    assert merged_tree is not None
    trailers = [
        ("Repospbe-MR", str(number)),
        ("Repospbe-Bukti", bukti),
        ("Repospbe-Sumber", source),
        ("Repospbe-Target", target),
        ("Repospbe-Patch-Id", patch_id or "-"),
        ("Repospbe-Pipeline", record.digest()),
        *(("Repospbe-Disetujui", f"{who} {digest}") for who, digest in sorted(approvals)),
    ]
    message = f"Gabung MR !{number}: Ubah nama OPD {number}\n\n" + "".join(f"{k}: {v}\n" for k, v in trailers)
    merge = repo.commit_tree(merged_tree, [target, source], message)
    assert repo.cas("refs/heads/main", merge, target)
    status = canonical_json({"status": "digabung", "commit": merge, "target": "main", "waktu": when})
    repo.append(evs.mr_ref(number), {"status.json": status}, f"MR !{number}: digabung {merge[:12]}\n")


def extend(repo: Repo, keys: dict[str, Path], upto: int, progress: bool = True) -> None:
    os.environ.update(GIT_ENV)
    tpl = template(repo)
    have = max(evs.numbers(repo), default=0)
    for number in range(have + 1, upto + 1):
        fast_mr(repo, keys, tpl, number)
        if progress and number % 100 == 0:
            print(f"  ... {number} penggabungan", file=sys.stderr, flush=True)


def registry(merges: int) -> tuple[Path, dict[str, Path]]:
    """The cached registry with ``merges`` governed merges (built from the next smaller size)."""
    keys = keyring(CACHE / "keys")
    dest = CACHE / f"reg-{merges}"
    done = dest / ".bench-done"
    if done.is_file() and json.loads(done.read_text())["merges"] == merges:
        return dest, keys
    shutil.rmtree(dest, ignore_errors=True)
    smaller = [n for n in (10, 100, 1000) if n < merges and (CACHE / f"reg-{n}/.bench-done").is_file()]
    if smaller:
        shutil.copytree(CACHE / f"reg-{max(smaller)}", dest, symlinks=True)
        (dest / ".bench-done").unlink()
        repo = Repo(dest)
    else:
        repo = first_real(dest, keys)
    os.environ.update(GIT_ENV)
    extend(repo, keys, merges)
    git(dest, "gc", "-q")
    done.write_text(json.dumps({"merges": merges}))
    return dest, keys
