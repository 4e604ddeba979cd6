"""The guide runner itself: markers, chaining, and a failing block reported with file:line and output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.guides.guide_runner import GuideError, parse_guide, run_session, session_blocks


def _write(tmp_path: Path, name: str, text: str) -> Path:
    guides = tmp_path / "panduan"
    guides.mkdir(exist_ok=True)
    (guides / name).write_text(text, encoding="utf-8")
    return guides


def test_only_bash_and_sh_blocks_are_collected_with_their_markers() -> None:
    text = (
        "# Judul\n\n```bash\necho satu\n```\n\n```console\n$ echo bukan\n```\n\n"
        "<!-- uji: lewati; butuh server GitLab -->\n```sh\ncurl x\n```\n\n"
        "<!-- uji: gagal; penolakan yang disengaja -->\n```bash\nfalse\n```\n\n"
        "```yaml\na: 1\n```\n\n```bash title\nnot me\n```\n"
    )
    guide = parse_guide("g.md", text)
    assert [(b.line, b.mode) for b in guide.blocks] == [(3, "run"), (12, "lewati"), (17, "gagal")]
    assert guide.blocks[1].reason == "butuh server GitLab"
    assert guide.blocks[0].code == "echo satu\n"


def test_indented_fences_in_lists_are_dedented() -> None:
    guide = parse_guide("g.md", "1. Langkah:\n\n   ```bash\n   echo a\n     echo b\n   ```\n")
    assert guide.blocks[0].code == "echo a\n  echo b\n"


@pytest.mark.parametrize(
    "text",
    [
        "<!-- uji: lewati -->\n```bash\nx\n```\n",
        "<!-- uji: lewati;   -->\n```bash\nx\n```\n",
        "<!-- uji: skip; alasan -->\n```bash\nx\n```\n",
        "<!-- uji: lewati; alasan -->\n```yaml\nx: 1\n```\n",
        "```bash\nx\n",
        "```bash\nx\n```\n<!-- uji: lanjutan a.md -->\n",
    ],
)
def test_malformed_markers_are_refused(text: str) -> None:
    with pytest.raises(GuideError):
        parse_guide("g.md", text)


def test_continuation_runs_the_earlier_guide_first_and_refuses_cycles(tmp_path: Path) -> None:
    guides = _write(tmp_path, "a.md", "```bash\nmkdir dari-a\n```\n")
    _write(tmp_path, "b.md", "<!-- uji: lanjutan a.md -->\n# B\n```bash\ntest -d dari-a\n```\n")
    assert [b.guide for b in session_blocks("b.md", guides)] == ["a.md", "b.md"]
    assert run_session(session_blocks("b.md", guides), tmp_path / "run").ok
    _write(tmp_path, "c.md", "<!-- uji: lanjutan d.md -->\n")
    _write(tmp_path, "d.md", "<!-- uji: lanjutan c.md -->\n")
    with pytest.raises(GuideError, match="berputar"):
        session_blocks("c.md", guides)
    _write(tmp_path, "e.md", "<!-- uji: lanjutan tidak-ada.md -->\n")
    with pytest.raises(GuideError, match="tidak ada"):
        session_blocks("e.md", guides)


def test_one_session_keeps_cwd_and_variables_and_environment(tmp_path: Path) -> None:
    text = (
        "```bash\nmkdir proyek && cd proyek\nNAMA=budi\n```\n"
        '```sh\ntest "$(basename "$PWD")" = proyek\ntest "$NAMA" = budi\n'
        'test -f "$REPOSPBE_SRC/pyproject.toml"\ntest "$HOME" != /root\ncommand -v repospbe\n'
        "git config user.name\n```\n"
    )
    guides = _write(tmp_path, "g.md", text)
    outcome = run_session(session_blocks("g.md", guides), tmp_path / "run")
    assert outcome.ok, outcome.report()


def test_failing_block_is_reported_with_file_line_and_output(tmp_path: Path) -> None:
    text = "# G\n\n```bash\necho pertama\n```\n\n```bash\necho 'pesan penting' >&2\nfalse\necho tidak-sampai\n```\n"
    guides = _write(tmp_path, "g.md", text)
    outcome = run_session(session_blocks("g.md", guides), tmp_path / "run")
    assert not outcome.ok
    assert outcome.failed is not None and outcome.failed.where == "docs/panduan/g.md:7"
    assert "pesan penting" in outcome.output and "tidak-sampai" not in outcome.output
    assert "docs/panduan/g.md:7" in outcome.report()


def test_pipefail_is_on(tmp_path: Path) -> None:
    guides = _write(tmp_path, "g.md", "```bash\nfalse | cat\n```\n")
    assert not run_session(session_blocks("g.md", guides), tmp_path / "run").ok


def test_expected_failure_must_fail_and_does_not_stop_the_session(tmp_path: Path) -> None:
    ok = "<!-- uji: gagal; ditolak -->\n```bash\nexit 3\n```\n```bash\necho lanjut\n```\n"
    guides = _write(tmp_path, "ok.md", ok)
    assert run_session(session_blocks("ok.md", guides), tmp_path / "r1").ok
    bad = "<!-- uji: gagal; ditolak -->\n```bash\ntrue\n```\n"
    _write(tmp_path, "bad.md", bad)
    outcome = run_session(session_blocks("bad.md", guides), tmp_path / "r2")
    assert not outcome.ok and outcome.failed is not None and outcome.failed.line == 2
    assert "berhasil" in outcome.detail


def test_skipped_blocks_are_not_run(tmp_path: Path) -> None:
    guides = _write(tmp_path, "g.md", "<!-- uji: lewati; ilustrasi -->\n```bash\nfalse\n```\n")
    assert run_session(session_blocks("g.md", guides), tmp_path / "run").ok


def test_an_early_exit_is_not_a_pass(tmp_path: Path) -> None:
    guides = _write(tmp_path, "g.md", "```bash\nexit 0\n```\n```bash\nfalse\n```\n")
    assert not run_session(session_blocks("g.md", guides), tmp_path / "run").ok
