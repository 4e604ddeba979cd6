"""Recognise a bundled library by its content: banners, module wrappers, minification.

A file is third-party when its first few kilobytes carry the banner or the module
wrapper of a well-known library (the table below), or when it is minified: a
``.min.js``/``.min.css`` name, or long lines with almost no whitespace (generated
bundles). Each pattern is a regular expression over the head of the file; group
``v`` is the version when the banner states one.
"""

from __future__ import annotations

import re
from pathlib import Path

HEAD_BYTES = 4096
SAMPLE_BYTES = 65536
MINIFIED_NAMES = (".min.js", ".min.css", "-min.js", ".min.mjs", ".bundle.min.js")
CONTENT_SUFFIXES = (".js", ".mjs", ".cjs", ".css")
_V = r"v?(?P<v>\d+\.\d+(?:\.\d+)?)"

FINGERPRINTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE | re.DOTALL))
    for name, pattern in (
        (
            "three.js",
            r"(?:Copyright 20\d\d(?:-20\d\d)? Three\.js Authors|\bthree\.module\.js\b)"
            r"(?:.{0,600}?REVISION = '(?P<v>\d+)')?",
        ),
        (
            "ace",
            r"Copyright \(c\) 2010, Ajax\.org B\.V\."
            r"|^\s*(?:ace\.)?define\(\s*[\"']ace/(?:mode|theme|ext|worker|snippets|keyboard)/",
        ),
        (
            "swagger-ui",
            r"swagger-ui(?:-bundle|-standalone-preset)?(?:\.js)?\b[^\n]{0,40}?"
            + _V
            + r"|SwaggerUIBundle|swagger-api/swagger-ui",
        ),
        ("jQuery", r"jQuery(?: JavaScript Library)? " + _V),
        ("Bootstrap", r"Bootstrap " + _V + r"[^\n]{0,40}getbootstrap"),
        ("Chart.js", r"Chart\.js " + _V + r"|https://www\.chartjs\.org"),
        ("Moment.js", r"//! moment\.js(?:\s*//! version : (?P<v>\d+\.\d+\.\d+))?"),
        (
            "Lodash",
            r"@license\s*\*?\s*Lodash(?: \(Custom Build\))?[^\n]{0,40}|lodash\.com/license|Lodash <https://lodash\.com/>",
        ),
        ("Vue.js", r"Vue\.js " + _V + r"|\(c\) 20\d\d-20\d\d Evan You"),
        ("React", r"@license React\b|react(?:-dom)?\.(?:production|development)(?:\.min)?\.js"),
        ("DataTables", r"DataTables " + _V),
        ("Select2", r"Select2 " + _V),
        ("SweetAlert2", r"sweetalert2 " + _V),
        ("Popper", r"@popperjs/core " + _V + r"|Popper\.js " + _V.replace("?P<v>", "")),
        ("TinyMCE", r"TinyMCE version " + _V),
        ("CKEditor", r"@license Copyright \(c\) 2003-20\d\d, CKSource"),
        ("Leaflet", r"Leaflet " + _V),
        ("Axios", r"[Aa]xios " + _V),
        ("Font Awesome", r"Font Awesome(?: Free)? " + _V),
        ("AngularJS", r"@license AngularJS " + _V),
    )
)


def library(head: str) -> tuple[str, str] | None:
    """(name, version or "") of the library whose fingerprint ``head`` carries."""
    for name, pattern in FINGERPRINTS:
        match = pattern.search(head)
        if match:
            return name, (match.groupdict().get("v") or "")
    return None


def is_minified(name: str, sample: str) -> bool:
    """A ``.min.*`` name, or long lines (> 500 characters on average, or one of 5,000)
    with under 10 % whitespace: generated code, nobody's source."""
    if name.endswith(MINIFIED_NAMES):
        return True
    if len(sample) < 2000:
        return False
    lines = sample.splitlines() or [sample]
    longest = max(len(ln) for ln in lines)
    average = len(sample) / len(lines)
    if longest < 5000 and average < 500:
        return False
    spaces = sum(1 for ch in sample if ch in " \t\n\r")
    return spaces / len(sample) < 0.10


def classify(path: Path) -> tuple[str, str, bool] | None:
    """(library, version, minified) for a bundled file, or None for source."""
    try:
        with open(path, "rb") as fh:
            sample = fh.read(SAMPLE_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    lib = library(sample[:HEAD_BYTES])
    minified = is_minified(path.name, sample)
    if lib is None and not minified:
        return None
    name, version = lib or ("", "")
    return name, version, minified
