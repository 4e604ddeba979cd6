"""In-process SSHSIG verification gives ssh-keygen's verdict, on valid and forged inputs alike.

``sshsig.verify`` decides ed25519/ECDSA/RSA signatures in-process (``sshsig_inproc``) and
hands anything else to ``ssh-keygen -Y verify``; ``sshsig.keygen_verify`` is always ssh-keygen.
Every case below is asked of both, and of the in-process verdict alone where it decides.
"""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest

from repospbe.governance import sshsig, sshsig_inproc
from tests.helpers.tools import require_tool

NS = "repospbe-approval@pontianakkota.go.id"
PAYLOAD = b'{"keputusan":"setuju","mr":7}'
KEY_SPECS = {
    "ed25519": ["-t", "ed25519"],
    "ecdsa256": ["-t", "ecdsa", "-b", "256"],
    "ecdsa384": ["-t", "ecdsa", "-b", "384"],
    "ecdsa521": ["-t", "ecdsa", "-b", "521"],
    "rsa": ["-t", "rsa", "-b", "2048"],
}


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require_tool("ssh-keygen", "openssh-client")
    d = tmp_path_factory.mktemp("sshsig-keys")
    out = {}
    for name, spec in {**KEY_SPECS, "other": ["-t", "ed25519"]}.items():
        subprocess.run(["ssh-keygen", "-q", *spec, "-N", "", "-C", name, "-f", str(d / name)], check=True)
        out[name] = d / name
    return out


def _signers(keys: dict[str, Path], **who: str) -> str:
    return "".join(f"{principal} {sshsig.public_key_of(keys[key])}\n" for principal, key in who.items())


def _sign_sha512(key: Path, payload: bytes, tmp: Path) -> bytes:
    data = tmp / "payload"
    data.write_bytes(payload)
    cmd = ["ssh-keygen", "-Y", "sign", "-O", "hashalg=sha512", "-f", str(key), "-n", NS, str(data)]
    subprocess.run(cmd, check=True, capture_output=True)
    return (tmp / "payload.sig").read_bytes()


def _flip(sig: bytes, at: int) -> bytes:
    """The armored signature with one byte of its decoded blob changed (``at`` from the end)."""
    lines = sig.decode().strip().splitlines()
    blob = bytearray(base64.b64decode("".join(lines[1:-1])))
    blob[-at] ^= 0x01
    body = base64.b64encode(bytes(blob)).decode()
    wrapped = "\n".join(body[i : i + 70] for i in range(0, len(body), 70))
    return f"{lines[0]}\n{wrapped}\n{lines[-1]}\n".encode()


def _both(signers: str, principal: str, ns: str, payload: bytes, sig: bytes) -> tuple[bool | None, bool, bool]:
    return (
        sshsig_inproc.verdict(signers, principal, ns, payload, sig),
        sshsig.verify(signers, principal, ns, payload, sig),
        sshsig.keygen_verify(signers, principal, ns, payload, sig),
    )


@pytest.mark.parametrize("kind", sorted(KEY_SPECS))
def test_valid_and_forged_signatures_get_ssh_keygens_verdict(kind: str, keys: dict[str, Path]) -> None:
    sig = sshsig.sign(keys[kind], NS, PAYLOAD)
    signers = _signers(keys, rahmat=kind, siti="other")
    cases = {
        "valid": (signers, "rahmat", NS, PAYLOAD, sig, True),
        "namespace": (signers, "rahmat", "repospbe-mr@pontianakkota.go.id", PAYLOAD, sig, False),
        "principal": (signers, "siti", NS, PAYLOAD, sig, False),
        "unknown principal": (signers, "agus", NS, PAYLOAD, sig, False),
        "payload": (signers, "rahmat", NS, PAYLOAD + b" ", sig, False),
        "signature byte": (signers, "rahmat", NS, PAYLOAD, _flip(sig, 3), False),
        "key swapped": (_signers(keys, rahmat="other"), "rahmat", NS, PAYLOAD, sig, False),
        "other key's signature": (signers, "rahmat", NS, PAYLOAD, sshsig.sign(keys["other"], NS, PAYLOAD), False),
    }
    for name, (text, principal, ns, payload, signature, expected) in cases.items():
        fast, verify, keygen = _both(text, principal, ns, payload, signature)
        assert (fast, verify, keygen) == (expected, expected, expected), name


def test_sha512_signatures_and_a_principal_list(keys: dict[str, Path], tmp_path: Path) -> None:
    sig = _sign_sha512(keys["ed25519"], PAYLOAD, tmp_path)
    signers = f"agus,rahmat {sshsig.public_key_of(keys['ed25519'])}\n"
    assert _both(signers, "rahmat", NS, PAYLOAD, sig) == (True, True, True)
    assert _both(signers, "rahm", NS, PAYLOAD, sig) == (False, False, False)


def test_malformed_and_unusual_inputs_never_pass(keys: dict[str, Path]) -> None:
    sig = sshsig.sign(keys["ed25519"], NS, PAYLOAD)
    signers = _signers(keys, rahmat="ed25519")
    armor_gone = sig.replace(b"-----BEGIN SSH SIGNATURE-----", b"")
    pattern = f"rahm* {sshsig.public_key_of(keys['ed25519'])}\n"
    options = f'rahmat namespaces="other" {sshsig.public_key_of(keys["ed25519"])}\n'
    for text, signature in ((signers, armor_gone), (signers, b"x" * 40), (signers, _flip(sig, 80))):
        fast, verify, keygen = _both(text, "rahmat", NS, PAYLOAD, signature)
        assert verify is keygen is False and fast in (None, False)
    # patterns and options are left to ssh-keygen (in-process says "not sure"), which decides
    assert _both(pattern, "rahmat", NS, PAYLOAD, sig) == (None, True, True)
    assert _both(options, "rahmat", NS, PAYLOAD, sig) == (None, False, False)
