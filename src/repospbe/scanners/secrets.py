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
"""

from __future__ import annotations

import re

from repospbe.findings import Finding, Severity
from repospbe.scanners import inline
from repospbe.scanners.base import ScanContext, ScanResult, run_json_tool
from repospbe.states import Status

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


def argv_for(ctx: ScanContext) -> list[str]:
    argv = [ctx.tool("detect-secrets"), "scan", "--all-files", "--no-verify", "--disable-filter", ALLOWLIST_FILTER]
    parts = [LOCK_FILES, TRANSLATIONS]
    parts += ["^" + re.escape(d) + "/" for d in ctx.exclusions.dirs]
    parts += ["^" + re.escape(f) + "$" for f in ctx.exclusions.files]
    argv += ["--exclude-files", "|".join(f"(?:{p})" for p in parts)]
    argv += ["--exclude-lines", INTEGRITY_LINES, "--exclude-secrets", LABELS]
    for plugin in DISABLED_PLUGINS:
        argv += ["--disable-plugin", plugin]
    argv.append(".")
    return argv


def run(ctx: ScanContext) -> ScanResult:
    data = run_json_tool("detect-secrets", argv_for(ctx), cwd=ctx.source, timeout=ctx.options.timeout)
    findings: list[Finding] = []
    for filename, items in sorted(data.get("results", {}).items()):
        for item in items:
            kind = str(item.get("type", "secret"))
            slug = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")
            findings.append(
                Finding.make(
                    f"secrets.{slug}",
                    Severity.HIGH,
                    "secrets.found.msg",
                    path=filename.removeprefix("./"),
                    line=int(item.get("line_number", 0)),
                    hint="secrets.found.hint",
                    tool="detect-secrets",
                    kind=kind,
                )
            )
    status = Status.FAILED if findings else Status.PASSED
    return ScanResult(tuple(findings) + inline.findings_for(ctx, "detect-secrets"), status, f"{len(findings)} temuan")
