"""Command line: parse, dispatch to ``commands/<verb>.py``, nothing else."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional, Sequence

import typer

from repospbe.commands.summary import summary_command
from repospbe.error_handler import guarded

app = typer.Typer(
    name="repospbe",
    help="Repositori Aplikasi SPBE — registri, pipeline dan katalog aplikasi Pemda.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from repospbe.cli_scaffold import handover_app, new_app, template_app  # noqa: E402

app.add_typer(new_app, name="new")
app.add_typer(template_app, name="template")
app.add_typer(handover_app, name="handover")


@app.callback()
def _root() -> None:
    """Repositori Aplikasi SPBE."""


Lang = Annotated[Optional[str], typer.Option("--lang", help="Bahasa pesan: id (bawaan) atau en.")]
RegistryOpt = Annotated[
    Optional[Path], typer.Option("--registry", help="Akar repositori registri (bawaan: cari ke atas).")
]
Fmt = Annotated[str, typer.Option("--format", "-f", help="text|json|junit|sarif|codequality|markdown|gitlab-sast")]


@app.command("check")
def check_cmd(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Bagian registri yang diperiksa.")] = None,
    registry: RegistryOpt = None,
    changed_since: Annotated[Optional[str], typer.Option("--changed-since", help="Periksa hanya yang berubah sejak REF.")] = None,
    fmt: Fmt = "text",
    output_file: Annotated[Optional[Path], typer.Option("--output", "-o", help="Tulis laporan ke berkas.")] = None,
    lang: Lang = None,
) -> int:
    """Periksa registri: skema, rujukan silang, dokumen wajib."""
    from repospbe.commands.check import check

    return check(paths or [], registry, changed_since, fmt, output_file, lang)


app.command("summary")(summary_command)

from repospbe.cli_backup import backup_app  # noqa: E402

app.add_typer(backup_app, name="backup")

from repospbe.cli_gitlab import generate_cmd, gitlab_app  # noqa: E402

app.add_typer(gitlab_app, name="gitlab")
pipeline_app = typer.Typer(help="Pipeline merge request: jalankan lokal atau buat child pipeline GitLab.", no_args_is_help=True)
pipeline_app.command("generate")(generate_cmd)
app.add_typer(pipeline_app, name="pipeline")

from repospbe.cli_dns import dns_app  # noqa: E402

app.add_typer(dns_app, name="dns")

from repospbe.cli_subdomain import new_subdomain_cmd  # noqa: E402

new_app.command("subdomain")(new_subdomain_cmd)

from repospbe.cli_catalogue import catalogue_app  # noqa: E402

app.add_typer(catalogue_app, name="catalogue")


ThirdPartyOpt = Annotated[bool, typer.Option("--include-third-party", help="Pindai juga kode pihak ketiga yang dibundel.")]
CacheOpt = Annotated[Optional[Path], typer.Option("--cache-dir", help="Direktori cache sumber dan hasil pindai.")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Jumlah pemindai yang berjalan bersamaan.")]
FailOn = Annotated[str, typer.Option("--fail-on", help="Tingkat terendah yang memblokir: critical|high|medium|low.")]
OutDir = Annotated[Optional[Path], typer.Option("--output-dir", help="Tulis semua format laporan dan catatan pipeline ke direktori ini.")]


@app.command("scan")
def scan_cmd(
    target: Annotated[Optional[str], typer.Argument(help="Aplikasi terdaftar: <opd>/<aplikasi>.")] = None,
    path: Annotated[Optional[Path], typer.Option("--path", help="Pindai direktori atau repositori tanpa rekaman registri.")] = None,
    registry: RegistryOpt = None,
    fmt: Fmt = "text",
    output_dir: OutDir = None,
    include_third_party: ThirdPartyOpt = False,
    cache_dir: CacheOpt = None,
    jobs: JobsOpt = None,
    test_command: Annotated[Optional[str], typer.Option("--test-command", help="Perintah uji (untuk --path).")] = None,
    rules: Annotated[Optional[Path], typer.Option("--rules", help="Direktori aturan semgrep (bawaan: checks/semgrep).")] = None,
    fail_on: FailOn = "high",
    stage: Annotated[Optional[str], typer.Option("--stage", help="Hanya pemeriksaan satu tahap (pipelines/stages.yaml).")] = None,
    lang: Lang = None,
) -> int:
    """Pindai kode sumber: semgrep, bandit, rahasia, dokumentasi prosedur, uji, lisensi, pihak ketiga."""
    from repospbe.commands.scan import scan

    return scan(target, path, registry, fmt, output_dir, include_third_party, cache_dir, jobs, test_command, rules,
                fail_on, lang, stage)




@pipeline_app.command("run")
def pipeline_run_cmd(
    registry: RegistryOpt = None,
    changed_since: Annotated[Optional[str], typer.Option("--changed-since", help="Hanya aplikasi yang berubah sejak REF.")] = None,
    fmt: Fmt = "text",
    output_dir: OutDir = None,
    include_third_party: ThirdPartyOpt = False,
    cache_dir: CacheOpt = None,
    jobs: JobsOpt = None,
    fail_on: FailOn = "high",
    opener: Annotated[Optional[Path], typer.Option("--opener", help="Kunci publik SSH pembuka perubahan: periksa kepemilikan.")] = None,
    lang: Lang = None,
) -> int:
    """Jalankan pipeline: pemeriksaan registri dan pemindaian sumber aplikasi yang berubah."""
    from repospbe.commands.pipeline import pipeline_run

    return pipeline_run(registry, changed_since, fmt, output_dir, include_third_party, cache_dir, jobs, fail_on, lang,
                        opener)

__import__("repospbe.cli_maturity").cli_maturity.register(app)  # maturity, evidence export
__import__("repospbe.cli_governance").cli_governance.register(app)  # governance: mr, deploy, audit, hook, reviewer


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from(args)

    def run() -> int:
        result = app(args=args, prog_name="repospbe", standalone_mode=False)
        return int(result) if isinstance(result, int) else 0

    return guarded(run, lang)


def _lang_from(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
