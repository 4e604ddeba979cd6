"""``repospbe scan`` and ``repospbe pipeline run|generate``: checks over application sources."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from repospbe.cli_options import Fmt, Lang, RegistryOpt

ThirdPartyOpt = Annotated[bool, typer.Option("--include-third-party", help="Pindai juga kode pihak ketiga yang dibundel.")]
CacheOpt = Annotated[Optional[Path], typer.Option("--cache-dir", help="Direktori cache sumber dan hasil pindai.")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Jumlah pemindai yang berjalan bersamaan.")]
FailOn = Annotated[str, typer.Option("--fail-on", help="Tingkat terendah yang memblokir: critical|high|medium|low.")]
OutDir = Annotated[Optional[Path], typer.Option("--output-dir", help="Tulis semua format laporan dan catatan pipeline ke direktori ini.")]


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


def generate_cmd(
    changed_since: Annotated[str, typer.Option("--changed-since", help="Basis perubahan (SHA/ref).")],
    output_file: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
    registry: RegistryOpt = None,
) -> int:
    """Buat child pipeline GitLab: satu job per aplikasi yang berubah."""
    from repospbe.commands.pipeline_generate import pipeline_generate

    return pipeline_generate(changed_since, output_file, registry)


def register(app: typer.Typer) -> None:
    app.command("scan")(scan_cmd)
    pipeline_app = typer.Typer(help="Pipeline merge request: jalankan lokal atau buat child pipeline GitLab.",
                               no_args_is_help=True)
    pipeline_app.command("run")(pipeline_run_cmd)
    pipeline_app.command("generate")(generate_cmd)
    app.add_typer(pipeline_app, name="pipeline")
