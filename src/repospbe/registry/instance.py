"""``registry/instance.yaml`` parsed once into a frozen, typed ``InstanceConfig``.

Every reader of the instance settings goes through here: the work tree
(``load_instance(root)``), a loaded ``Registry`` (``config_of(reg)``) and the governance
path, which reads the file from the git objects of a commit
(``InstanceConfig.from_text(text, source)``). All share one parser, so a value means the
same everywhere (issue 14: the required approvals had three different defaults).

Policy values fail closed: a missing or invalid ``persetujuan.jumlah`` or
``persetujuan.peran``, or any present value of the wrong type or range, is an
``InputError`` naming ``file:line``, never a default. Optional values that are absent
take the documented defaults of ``checks/schemas/instance.schema.json``. Unknown keys
are left to the schema check (``repospbe check``) to report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repospbe.errors import InputError
from repospbe.registry.paths import INSTANCE_FILE
from repospbe.states import ApprovalBasis
from repospbe.yamlio import MAX_YAML_BYTES, locate, parse, read_text

if TYPE_CHECKING:
    from repospbe.registry.model import Registry

DEFAULT_DOCUMENT_RULES = "checks/documents.yaml"
DEFAULT_DOC_THRESHOLD = 100.0
DEFAULT_ADVISORY_MAX_AGE = 30  # days after which the imported advisory database is reported stale
MAX_ADVISORY_MAX_AGE = 365
MAX_APPROVALS = 10


@dataclass(frozen=True, slots=True)
class DataCentreRange:
    """One ``pusat_data`` range of the Pemda's data centre."""

    cidr: str
    keterangan: str = ""
    contoh: bool = False  # an example (documentation) range, to be replaced at installation


@dataclass(frozen=True, slots=True)
class ApprovalPolicy:
    """``persetujuan``: how many reviewers of which role must approve, and what they approve."""

    jumlah: int
    peran: str
    namespace: str
    uji_pada: ApprovalBasis = ApprovalBasis.SOURCE


@dataclass(frozen=True, slots=True)
class InstanceConfig:
    """The instance settings of one registry (``registry/instance.yaml``)."""

    source: str  # where it was read from (repo-relative path), for messages
    pemda: str
    domain: str
    opd_diskominfo: str
    persetujuan: ApprovalPolicy
    pusat_data: tuple[DataCentreRange, ...] = ()
    aturan_dokumen: str = DEFAULT_DOCUMENT_RULES
    bahasa: str = ""
    ambang_dokumentasi: float = DEFAULT_DOC_THRESHOLD
    penyimpanan_sumber: str = ""  # "" = the default store (``.sumber``)
    aplikasi_umum_fungsi: tuple[str, ...] = ()
    rilis_perintah: tuple[str, ...] = ()  # ``rilis.perintah``: the deploy command (argv)
    umur_maks_basis_kerentanan: int = DEFAULT_ADVISORY_MAX_AGE  # days

    @property
    def required_approvals(self) -> int:
        return self.persetujuan.jumlah

    @property
    def approver_role(self) -> str:
        return self.persetujuan.peran

    @classmethod
    def from_text(cls, text: str, source: str = INSTANCE_FILE) -> InstanceConfig:
        """Parse YAML ``text`` (a file's or a git blob's); cached by content."""
        return _from_text(text, source)

    @classmethod
    def from_mapping(cls, data: object, source: str = INSTANCE_FILE, text: str = "") -> InstanceConfig:
        """Build from parsed YAML ``data``; ``text`` (when known) places errors on their line."""
        if not isinstance(data, Mapping):
            raise InputError("config.unreadable", file=source, detail=f"{type(data).__name__}, not a mapping")
        return _Parser(data, source, text).build()


def load_instance(root: Path) -> InstanceConfig:
    """The instance settings of the work tree at ``root`` (read now; parsed once per content)."""
    text, problems = read_text(root / INSTANCE_FILE, INSTANCE_FILE, MAX_YAML_BYTES)
    if text is None:
        detail = problems[0].check_id if problems else "-"
        raise InputError("config.unreadable", file=INSTANCE_FILE, detail=detail)
    return _from_text(text, INSTANCE_FILE)


def config_of(reg: Registry) -> InstanceConfig:
    """The instance settings of a loaded registry (its ``instance`` record)."""
    if reg.instance is None:
        raise InputError("config.unreadable", file=INSTANCE_FILE, detail="file.unreadable")
    return _from_text(reg.instance.text, reg.instance.path)


@lru_cache(maxsize=32)
def _from_text(text: str, source: str) -> InstanceConfig:
    loaded = parse(text, source)
    if loaded.findings:
        first = loaded.findings[0]
        raise InputError("config.unreadable", file=source, detail=f"{first.check_id} (line {first.line})")
    return InstanceConfig.from_mapping(loaded.data, source, text)


class _Parser:
    """Reads typed values out of the mapping; every problem names its ``file:line``."""

    def __init__(self, data: Mapping[str, Any], source: str, text: str) -> None:
        self.data, self.source, self.text = data, source, text

    def build(self) -> InstanceConfig:
        domain = self.string(("domain",), default="")
        return InstanceConfig(
            source=self.source,
            pemda=self.string(("pemda",), default=""),
            domain=domain,
            opd_diskominfo=self.string(("opd_diskominfo",), default=""),
            persetujuan=self.approvals(domain),
            pusat_data=self.ranges(),
            aturan_dokumen=self.string(("aturan_dokumen",), default=DEFAULT_DOCUMENT_RULES) or DEFAULT_DOCUMENT_RULES,
            bahasa=self.string(("bahasa",), default=""),
            ambang_dokumentasi=self.threshold(),
            penyimpanan_sumber=self.string(("penyimpanan_sumber",), default=""),
            aplikasi_umum_fungsi=self.strings(("aplikasi_umum_fungsi",)),
            rilis_perintah=self.strings(("rilis", "perintah")),
            umur_maks_basis_kerentanan=self.advisory_max_age(),
        )

    def approvals(self, domain: str) -> ApprovalPolicy:
        where = ("persetujuan", "jumlah")
        jumlah = self.value(where)
        if jumlah is None:
            raise self.missing(where, f"1-{MAX_APPROVALS}")
        if not _is_int(jumlah) or not 1 <= jumlah <= MAX_APPROVALS:
            raise self.invalid(where, jumlah, f"1-{MAX_APPROVALS}")
        peran = self.string(("persetujuan", "peran"), default=None)
        if not peran:
            raise self.missing(("persetujuan", "peran"), "slug")
        namespace = self.string(("persetujuan", "namespace"), default="")
        mode = self.value(("persetujuan", "uji_pada"))
        if mode is not None and mode not in tuple(ApprovalBasis):
            raise self.invalid(("persetujuan", "uji_pada"), mode, " | ".join(ApprovalBasis))
        return ApprovalPolicy(
            jumlah=jumlah,
            peran=peran,
            namespace=namespace or f"repospbe-approval@{domain or 'localhost'}",
            uji_pada=ApprovalBasis(mode) if mode is not None else ApprovalBasis.SOURCE,
        )

    def threshold(self) -> float:
        where = ("ambang_dokumentasi",)
        value = self.value(where)
        if value is None:
            return DEFAULT_DOC_THRESHOLD
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise self.invalid(where, value, "0-100")
        return float(value)

    def advisory_max_age(self) -> int:
        where = ("umur_maks_basis_kerentanan",)
        value = self.value(where)
        if value is None:
            return DEFAULT_ADVISORY_MAX_AGE
        if not _is_int(value) or not 1 <= value <= MAX_ADVISORY_MAX_AGE:
            raise self.invalid(where, value, f"1-{MAX_ADVISORY_MAX_AGE}")
        return int(value)

    def ranges(self) -> tuple[DataCentreRange, ...]:
        items = self.value(("pusat_data",))
        if items is None:
            return ()
        if not isinstance(items, list):
            raise self.invalid(("pusat_data",), items, "list")
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise self.invalid(("pusat_data", i), item, "{cidr, keterangan, contoh}")
            cidr = self.string(("pusat_data", i, "cidr"), default=None)
            if not cidr:
                raise self.missing(("pusat_data", i, "cidr"), "CIDR")
            contoh = item.get("contoh", False)
            if not isinstance(contoh, bool):
                raise self.invalid(("pusat_data", i, "contoh"), contoh, "true | false")
            out.append(DataCentreRange(cidr, self.string(("pusat_data", i, "keterangan"), default=""), contoh))
        return tuple(out)

    def value(self, path: Sequence[str | int]) -> Any:
        node: Any = self.data
        for part in path:
            if isinstance(part, int):
                node = node[part] if isinstance(node, list) and part < len(node) else None
            else:
                node = node.get(part) if isinstance(node, Mapping) else None
            if node is None:
                return None
        return node

    def string(self, path: Sequence[str | int], default: str | None) -> Any:
        value = self.value(path)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.invalid(path, value, "text")
        return value

    def strings(self, path: Sequence[str | int]) -> tuple[str, ...]:
        value = self.value(path)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.invalid(path, value, "list of text")
        return tuple(value)

    def line(self, path: Sequence[str | int]) -> int:
        return locate(self.text, path)[0] if self.text else 0

    def missing(self, path: Sequence[str | int], expected: str) -> InputError:
        return InputError(
            "config.missing", file=self.source, line=self.line(path), field=_dotted(path), expected=expected
        )

    def invalid(self, path: Sequence[str | int], value: Any, expected: str) -> InputError:
        return InputError(
            "config.invalid",
            file=self.source,
            line=self.line(path),
            field=_dotted(path),
            value=repr(value)[:80],
            expected=expected,
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _dotted(path: Sequence[str | int]) -> str:
    return ".".join(str(p) for p in path)
