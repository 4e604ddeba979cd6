"""Two merge requests racing to merge: exactly one wins, the other must re-run."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from repospbe.errors import PolicyError
from repospbe.governance.merge import merge
from tests.governance.conftest import Gov


def _two_ready(gov: Gov) -> tuple[int, int]:
    gov.commit_on("a", {"registry/opd/dinkes.yaml": "kode: dinkes\nnama: Dinas Kesehatan\njenis: dinas\n"})
    gov.opd_change("b", name="Dinas Komunikasi, Informatika dan Statistik")
    a, b = gov.open("a"), gov.open("b")
    for n in (a, b):
        gov.approve(n, "rahmat")
        gov.approve(n, "siti")
        assert gov.assess(n).mergeable
    return a, b


@pytest.mark.slow
def test_two_merge_requests_racing_processes_exactly_one_wins(gov: Gov) -> None:
    a, b = _two_ready(gov)
    before = gov.main()
    cmd = [sys.executable, "-m", "repospbe", "mr", "merge", "--registry", str(gov.root)]
    procs = [
        subprocess.Popen([*cmd, str(n)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (a, b)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert sorted(code for code, _ in results) == [0, 1]
    loser = next(err for code, err in results if code == 1)
    assert "belum boleh digabung" in loser or "compare-and-swap" in loser
    assert gov.repo.parents(gov.main())[0] == before
    lost = a if results[1][0] == 0 else b
    assert {d.problem for d in gov.assess(lost).decisions} == {"usang"}  # must re-run and be re-approved


def test_two_merge_requests_racing_threads_without_lock_cas_decides(gov: Gov) -> None:
    a, b = _two_ready(gov)
    before = gov.main()
    outcomes: dict[int, str] = {}
    start = threading.Barrier(2)

    def go(n: int) -> None:
        start.wait()
        try:
            merge(gov.repo, n, lock=False)
            outcomes[n] = "ok"
        except PolicyError as exc:
            outcomes[n] = exc.key

    threads = [threading.Thread(target=go, args=(n,)) for n in (a, b)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wins = [n for n, o in outcomes.items() if o == "ok"]
    losses = [o for o in outcomes.values() if o != "ok"]
    assert len(wins) == 1 and len(losses) == 1
    assert losses[0] in ("mr.merge.raced", "mr.merge.blocked")  # lost at CAS, or saw the moved target
    assert gov.repo.parents(gov.main())[0] == before


def test_compare_and_swap_refuses_a_stale_expected_value(gov: Gov) -> None:
    tip = gov.main()
    other = gov.repo.commit_tree(gov.repo.tree_of(tip), [tip], "x\n")
    assert not gov.repo.cas("refs/heads/main", other, "0" * 39 + "1")
    assert gov.main() == tip
    assert gov.repo.cas("refs/heads/main", other, tip) and gov.main() == other
