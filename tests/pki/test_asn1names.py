"""Names pyHanko and asn1crypto.tsp register late are found after ``forget_reverse_names``."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
from asn1crypto import cms, x509
cms.CMSAttributeType('signing_time')   # builds the reverse table before pyHanko is imported
x509.ExtensionId('key_usage')
import pyhanko_certvalidator, pyhanko.sign.signers  # noqa: F401  (register more names)
{call}
cms.CMSAttributeType('signing_certificate_v2')
x509.ExtensionId('target_information')
print('ok')
"""


def _run(call: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROBE.format(call=call)], capture_output=True, text=True, timeout=120)


def test_late_names_are_found_after_the_tables_are_rebuilt() -> None:
    res = _run("from repospbe.pki.asn1names import forget_reverse_names; forget_reverse_names()")
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-800:]


def test_without_it_a_late_name_is_not_found() -> None:
    res = _run("pass")  # the failure the rebuild prevents (asn1crypto's cached reverse table)
    assert res.returncode != 0 and "signing_certificate_v2" in res.stderr
