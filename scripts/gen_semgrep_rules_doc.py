"""Generate docs/panduan/aturan-keamanan.md from the rule pack in checks/semgrep.

Usage:
    python scripts/gen_semgrep_rules_doc.py          # (re)write the page
    python scripts/gen_semgrep_rules_doc.py --check  # exit 1 if the page is out of date

The page lists every rule: id, languages, severity, CWE/OWASP, what it finds (the
Indonesian line of its message), why it matters in a Pemda app (per category, below)
and how to fix it (metadata.fix_id). tests/checks/test_semgrep_rules_doc.py keeps it current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "checks" / "semgrep"
PAGE = ROOT / "docs" / "panduan" / "aturan-keamanan.md"
LANG_ORDER = ("php", "javascript", "python", "java", "generic")
LANG_NAMES = {
    "php": "PHP (PHP biasa, Laravel, CodeIgniter 3/4)",
    "javascript": "JavaScript/TypeScript (Node/Express dan peramban)",
    "python": "Python (Flask, Django)",
    "java": "Java (Servlet, Spring)",
    "generic": "Semua berkas",
}
SEVERITY = {"ERROR": "ERROR → tinggi (memblokir)", "WARNING": "WARNING → sedang", "INFO": "INFO → rendah"}
CATEGORIES: dict[str, tuple[str, str]] = {
    "sqli": (
        "Injeksi SQL",
        (
            "Aplikasi Pemda menyimpan data pribadi warga (NIK, KK, alamat) dan data kepegawaian serta keuangan "
            "daerah. Satu celah injeksi SQL cukup untuk membocorkan atau mengubah seluruh basis data: pelanggaran "
            "UU Pelindungan Data Pribadi dan temuan audit keamanan SPBE."
        ),
    ),
    "cmdi": (
        "Injeksi perintah sistem",
        (
            "Server aplikasi OPD berada di Pusat Data Elektronik Daerah bersama aplikasi lain; perintah yang "
            "disusupkan memberi penyerang pijakan di jaringan Pemda dan akses ke data aplikasi lain."
        ),
    ),
    "code-injection": (
        "Injeksi kode (eval, unserialize, include dinamis, templat)",
        (
            "Eksekusi kode jarak jauh adalah jalan masuk web shell, deface situs *.go.id dan sisipan judi online "
            "yang sering menimpa situs pemerintah daerah."
        ),
    ),
    "xss": (
        "Cross-site scripting (XSS)",
        (
            "Admin dan operator OPD masuk dengan akun berhak tinggi; skrip sisipan dapat mencuri sesi mereka, "
            "mengubah isi situs resmi, atau mengarahkan warga ke situs palsu."
        ),
    ),
    "path-traversal": (
        "Path traversal",
        (
            "Layanan arsip dan dokumen menyimpan surat, SK dan berkas persyaratan warga; dengan ../ penyerang "
            "dapat mengunduh berkas orang lain atau berkas konfigurasi (.env, database.php) berisi kata sandi."
        ),
    ),
    "secrets": (
        "Kredensial dan kunci tertanam",
        (
            "Kode diserahkan vendor, disimpan di repositori dan dibaca banyak pihak (OPD, Diskominfo, auditor); "
            "rahasia di kode bocor ke semua pihak itu dan tetap ada di riwayat git walau barisnya dihapus."
        ),
    ),
    "weak-hash": (
        "Hash kata sandi lemah (MD5/SHA-1)",
        (
            "Hash MD5/SHA-1 dari basis data pengguna yang bocor dapat dipecahkan dalam hitungan menit, dan "
            "pegawai sering memakai kata sandi yang sama untuk SIMPEG, e-office dan surel dinas."
        ),
    ),
    "tls": (
        "Verifikasi TLS dimatikan",
        (
            "Aplikasi Pemda bertukar data dengan layanan pusat (Dukcapil, SIPD, OSS, BKN); tanpa verifikasi "
            "sertifikat, data warga dan token API dapat disadap atau dipalsukan di jaringan."
        ),
    ),
    "debug": (
        "Mode debug menyala di produksi",
        (
            "Halaman galat mode debug menampilkan kata sandi basis data, kunci aplikasi dan struktur kode kepada "
            "siapa pun; Rencana Induk SPBE 6.2.6 menuntut pengendalian akses dan keamanan informasi."
        ),
    ),
    "upload": (
        "Penanganan unggahan berkas yang tidak aman",
        (
            "Formulir unggah dokumen persyaratan ada di hampir setiap layanan publik; unggahan tanpa pemeriksaan "
            "adalah penyebab paling umum web shell pada situs pemerintah."
        ),
    ),
    "redirect": (
        "Pengalihan terbuka (open redirect)",
        (
            "Tautan berdomain *.go.id dipercaya warga; pengalihan terbuka membuat tautan resmi yang membawa warga "
            "ke halaman login palsu atau situs judi online."
        ),
    ),
    "ssrf": (
        "Server-side request forgery (SSRF)",
        (
            "Server aplikasi OPD dapat menjangkau layanan internal Pemda (SIAK, basis data kepegawaian, panel "
            "administrasi) yang tidak terbuka ke internet; SSRF menjadikan server itu jembatan penyerang."
        ),
    ),
    "cookie": (
        "Tanda cookie sesi yang tidak aman",
        (
            "Sesi operator dan admin OPD berhak tinggi; cookie tanpa HttpOnly/Secure dapat dicuri lewat XSS atau "
            "jaringan Wi-Fi publik di kantor pelayanan."
        ),
    ),
    "weak-random": (
        "Bilangan acak lemah untuk nilai keamanan",
        (
            "OTP, token reset kata sandi dan kode verifikasi surat melindungi akun warga dan keaslian dokumen; "
            "nilai dari rand()/Math.random() dapat ditebak."
        ),
    ),
}


def load_rules(pack: Path = PACK) -> list[tuple[str, dict[str, Any]]]:
    """(language directory, rule) for every rule, in page order."""
    rules = [
        (f.parent.name, r) for f in sorted(pack.glob("*/*.yaml")) for r in yaml.safe_load(f.read_text("utf-8"))["rules"]
    ]
    cats = list(CATEGORIES)
    return sorted(rules, key=lambda lr: (cats.index(lr[1]["id"].split(".")[2]), LANG_ORDER.index(lr[0]), lr[1]["id"]))


def rule_section(lang: str, rule: dict[str, Any]) -> list[str]:
    meta = rule["metadata"]
    what_id, what_en = rule["message"].split("\n")
    return [
        f"#### `{rule['id']}`",
        "",
        f"- **Bahasa:** {LANG_NAMES[lang]} · **Tingkat:** {SEVERITY[rule['severity']]} · "
        f"**Keyakinan:** {meta['confidence']}",
        f"- **CWE:** {meta['cwe']} · **OWASP:** {meta['owasp']}",
        f"- **Yang ditemukan:** {what_id}",
        f"- **Cara memperbaiki:** {meta['fix_id']}",
        f"- *English:* {what_en} *Fix:* {meta['fix_en']}",
        "",
    ]


def summary_table(rules: list[tuple[str, dict[str, Any]]]) -> list[str]:
    head = "| kategori | " + " | ".join(LANG_ORDER) + " |"
    lines = [head, "| --- |" + " ---: |" * len(LANG_ORDER)]
    for cat, (title, _) in CATEGORIES.items():
        counts = [sum(1 for lang, r in rules if lang == lg and r["id"].split(".")[2] == cat) for lg in LANG_ORDER]
        lines.append(f"| {title} | " + " | ".join(str(c) if c else "–" for c in counts) + " |")
    totals = [sum(1 for lang, _ in rules if lang == lg) for lg in LANG_ORDER]
    lines.append("| **jumlah** | " + " | ".join(f"**{t}**" for t in totals) + " |")
    return lines


INTRO = """# Aturan keamanan kode sumber (semgrep)

<!-- Dibuat oleh scripts/gen_semgrep_rules_doc.py dari checks/semgrep/; jangan disunting langsung. -->

Paket aturan semgrep milik repospbe ada di `checks/semgrep/<bahasa>/<kategori>.yaml`, ditulis untuk
bahasa yang benar-benar dipakai aplikasi OPD. Pemindai `semgrep` pada `repospbe scan` dan
`repospbe pipeline run` memakainya secara luring (`--metrics=off --disable-version-check`, tanpa
aturan dari registri semgrep). Pustaka pihak ketiga (`vendor/`, `node_modules/`, berkas `*.min.js`)
tidak dipindai kecuali diminta dengan `--include-third-party`.

Setiap aturan punya id tetap `repospbe.<bahasa>.<kategori>.<nama>`, pesan dalam Bahasa Indonesia
(baris pertama) dan Inggris (baris kedua), tingkat keparahan, CWE, OWASP Top 10 dan saran perbaikan
(`metadata.fix_id`). Setiap berkas aturan punya berkas uji di sebelahnya (nama dasar sama, misalnya
`php/sqli.yaml` dan `php/sqli.php`) dengan anotasi `ruleid:` (harus ditemukan) dan `ok:` (tidak boleh
ditemukan). Cara mengujinya:

```bash
cd "$REPOSPBE_SRC"          # clone repospbe Anda
semgrep --test --experimental --metrics=off --disable-version-check checks/semgrep   # atau .venv/bin/semgrep
```

Temuan yang keliru (*false positive*) diajukan sebagai pengecualian di `waivers.yaml` aplikasi, atau
ditandai di kode dengan komentar `nosemgrep: <id aturan>` beserta alasannya.
"""

OUTRO = """## English summary

This page is generated from `checks/semgrep/` by `scripts/gen_semgrep_rules_doc.py` (a test fails when
it is out of date). Every rule has a stable id `repospbe.<language>.<category>.<name>`, an Indonesian
then English message, a severity (ERROR maps to high and blocks by default, WARNING to medium, INFO to
low), CWE and OWASP metadata and an Indonesian fix hint (`fix_id`, English `fix_en`). Each rule file has
an annotated test file next to it; `semgrep --test checks/semgrep` checks them all, offline.
"""


def render(pack: Path = PACK) -> str:
    rules = load_rules(pack)
    out = [INTRO, "## Ringkasan", "", f"{len(rules)} aturan:", "", *summary_table(rules), ""]
    for cat, (title, why) in CATEGORIES.items():
        members = [(lang, r) for lang, r in rules if r["id"].split(".")[2] == cat]
        out += [f"## {title}", "", f"**Mengapa penting bagi aplikasi Pemda:** {why}", ""]
        for lang, rule in members:
            out += rule_section(lang, rule)
    out.append(OUTRO)
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = PAGE.read_text("utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE.relative_to(ROOT)} tidak mutakhir; jalankan: python scripts/gen_semgrep_rules_doc.py")
            return 1
        return 0
    PAGE.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
