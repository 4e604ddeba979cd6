"""secrets: detect-secrets over the source, offline and without verification.

A finding names the kind of secret and where it is, never the secret itself
(not even its hash). Inline allowlist comments (``pragma: allowlist secret``) are not
honoured (detect-secrets' allowlist filter is disabled): each one is an info finding
(``repospbe.scanners.inline``). Bundled third-party code is excluded unless asked.

What is not read, because it floods the report with non-secrets (issue 17):

* lock files and their copies (``package-lock.json``, ``*.lock``, ``pnpm-lock.yaml``,
  ``package-lock.json.bak``, ...): their content is package hashes;
* package integrity lines anywhere (``"integrity": "sha512-…"``, ``"resolved"`` URLs,
  ``shasum``/``checksum`` fields);
* translation files (``resources/lang/``, ``lang/``, ``locales/``, ``i18n/``,
  ``translations/``: their json/php/yaml/po/properties files), whose values are labels;
* values that are plain words, i.e. labels such as ``"Password"`` or
  ``'Pusher App Secret'`` (a capitalised word or several words separated by spaces,
  no digits or symbols).

Real secrets remain found: provider keys (AWS, GitHub, Slack, ...), private key blocks,
``KEY=value`` in a committed ``.env`` and high-entropy tokens in code.

detect-secrets reads a shadow tree holding only the lines on which an enabled plugin
could report (``repospbe.scanners.secrets_prefilter``): the same results, a fraction
of the cost (issue 17: 15 % of a scan's CPU before, 3-6 % after, benchmarks/bench_secrets.py;
issue 19: files detect-secrets types OTHER, such as ``.ts``, ``.vue`` and ``.json``, are
reduced too, 1.35 s to 0.55 s CPU on a 400-file TypeScript app, benchmarks/bench_scan.py --js).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repospbe.findings import Finding, Severity
from repospbe.scanners import inline
from repospbe.scanners.base import ScanContext, ScanResult, run_json_tool
from repospbe.states import Status

if TYPE_CHECKING:  # imported when run (detect-secrets' plugins: 80 ms a warm re-run does not need)
    from repospbe.scanners.secrets_prefilter import Shadow

ALLOWLIST_FILTER = "detect_secrets.filters.allowlist.is_line_allowlisted"
LOCK_FILES = (
    r"(?:^|/)(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.ya?ml|yarn\.lock|composer\.lock|poetry\.lock"
    r"|Pipfile\.lock|Gemfile\.lock|Cargo\.lock|go\.sum|[^/]+\.lock)(?:\.(?:bak|orig|old|backup|save|copy|tmp|\d+)|~)*$"
)
TRANSLATIONS = (
    r"(?:^|/)(?:lang|langs|locale|locales|i18n|l10n|translations?)/(?:[^/]+/)*[^/]+"
    r"\.(?:json|php|ya?ml|po|pot|properties|xlf|xliff|arb|ini)$"
)
INTEGRITY_LINES = r"""^\s*"?(?:integrity|resolved|shasum|checksum|sha1|sha256|sha512)"?\s*[:=]"""
# Not run: a public IP address is not a secret (and floods configs); the others detect
# tokens of services Pemda apps do not use (IBM Cloud, SoftLayer, Cloudant, Artifactory,
# Square). Each plugin costs a call per line of every file (measured: these seven are
# ~12 % of detect-secrets' time on benchmarks/bench_secrets.py), and a quoted random token
# of such a service is still caught by the high-entropy detectors.
DISABLED_PLUGINS = (
    "IPPublicDetector",
    "IbmCloudIamDetector",
    "IbmCosHmacDetector",
    "SoftlayerDetector",
    "CloudantDetector",
    "ArtifactoryDetector",
    "SquareOAuthDetector",
)
LABELS = r"^(?:[A-Z][a-z]+|[A-Za-z][a-z]*(?: [A-Za-z][a-z]*)+)$"


def basis(ctx: ScanContext) -> str:
    return f"tp={ctx.options.include_third_party}"


def exclude_files(ctx: ScanContext) -> str:
    parts = [LOCK_FILES, TRANSLATIONS]
    parts += ["^" + re.escape(d) + "/" for d in ctx.exclusions.dirs]
    parts += ["^" + re.escape(f) + "$" for f in ctx.exclusions.files]
    return "|".join(f"(?:{p})" for p in parts)


def argv_for(ctx: ScanContext) -> list[str]:
    argv = [ctx.tool("detect-secrets"), "scan", "--all-files", "--no-verify", "--disable-filter", ALLOWLIST_FILTER]
    argv += ["--exclude-files", exclude_files(ctx)]
    argv += ["--exclude-lines", INTEGRITY_LINES, "--exclude-secrets", LABELS]
    for plugin in DISABLED_PLUGINS:
        argv += ["--disable-plugin", plugin]
    argv.append(".")
    return argv


def raw_results(ctx: ScanContext, *, prefilter: bool = True) -> list[tuple[str, int, str]]:
    """(path, line, kind) of every detect-secrets result, sorted.

    With ``prefilter`` (the default) detect-secrets reads only the candidate lines
    (``repospbe.scanners.secrets_prefilter``); without it, the whole tree as it is.
    Both give the same results (tests/scanners/test_secrets_prefilter.py).
    """
    if not prefilter:
        return _results(_detect(ctx, ctx.source), None)
    from repospbe.scanners import secrets_prefilter

    candidates = secrets_prefilter.candidates_by_type(DISABLED_PLUGINS)
    with tempfile.TemporaryDirectory(prefix="repospbe-secrets-") as tmp:
        excluded = re.compile(exclude_files(ctx))
        shadow = secrets_prefilter.build(ctx.source, Path(tmp), candidates, excluded, ctx.exclusions.dirs)
        return _results(_detect(ctx, shadow.root), shadow)


def _detect(ctx: ScanContext, cwd: Path) -> dict[str, Any]:
    return run_json_tool("detect-secrets", argv_for(ctx), cwd=cwd, timeout=ctx.options.timeout)


def _results(data: dict[str, Any], shadow: Shadow | None) -> list[tuple[str, int, str]]:
    out: list[tuple[str, int, str]] = []
    for filename, items in data.get("results", {}).items():
        path = str(filename).removeprefix("./")
        for item in items:
            line = int(item.get("line_number", 0))
            out.append((path, shadow.original_line(path, line) if shadow else line, str(item.get("type", "secret"))))
    return sorted(out)


def run(ctx: ScanContext) -> ScanResult:
    findings: list[Finding] = []
    for path, line, kind in raw_results(ctx):
        slug = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")
        findings.append(
            Finding.make(
                f"secrets.{slug}",
                Severity.HIGH,
                "secrets.found.msg",
                path=path,
                line=line,
                hint="secrets.found.hint",
                tool="detect-secrets",
                kind=kind,
            )
        )
    status = Status.FAILED if findings else Status.PASSED
    return ScanResult(tuple(findings) + inline.findings_for(ctx, "detect-secrets"), status, f"{len(findings)} temuan")
