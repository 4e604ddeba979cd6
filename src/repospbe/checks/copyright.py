"""copyright.*: the Pemda holds the copyright and an open licence of every app it builds (seed 6.2.5.2, 6.2.5.1).

"Hak cipta atas aplikasi beserta kelengkapannya menjadi milik Pemerintah Daerah" (6.2.5.2) and
aplikasi umum consider "penggunaan kode sumber terbuka" (6.2.5.1 huruf b). Every app the Pemda
builds (an OPD or a vendor for the Pemda; umum and khusus alike) in ``pengembangan`` or
``produksi`` must record, in ``app.yaml``:

- ``hak_cipta`` naming the Pemda exactly (``pemda`` in ``registry/instance.yaml``):
  ``copyright.holder-missing`` when absent, ``copyright.holder`` when it names anyone else
  (co-ownership included);
- ``lisensi``, an SPDX expression of the accepted open-source licences (``checks/lisensi.yaml``,
  the list the licence scanner and the maturity rules use): ``copyright.licence-missing`` when
  absent, ``copyright.licence`` when not open source, unless an approved
  ``pengecualian_lisensi`` is recorded.

Every document the app carries (whatever its status) states the Pemda's copyright in a line
holding ``Hak cipta`` and the Pemda's name (``copyright.document``). Apps maintained by the
central or provincial government (``pemeliharaan.jenis`` ``pusat``/``provinsi``) are not the
Pemda's work and are exempt. The copyright in the pinned source itself (the LICENSE file) is
checked by the pipeline's licence scanner, which reads the source; this check reads the record.
"""

from __future__ import annotations

import re
from typing import Any

from repospbe.checks.base import CheckContext, app_local
from repospbe.findings import Finding, Severity
from repospbe.licences import accepted, is_open_source
from repospbe.registry.handover import REQUIRED_STATUSES, pemda_built
from repospbe.registry.model import Record, Registry
from repospbe.yamlio import locate

# The Kelvin sign (lower() and casefold() make it ``k``) and ``hak``: compiled, since the regex
# engine finds a literal faster than ``bytes.find`` does.
_KELVIN = re.compile("\u212a".encode())
_HAK = re.compile(b"hak")


@app_local
def check(ctx: CheckContext) -> list[Finding]:
    reg = ctx.registry
    pemda = reg.pemda
    allowed = accepted(ctx.root)
    out: list[Finding] = []
    for key, record in sorted(reg.apps.items()):
        if not isinstance(record.data, dict) or not pemda_built(record.data):
            continue
        if record.get("status") in REQUIRED_STATUSES:
            out += _record(key, record, pemda, allowed)
        out += _documents(reg, key, pemda)
    return out


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _record(key: str, record: Record, pemda: str, allowed: frozenset[str]) -> list[Finding]:
    out: list[Finding] = []
    holder = record.get("hak_cipta")
    if not isinstance(holder, str) or not holder.strip():
        out.append(_at(record, ["status"], "copyright.holder-missing", app=key, pemda=pemda))
    elif _norm(holder) != _norm(pemda):
        out.append(_at(record, ["hak_cipta"], "copyright.holder", app=key, pemda=pemda, holder=holder[:200]))
    if isinstance(record.get("pengecualian_lisensi"), dict):
        return out
    spdx = record.get("lisensi")
    if not isinstance(spdx, str) or not spdx.strip():
        out.append(_at(record, ["status"], "copyright.licence-missing", app=key))
    elif not is_open_source(spdx, allowed):
        out.append(_at(record, ["lisensi"], "copyright.licence", app=key, licence=spdx[:200]))
    return out


def _documents(reg: Registry, key: str, pemda: str) -> list[Finding]:
    out: list[Finding] = []
    want = _norm(pemda)
    for _kind, doc in sorted(reg.documents.get(key, {}).items()):
        if not states_copyright_raw(doc.raw, want):
            out.append(
                Finding.make(
                    "copyright.document", Severity.MEDIUM, path=doc.path, line=1, column=1, app=key, pemda=pemda
                )
            )
    return out


def _states_copyright(text: str, want: str) -> bool:
    """Whether a line of ``text`` holds ``hak cipta`` and ``want`` (whitespace-collapsed, casefolded)."""
    return states_copyright_raw(text.encode("utf-8", "surrogatepass"), want)


def states_copyright_raw(raw: bytes, want: str) -> bool:
    """``_states_copyright`` of the text whose UTF-8 bytes are ``raw``, searched without decoding it.

    Such a line holds ``hak`` in ASCII letters of any case, or the Kelvin sign: the only other
    characters whose casefold holds ``h``, ``a`` or ``k`` (U+1E96, U+1E9A) fold to that letter
    followed by a mark, which cannot be inside ``hak``. So the document is searched as ASCII-lowered
    UTF-8 (far cheaper than folding it), and only the lines around a hit get the exact test.
    That test is skipped for lines without ``cipt`` either (``pihak``, ``berhak``): of the
    characters whose casefold holds an ASCII letter besides themselves, only U+1E9A (``aʾ``) can
    end ``cipta`` (a mark or another letter follows the letter each of the others gives), and
    whitespace is collapsed, never removed, so ``cipt`` stays contiguous ASCII letters."""
    if not raw.isascii() and _KELVIN.search(raw) is not None:
        text = raw.decode("utf-8", "surrogatepass")
        return any(_line_states(line, want) for line in text.splitlines())
    data = raw.lower()
    has_cr = b"\r" in data
    found = _HAK.search(data)
    while found is not None:
        hit = found.start()
        start = data.rfind(b"\n", 0, hit) + 1
        end = data.find(b"\n", hit)
        end = len(data) if end < 0 else end
        if has_cr:  # a line also ends at a carriage return
            start = data.rfind(b"\r", start, hit) + 1 or start
            cr = data.find(b"\r", hit, end)
            end = end if cr < 0 else cr
        if data.find(b"cipt", start, end) >= 0:  # see below: a stating line holds it
            chunk = raw[start:end].decode("utf-8", "surrogatepass")
            if any(_line_states(line, want) for line in chunk.splitlines()):
                return True
        found = _HAK.search(data, end)
    return False


def _line_states(line: str, want: str) -> bool:
    norm = _norm(line)
    return "hak cipta" in norm and want in norm


def _at(record: Record, where: list[str | int], check_id: str, **params: Any) -> Finding:
    line, col = locate(record.text, where)
    return Finding.make(
        check_id,
        Severity.HIGH,
        path=record.path,
        line=line,
        column=col,
        breadcrumb=" > ".join(map(str, where)),
        **params,
    )
