"""Cost of validating one signed PDF (issue 20): a BAST signed by the vendor and the PPK.

Builds the test PKI (tests/helpers/pki.py) and a copy of the bundled registry trusting it,
renders the example app's BAST, signs it twice with pyHanko, then times:
  - verify: every signature of the PDF (integrity, coverage, path validation with CRLs);
  - check:  the ``pdfsig`` registry check on that app (includes loading the trust store).
Also times rendering the BAST and one pyHanko signature, for scale.

Usage: python benchmarks/bench_pdfsig.py [ROUNDS]   (default 20)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from repospbe.engine import run_checks  # noqa: E402
from repospbe.pdfsig import documents  # noqa: E402
from repospbe.pdfsig.bast import render_document  # noqa: E402
from repospbe.pdfsig.verify import verify_pdf  # noqa: E402
from repospbe.pki import trust  # noqa: E402
from repospbe.registry import load_registry  # noqa: E402
from tests.helpers.git import copy_registry  # noqa: E402
from tests.helpers.pdfsign import KEY, bast_pki, both, sign  # noqa: E402


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and max wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main(rounds: int) -> None:
    pki = bast_pki()
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_registry(Path(tmp) / "reg")
        pki.write_trust(root)
        unsigned = render_document(root, KEY, "bast")
        pdf = both(pki, unsigned)
        (root / f"registry/apps/{KEY}/bast.pdf").write_bytes(pdf)
        store = trust.load_dir(root)
        assert all(r.intact and r.verdict.ok for r in verify_pdf(pdf, store))
        reg = load_registry(root)

        def check() -> None:
            documents._CACHE.clear()  # measure the validation, not the in-process cache
            assert run_checks(reg, only=("pdfsig",)) == []

        rows = {
            "render BAST (fpdf2)": timed(lambda: render_document(root, KEY, "bast"), rounds),
            "sign once (pyHanko)": timed(lambda: sign(pki, unsigned, "valid", "PPK"), rounds),
            "verify 2-signature PDF": timed(lambda: verify_pdf(pdf, store), rounds),
            "pdfsig check, one app": timed(check, rounds),
        }
    print(f"PDF: {len(pdf)} bytes, 2 signatures (ECDSA P-256, chain root > intermediate > official, 2 CRLs)")
    print(f"{'step':28} {'median ms':>10} {'max ms':>8}   ({rounds} rounds)")
    for name, (median, worst) in rows.items():
        print(f"{name:28} {median:10.1f} {worst:8.1f}")
    print(f"per signature (verify / 2): {rows['verify 2-signature PDF'][0] / 2:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
