"""third-party: bundled libraries are found, kept out of SAST, and inventoried.

This decides what is first-party for every scanner. Detected: dependency directories
(node_modules/, bower_components/, third_party/, ... and ``vendor/``, except a
``vendor/`` inside ``views``/``lang``/``templates``: Laravel's
``resources/views/vendor/`` holds the app's own overridden views and stays
first-party), copied frameworks (CodeIgniter's ``system/``, WordPress core, ...),
and files recognised by content (``repospbe.scanners.fingerprints``): the banner or
module wrapper of a known library (three.js, ace and its ``mode-*`` files,
swagger-ui, jQuery, Bootstrap, Chart.js, Moment, Lodash, Vue, React, ...) or a
minified bundle (``.min.js`` or long lines with almost no whitespace). The inventory is a CycloneDX
SBOM (``sbom.cdx.json``) built from the lock files and manifests present.
"""

from __future__ import annotations

import os
from pathlib import Path

from repospbe.findings import Finding, Severity
from repospbe.scanners import fingerprints
from repospbe.scanners.base import ScanContext, ScanResult, ThirdParty
from repospbe.scanners.sbom import build_sbom
from repospbe.states import Status

VENDOR_DIRS = frozenset(
    {"vendor", "node_modules", "bower_components", "jspm_packages", "third_party", "third-party", "thirdparty"}
)
# A directory under one of these holds the app's own overrides (Laravel's
# ``resources/views/vendor/``, ``resources/lang/vendor/``, ``lang/vendor/``): first-party.
OWN_OVERRIDES = frozenset({"views", "lang", "templates", "emails"})
# A file that marks a copied framework, and the directory (relative to it) to exclude.
FRAMEWORK_MARKERS = {
    "system/core/CodeIgniter.php": ("system", "CodeIgniter"),
    "wp-includes/version.php": ("wp-includes", "WordPress"),
    "wp-admin/admin.php": ("wp-admin", "WordPress"),
}


def is_vendor_dir(rel_parent: str, name: str) -> bool:
    """``node_modules`` and its kin always; ``vendor`` unless it is inside views or
    language files (the app's published and overridden copies, which it maintains)."""
    if name not in VENDOR_DIRS:
        return False
    if name != "vendor":
        return True
    return not any(part in OWN_OVERRIDES for part in rel_parent.split("/") if part)


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
            if is_vendor_dir(rel_dir if prefix else "", d):
                dirs.append(prefix + d)
            else:
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            rel = prefix + name
            for marker, (sub, _fw) in FRAMEWORK_MARKERS.items():
                if rel.endswith(marker) and (rel == marker or rel.endswith("/" + marker)):
                    dirs.append(rel[: len(rel) - len(marker)] + sub)
            if name.endswith(fingerprints.CONTENT_SUFFIXES) and not os.path.islink(os.path.join(dirpath, name)):
                found = fingerprints.classify(Path(dirpath) / name)
                if found is not None:
                    files.append(rel)
                    if found[0]:
                        libs.append((rel, found[0], found[1]))
    dirs = sorted(set(dirs))
    files = [f for f in files if not any(f.startswith(d + "/") for d in dirs)]
    return ThirdParty(tuple(dirs), tuple(sorted(files)), tuple(libs))


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
