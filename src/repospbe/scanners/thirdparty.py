"""third-party: bundled libraries are found, kept out of SAST, and inventoried.

Detected: dependency directories (vendor/, node_modules/, bower_components/,
third_party/, ...), minified bundles (``*.min.js``, ``*.min.css``), copied
frameworks (CodeIgniter's ``system/``, WordPress core, ...) and files whose
header names a well-known library with a version. The inventory is a CycloneDX
SBOM (``sbom.cdx.json``) built from the lock files and manifests present.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.scanners.base import ScanContext, ScanResult, ThirdParty
from repospbe.scanners.sbom import build_sbom
from repospbe.states import Status

VENDOR_DIRS = frozenset(
    {"vendor", "node_modules", "bower_components", "jspm_packages", "third_party", "third-party", "thirdparty"}
)
MINIFIED = (".min.js", ".min.css", "-min.js", ".min.mjs")
# A file that marks a copied framework, and the directory (relative to it) to exclude.
FRAMEWORK_MARKERS = {
    "system/core/CodeIgniter.php": ("system", "CodeIgniter"),
    "wp-includes/version.php": ("wp-includes", "WordPress"),
    "wp-admin/admin.php": ("wp-admin", "WordPress"),
}
_HEADER_RE = re.compile(
    r"(jQuery|Bootstrap|Vue\.js|AngularJS|React|Lodash|Moment\.js|Chart\.js|DataTables|Select2|"
    r"Font Awesome|SweetAlert2?|Popper|TinyMCE|CKEditor|Leaflet|Axios)[^\n]{0,40}?\bv?(\d+\.\d+(?:\.\d+)?)",
)
_SCRIPT_EXT = (".js", ".css", ".mjs")


def detect(tree: Path) -> ThirdParty:
    """Walk ``tree`` once (links not followed) and name its bundled code."""
    dirs: list[str] = []
    files: list[str] = []
    libs: list[tuple[str, str, str]] = []
    for dirpath, dirnames, filenames in os.walk(tree):
        rel_dir = Path(dirpath).relative_to(tree).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        keep = []
        for d in sorted(dirnames):
            if d in VENDOR_DIRS:
                dirs.append(prefix + d)
            else:
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            rel = prefix + name
            for marker, (sub, _fw) in FRAMEWORK_MARKERS.items():
                if rel.endswith(marker) and (rel == marker or rel.endswith("/" + marker)):
                    dirs.append(rel[: len(rel) - len(marker)] + sub)
            if name.endswith(_SCRIPT_EXT):
                lib = _library(Path(dirpath) / name)
                if lib or name.endswith(MINIFIED):
                    files.append(rel)
                if lib:
                    libs.append((rel, *lib))
    dirs = sorted(set(dirs))
    files = [f for f in files if not any(f.startswith(d + "/") for d in dirs)]
    return ThirdParty(tuple(dirs), tuple(sorted(files)), tuple(libs))


def _library(path: Path) -> tuple[str, str] | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(600).decode("utf-8", "replace")
    except OSError:
        return None
    match = _HEADER_RE.search(head)
    return (match.group(1), match.group(2)) if match else None


def run(ctx: ScanContext) -> ScanResult:
    tp = ctx.third_party
    findings = [
        Finding.make(
            "third-party.bundled",
            Severity.INFO,
            "third-party.bundled.msg",
            path=rel,
            hint="third-party.bundled.hint",
            scanned="ya" if ctx.options.include_third_party else "tidak",
        )
        for rel in (*tp.dirs, *tp.files)
    ]
    sbom, count, problems = build_sbom(ctx.source, tp, name=ctx.app.key if ctx.app else ctx.source.name)
    findings += problems
    detail = f"{len(tp.dirs)} direktori, {len(tp.files)} berkas pustaka; SBOM {count} komponen"
    return ScanResult(tuple(findings), Status.PASSED, detail, (("sbom.cdx.json", sbom),))
