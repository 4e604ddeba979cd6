"""doc.*: the documents check on small registries, one rule at a time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from repospbe.documents.rules import normalize_heading
from repospbe.documents.scan import count_words
from repospbe.engine import check_registry
from repospbe.findings import Finding, Severity
from tests.registry_data.conftest import ALL_DOCS, MiniRegistry

APP_YAML = "registry/apps/diskominfo/{}/app.yaml"


def doc_findings(mini: MiniRegistry) -> list[Finding]:
    return [f for f in check_registry(mini.root) if f.check_id.startswith("doc.")]


def ids_at(findings: list[Finding]) -> list[tuple[str, str, int]]:
    return [(f.check_id, f.path, f.line) for f in findings]


def test_complete_app_has_no_document_findings(mini: MiniRegistry) -> None:
    mini.app("lengkap", extra="dokumen: [kebutuhan, kak, pengujian, manual, bast]\n", docs=ALL_DOCS)
    assert check_registry(mini.root) == []


def test_missing_documents_reported_on_status_line(mini: MiniRegistry) -> None:
    mini.app("kosong", docs=("kebutuhan", "kak"))
    found = doc_findings(mini)
    assert ids_at(found) == [("doc.missing", APP_YAML.format("kosong"), 6)] * 3
    assert sorted(dict(f.params)["file"] for f in found) == [
        f"registry/apps/diskominfo/kosong/{k}.md" for k in ("bast", "manual", "pengujian")
    ]
    assert all(f.column == 9 and f.severity is Severity.HIGH for f in found)
    assert all(dict(f.params)["file"] in f.text("en") and "status produksi" in f.text() for f in found)


@pytest.mark.parametrize(
    ("jenis", "status", "extra", "expected"),
    [
        ("khusus", "usulan", "", {"kebutuhan", "kak"}),
        ("khusus", "pengembangan", "", {"kebutuhan", "kak"}),
        ("khusus", "produksi", "", set(ALL_DOCS)),
        ("khusus", "dihentikan", "", set()),
        ("umum", "produksi", "pemeliharaan: {jenis: swakelola}\n", set(ALL_DOCS)),
        ("umum", "produksi", "pemeliharaan: {jenis: pusat}\n", {"manual"}),
        ("umum", "usulan", "", {"kebutuhan", "kak"}),
    ],
)
def test_required_documents_by_jenis_and_status(
    mini: MiniRegistry, jenis: str, status: str, extra: str, expected: set[str]
) -> None:
    mini.app("a", jenis=jenis, status=status, extra=extra)
    found = doc_findings(mini)
    assert {f.check_id for f in found} <= {"doc.missing"}
    assert {dict(f.params)["file"].rsplit("/", 1)[1][:-3] for f in found} == expected


def test_declared_document_without_file(mini: MiniRegistry) -> None:
    mini.app("dek", status="usulan", extra="dokumen:\n  - kebutuhan\n  - manual\n", docs=("kebutuhan",))
    found = doc_findings(mini)
    assert ids_at(found) == [
        ("doc.missing", APP_YAML.format("dek"), 6),
        ("doc.declared-missing", APP_YAML.format("dek"), 10),
    ]
    assert dict(found[0].params)["file"] == "registry/apps/diskominfo/dek/kak.md"
    assert dict(found[1].params)["file"] == "registry/apps/diskominfo/dek/manual.md"


def test_declared_and_required_reported_once(mini: MiniRegistry) -> None:
    mini.app("dua", status="usulan", extra="dokumen: [kak]\n", docs=("kebutuhan",))
    assert [f.check_id for f in doc_findings(mini)] == ["doc.declared-missing"]


def test_section_missing(mini: MiniRegistry, example_doc: Callable[[str], str]) -> None:
    mini.app("x", status="usulan", docs=("kak",))
    text = example_doc("kebutuhan").replace("## Arsitektur Data", "## Data Lainnya")
    rel = mini.doc("x", "kebutuhan", text)
    found = doc_findings(mini)
    assert ids_at(found) == [("doc.section-missing", rel, 1)]
    assert dict(found[0].params)["section"] == "Arsitektur Data"
    assert "Arsitektur Data" in found[0].text("en") and found[0].hint_text("en").startswith("Add a Markdown heading")


SHORT = """\
# Dokumen Kebutuhan

## Fungsi

Aplikasi mengatur antrean.

## Manfaat

> Panduan: Jelaskan manfaat bagi pemohon, petugas dan pimpinan,
> termasuk data yang dihasilkan untuk perencanaan.

## Arsitektur / Proses Bisnis

## Arsitektur Data

{data}
"""


def test_short_empty_and_guidance_only_sections(mini: MiniRegistry) -> None:
    mini.app("x", status="usulan", docs=("kak",))
    rel = mini.doc("x", "kebutuhan", SHORT.format(data=" ".join(["kata"] * 30)))
    found = doc_findings(mini)
    assert ids_at(found) == [
        ("doc.section-short", rel, 3),
        ("doc.section-empty", rel, 7),
        ("doc.section-empty", rel, 12),
    ]
    short = found[0]
    assert dict(short.params)["words"] == 3 and dict(short.params)["minimum"] == 40
    assert short.severity is Severity.MEDIUM and found[1].severity is Severity.HIGH


def test_guidance_lines_do_not_count_but_real_text_passes(
    mini: MiniRegistry, example_doc: Callable[[str], str]
) -> None:
    mini.app("x", status="usulan", docs=("kak",))
    text = example_doc("kebutuhan").replace(
        "## Manfaat\n",
        "## Manfaat\n\n> Panduan: Jelaskan manfaat aplikasi bagi setiap pengguna.\n> Lanjutan panduan.\n",
    )
    mini.doc("x", "kebutuhan", text)
    assert doc_findings(mini) == []
    assert count_words("> Panduan: satu dua tiga\n> empat\n\nlima enam", "> Panduan:") == 2


def test_placeholder_tokens(mini: MiniRegistry, example_doc: Callable[[str], str]) -> None:
    mini.app("x", status="usulan", docs=("kebutuhan",))
    lines = example_doc("kak").splitlines()
    at = lines.index("## Latar Belakang") + 2
    lines[at] = "Kegiatan ini dipimpin oleh [ISI: nama pejabat] dan [ISI]."
    tail = lines.index("## Keluaran") + 2
    lines[tail] = "[ISI]"
    rel = mini.doc("x", "kak", "\n".join(lines) + "\n")
    found = doc_findings(mini)
    assert ids_at(found) == [("doc.placeholder", rel, at + 1), ("doc.placeholder", rel, tail + 1)]
    assert dict(found[0].params)["token"] == "[ISI: nama pejabat]"


def test_lorem_ipsum(mini: MiniRegistry, example_doc: Callable[[str], str]) -> None:
    mini.app("x", status="usulan", docs=("kebutuhan",))
    lines = example_doc("kak").splitlines()
    at = lines.index("## Ruang Lingkup") + 2
    lines[at] = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor " * 4
    rel = mini.doc("x", "kak", "\n".join(lines) + "\n")
    found = doc_findings(mini)
    assert ids_at(found) == [("doc.lorem", rel, at + 1)]
    assert dict(found[0].params)["phrase"] == "Lorem ipsum"


def test_unrequired_documents_are_still_checked(mini: MiniRegistry) -> None:
    mini.app("nas", jenis="umum", extra="pemeliharaan: {jenis: pusat}\n", docs=("manual",))
    rel = mini.doc("nas", "kak", "# KAK\n\n## Latar Belakang\n\n[ISI]\n")
    found = doc_findings(mini)
    assert ("doc.placeholder", rel, 5) in ids_at(found)
    assert sum(f.check_id == "doc.section-missing" for f in found) == 6


def test_headings_numbered_aliases_and_fences(mini: MiniRegistry, example_doc: Callable[[str], str]) -> None:
    mini.app("x", status="usulan", docs=("kak",))
    text = (
        example_doc("kebutuhan")
        .replace("## Fungsi", "### 1. Fungsi")
        .replace("## Manfaat", "## B. Manfaat ##")
        .replace("## Arsitektur / Proses Bisnis", "## IV) Proses Bisnis")
        .replace("## Arsitektur Data", "```\n## Arsitektur Data\n```\n\n## Lain")
    )
    rel = mini.doc("x", "kebutuhan", text)
    assert ids_at(doc_findings(mini)) == [("doc.section-missing", rel, 1)]
    assert normalize_heading("2.1 Arsitektur/Proses Bisnis") == "arsitektur proses bisnis"
    assert normalize_heading("A. Latar Belakang") == "latar belakang"
    assert normalize_heading("Civil Data") == "civil data"


def test_bad_encoding_is_not_reported_as_missing(mini: MiniRegistry) -> None:
    d = mini.app("enc", status="usulan", docs=("kak",))
    (d / "kebutuhan.md").write_bytes(b"# Kebutuhan\n\n\xff\xfe\n")
    assert [(f.check_id, f.path) for f in check_registry(mini.root)] == [
        ("file.encoding", "registry/apps/diskominfo/enc/kebutuhan.md")
    ]


def test_only_selected_apps_are_checked(mini: MiniRegistry) -> None:
    mini.app("satu")
    mini.app("dua", status="dihentikan")
    sel = frozenset({APP_YAML.format("dua")})
    assert check_registry(mini.root, sel) == []
    assert len(check_registry(mini.root)) == 5


def test_crlf_documents_pass(mini: MiniRegistry, example_doc: Callable[[str], str]) -> None:
    mini.app("x", status="usulan", docs=("kak",))
    mini.doc("x", "kebutuhan", example_doc("kebutuhan").replace("\n", "\r\n"))
    assert doc_findings(mini) == []


@pytest.mark.parametrize("filler", ["LOREM IPSUM DOLOR SIT AMET", "lorem\nipsum", "Consectetur  adipiscing elit"])
def test_lorem_in_any_case_and_spacing(mini: MiniRegistry, example_doc: Callable[[str], str], filler: str) -> None:
    mini.app("x", status="usulan", docs=("kebutuhan",))
    rel = mini.doc("x", "kak", example_doc("kak").replace("## Keluaran\n", f"## Keluaran\n\n{filler}\n"))
    assert [(f.check_id, f.path) for f in doc_findings(mini)] == [("doc.lorem", rel)]


def test_tilde_and_unterminated_fences_hide_headings(mini: MiniRegistry, example_doc: Callable[[str], str]) -> None:
    mini.app("x", status="usulan", docs=("kebutuhan",))
    text = example_doc("kak").replace("## Keluaran", "~~~~\n## Keluaran\n~~~\n## Keluaran lain\n~~~~")
    text = text.replace("## Sumber Daya dan Pembiayaan", "```python\n## Sumber Daya dan Pembiayaan")
    rel = mini.doc("x", "kak", text)
    found = doc_findings(mini)
    assert [(f.check_id, dict(f.params)["section"]) for f in found] == [
        ("doc.section-missing", "Keluaran"),
        ("doc.section-missing", "Sumber Daya dan Pembiayaan"),
    ]
    assert {f.path for f in found} == {rel}


def test_guidance_elsewhere_switches_to_exact_counts(mini: MiniRegistry, example_doc: Callable[[str], str]) -> None:
    mini.app("x", status="usulan", docs=("kebutuhan",))
    text = example_doc("kak").replace(
        "## Latar Belakang\n", "## Latar Belakang\n\n> Panduan: Uraikan latar belakang.\n"
    )
    mini.doc("x", "kak", text)
    assert doc_findings(mini) == []


@pytest.mark.parametrize(
    "body",
    [
        "[ISI:" * 800_000,  # unclosed tokens on one 4 MB line
        "# " + " \t" * 1_000_000 + "x",  # a 2 MB heading of blanks
        ("lorem" + " " * 1000) * 2000,  # long blank runs after a lorem word
        "### a\n" * 200_000,  # two hundred thousand nested headings
    ],
)
def test_hostile_documents_stay_linear(mini: MiniRegistry, body: str) -> None:
    """Quadratic scanning would not finish here; the loader's 5 MB cap is the only bound."""
    mini.app("x", status="usulan", docs=("kak",))
    rel = mini.doc("x", "kebutuhan", "## Fungsi\n" + body + "\n## Manfaat\n[ISI: manfaat]\n")
    found = doc_findings(mini)
    assert ("doc.placeholder", rel) in [(f.check_id, f.path) for f in found]
    assert {f.check_id for f in found} <= {
        "doc.placeholder",
        "doc.section-missing",
        "doc.section-short",
        "doc.section-empty",
    }
