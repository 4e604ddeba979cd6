"""Compliance per app: registry findings grouped into the catalogue's requirements.

Requirements are the columns of the compliance matrix. Each cell is one of
``ok`` (memenuhi), ``gagal`` (belum memenuhi), ``na`` (tidak berlaku) or
``belum`` (belum ada catatan: no record yet). ``gagal`` counts against an app, and so does
a missing pipeline record or approval (``RECORDED``): "no record" is never a pass (seed
6.2.5.2: an app is implemented only after its tests pass and Diskominfo approves).

Columns follow the obligations of the master plan; findings land in a column by check-id
prefix (``PREFIXES``), so a new check with a known prefix needs no change here. Records
marked ``contoh: true`` are shown with a CONTOH badge and left out of every percentage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from repospbe.findings import Finding
from repospbe.governance.standing import approved_now
from repospbe.governance.types import Decision as Judged
from repospbe.registry.model import Registry
from repospbe.registry.paths import app_key
from repospbe.states import Decision, Status

DOC_KINDS = ("kebutuhan", "kak", "pengujian", "manual", "bast")
REQUIREMENTS: tuple[tuple[str, str], ...] = (
    ("rekaman", "Rekaman"),
    ("kebutuhan", "Kebutuhan"),
    ("kak", "KAK"),
    ("pengujian", "Hasil uji"),
    ("manual", "Manual"),
    ("bast", "BAST"),
    ("sumber", "Kode sumber"),
    ("hakcipta", "Hak cipta & lisensi"),
    ("umum", "Aplikasi umum"),
    ("alamat", "Alamat resmi"),
    ("subdomain", "Subdomain"),
    ("surat", "Surat subdomain"),
    ("hosting", "Pusat Data"),
    ("dokumentasi", "Dokumentasi kode"),
    ("rilis", "Gerbang rilis"),
    ("pipeline", "Pipeline"),
    ("persetujuan", "Persetujuan"),
)
# Check-id prefix -> column (first match wins): obligations 1-8 of issue 16.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("source.", "sumber"),
    ("copyright.", "hakcipta"),
    ("license.", "hakcipta"),
    ("umum.", "umum"),
    ("address.", "alamat"),
    ("subdomain.letter-", "surat"),
    ("subdomain.address-", "hosting"),
    ("hosting.", "hosting"),
    ("doc-coverage.", "dokumentasi"),
    ("deploy.", "rilis"),
    ("release.", "rilis"),
)
# Scanner of the pipeline record that decides a column.
SCANNER_COLUMNS = (("doc-coverage", "dokumentasi"), ("license", "hakcipta"))
# Columns where "no record" (belum) means the app is not compliant (obligation 9).
RECORDED = ("pipeline", "persetujuan")
EXAMPLE_FINDINGS = ("data.example-record",)
STATUS_MARK = {"ok": "✓", "gagal": "✗", "na": "–", "belum": "○"}
STATUS_TEXT = {
    "ok": "memenuhi",
    "gagal": "belum memenuhi",
    "na": "tidak berlaku",
    "belum": "belum ada catatan",
}
GLOBAL = ""
_DOC_PARAM_KEYS = ("doc", "dokumen", "document", "kind", "jenis_dokumen", "doc_kind")
_SOURCE_TOKENS = ("source", "sumber", "pin", "handover", "serah-terima", "license", "lisensi")


@dataclass(frozen=True)
class Cell:
    status: str
    blocking: int = 0

    @property
    def mark(self) -> str:
        return STATUS_MARK[self.status]

    @property
    def text(self) -> str:
        return STATUS_TEXT[self.status]

    def badge(self, text: str | None = None) -> str:
        return badge(self.status, STATUS_TEXT[self.status] if text is None else text)


def badge(status: str, text: str = "") -> str:
    """A status mark (symbol, colour and words: never colour alone); ``text`` is safe HTML."""
    label = f" {text}" if text else ""
    return f'<span class="st st-{status}">{STATUS_MARK[status]}{label}</span>'


def yes_no(ok: bool, yes: str = "ya", no: str = "tidak") -> str:
    if yes == "ya" and no == "tidak":
        return _YES if ok else _NO
    return badge("ok", yes) if ok else badge("gagal", no)


MARK_BADGES = {status: badge(status) for status in STATUS_MARK}  # ``Cell.badge("")`` of each status
_YES, _NO = badge("ok", "ya"), badge("gagal", "tidak")


def subdomain_owner(reg: Registry, label: str) -> str | None:
    """The app key a subdomain record names (``untuk.app``), when that app exists."""
    record = reg.subdomains.get(label)
    if record is None:
        return None
    untuk = record.get("untuk") or {}
    app_id = untuk.get("app") if isinstance(untuk, dict) else None
    if not isinstance(app_id, str):
        return None
    opd = record.get("opd")
    key = f"{opd}/{app_id}"
    if key in reg.apps:
        return key
    matches = [k for k in reg.apps if k.rsplit("/", 1)[-1] == app_id]
    return matches[0] if len(matches) == 1 else None


def group_by_app(reg: Registry, findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings per app key; registry-wide ones under ``GLOBAL``."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[owner_of(reg, finding)].append(finding)
    return grouped


def owner_of(reg: Registry, finding: Finding) -> str:
    key = app_key(finding.path)
    if key is not None:
        return key
    if finding.path.startswith("registry/subdomains/"):
        label = finding.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        return subdomain_owner(reg, label) or GLOBAL
    return GLOBAL


def requirement_of(finding: Finding) -> str:
    """Which requirement column a finding about an app belongs to."""
    for prefix, column in PREFIXES:
        if finding.check_id.startswith(prefix):
            return column
    name = finding.path.rsplit("/", 1)[-1]
    if name.endswith(".md") and name[:-3] in DOC_KINDS:
        return name[:-3]
    params = dict(finding.params)
    for key in _DOC_PARAM_KEYS:
        if params.get(key) in DOC_KINDS:
            return str(params[key])
    for item in params.values():
        if isinstance(item, str) and item.endswith(".md") and item.rsplit("/", 1)[-1][:-3] in DOC_KINDS:
            return item.rsplit("/", 1)[-1][:-3]
    crumbs = finding.breadcrumb.split(" > ")
    if len(crumbs) > 1 and crumbs[0] == "dokumen" and crumbs[1] in DOC_KINDS:
        return crumbs[1]
    tokens = set(finding.check_id.replace("-", ".").replace("_", ".").split("."))
    for kind in DOC_KINDS:
        if kind in tokens:
            return kind
    if finding.path.startswith("registry/subdomains/") or "subdomain" in finding.check_id:
        return "subdomain"
    first = finding.breadcrumb.split(" > ", 1)[0]
    if first == "sumber" or "/serah-terima/" in finding.path or any(tok in finding.check_id for tok in _SOURCE_TOKENS):
        return "sumber"
    return "rekaman"


def registry_cells(
    findings: list[Finding],
    docs_present: set[str],
    has_source: bool,
    has_subdomain: bool,
    *,
    pemda_built: bool = True,
    has_address: bool = False,
    national: bool = False,
) -> dict[str, Cell]:
    """Cells of the requirements the registry checks decide (``rilis`` and ``dokumentasi``
    are completed from the governance and pipeline records)."""
    blocking: dict[str, int] = defaultdict(int)
    seen: set[str] = set()
    for finding in findings:
        req = requirement_of(finding)
        seen.add(req)
        if finding.blocks():
            blocking[req] += 1
    cells: dict[str, Cell] = {"rekaman": _cell(blocking["rekaman"], True)}
    for kind in DOC_KINDS:
        cells[kind] = _cell(blocking[kind], kind in docs_present or kind in seen)
    cells["sumber"] = _cell(blocking["sumber"], has_source or "sumber" in seen)
    cells["subdomain"] = _cell(blocking["subdomain"], has_subdomain or "subdomain" in seen)
    applies = {
        "hakcipta": pemda_built,
        "umum": True,
        "alamat": has_address or has_subdomain,
        "surat": has_subdomain,
        "hosting": (has_address or has_subdomain) and not national,
        "dokumentasi": False,
        "rilis": False,
    }
    for column, yes in applies.items():
        cells[column] = _cell(blocking[column], yes or column in seen)
    return cells


# Immutable: one of each for the 85,000 cells of 5,000 apps (``inputs`` knows equal cells by identity).
_OK, _NA, _BELUM, _GAGAL = Cell("ok"), Cell("na"), Cell("belum"), Cell("gagal", 1)
OK_CELL = _OK
_FAILED: dict[int, Cell] = {1: _GAGAL}


def _cell(blocking: int, applies: bool) -> Cell:
    if blocking:
        found = _FAILED.get(blocking)
        if found is None:
            found = _FAILED[blocking] = Cell("gagal", blocking)
        return found
    return _OK if applies else _NA


def pipeline_cell(status: Status | None) -> Cell:
    if status is None:
        return _BELUM
    return _OK if status == Status.PASSED else _GAGAL


def approval_cell(decisions: Sequence[Judged]) -> Cell:
    """The app's decisions, oldest first, judged by their effective status (governance.standing)."""
    verdict = approved_now(decisions)
    if verdict is None:
        return _BELUM
    return _OK if verdict else _GAGAL


def is_approval(decision: str) -> bool:
    return decision.lower() in ("approve", "approved", Decision.APPROVE, "disetujui")


def scanner_cell(current: Cell, status: Status | None, applies: bool) -> Cell:
    """A column decided by a scanner of the app's last pipeline record: failed or errored is
    gagal; skipped or absent is belum (not checked, never passed) when the column applies."""
    if current.status == "gagal":
        return current
    if status is None or status == Status.SKIPPED:
        return _BELUM if applies else current
    return _OK if status == Status.PASSED else _GAGAL


def compliant(cells: dict[str, Cell]) -> bool:
    """No failed cell, and a pipeline record and an approval exist (obligation 9)."""
    if any(cell.status == "gagal" for cell in cells.values()):
        return False
    return all(cells[k].status in ("ok", "na") for k in RECORDED if k in cells)


def example_badge() -> str:
    """The visible mark of a record marked ``contoh: true`` (text, not colour alone)."""
    return '<span class="contoh" title="Rekaman contoh, bukan data Pemda; tidak dihitung">CONTOH</span>'


def marked(name_html: str, example: bool) -> str:
    """An app's (safe HTML) name, followed by the CONTOH badge when it is an example."""
    return f"{name_html} {example_badge()}" if example else name_html


def is_example(data: object) -> bool:
    return isinstance(data, dict) and data.get("contoh") is True


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0
