"""Cost of verifying one certificate (CMS) signature over a decision, beside an SSH signature.

Usage: python benchmarks/bench_pki.py [N]   (default N = 200)
A test PKI (root, intermediate, CRLs) is made in memory; a decision-sized payload is signed by an
official's certificate (EC P-256, and RSA-2048 signed by the same chain) and verified N times with
``repospbe.pki.cms.verify_detached`` (CMS integrity + offline path validation with revocation from
stored CRLs). For comparison: one ``ssh-keygen -Y verify`` of an SSH signature (a subprocess).
Prints milliseconds per verification (median and mean).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402

from repospbe.governance import sshsig  # noqa: E402
from repospbe.pki import cms, trust  # noqa: E402
from tests.helpers.pki import NIP, issue, make_pki, name  # noqa: E402

PAYLOAD = b'{"alasan":"","jenis":"repospbe/keputusan","keputusan":"setuju","mr":1,"pipeline":"' + b"a" * 64 + b'"}'


def timed(fn: object, n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), statistics.mean(samples)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    pki = make_pki()
    with tempfile.TemporaryDirectory() as tmp:
        pki.write_trust(Path(tmp))
        store = trust.load_dir(Path(tmp))
        rk = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        rcert = issue(name("Pejabat RSA", number=f"NIP:{NIP}"), rk, pki.intermediate)  # type: ignore[arg-type]
        cases = {
            "EC P-256": cms.sign_detached(PAYLOAD, pki.cert("valid"), pki.key("valid"), pki.chains["valid"]),
            "RSA-2048": cms.sign_detached(PAYLOAD, rcert, rk, [pki.intermediate[0]]),
        }
        for label, sig in cases.items():
            assert cms.verify_detached(PAYLOAD, sig, store).ok
            med, mean = timed(lambda sig=sig: cms.verify_detached(PAYLOAD, sig, store), n)
            print(f"certificate ({label}, chain of 3, 2 CRLs): median {med:.2f} ms, mean {mean:.2f} ms, n={n}")
        key = Path(tmp) / "k"
        pub = sshsig.generate(key, "bench")
        ssh_sig = sshsig.sign(key, "bench", PAYLOAD)
        signers = f"r {pub}\n"
        med, mean = timed(lambda: sshsig.verify(signers, "r", "bench", PAYLOAD, ssh_sig), min(n, 50))
        print(f"ssh-keygen -Y verify (subprocess): median {med:.2f} ms, mean {mean:.2f} ms, n={min(n, 50)}")
        start = time.perf_counter()
        subprocess.run(["true"], check=True)
        print(f"(one empty subprocess: {(time.perf_counter() - start) * 1000:.2f} ms)")


if __name__ == "__main__":
    main()
