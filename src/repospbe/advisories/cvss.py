"""CVSS v3.x base scores, for advisories that carry a vector but no textual severity.

OSV advisories name their severity as ``severity: [{type: CVSS_V3, score: "CVSS:3.1/AV:N/..."}]``;
GHSA adds a word (``database_specific.severity``), which wins when present. The base score is
computed with the formula of the CVSS v3.1 specification (section 7), and the score's
qualitative rating (section 5) is the advisory's severity. A vector that is malformed or of
another version gives ``None`` (the caller keeps its default), never a guessed score.
"""

from __future__ import annotations

import math

_WEIGHTS: dict[str, dict[str, float]] = {
    "AV": {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
    "AC": {"L": 0.77, "H": 0.44},
    "UI": {"N": 0.85, "R": 0.62},
    "C": {"H": 0.56, "L": 0.22, "N": 0.0},
    "I": {"H": 0.56, "L": 0.22, "N": 0.0},
    "A": {"H": 0.56, "L": 0.22, "N": 0.0},
}
_PRIVILEGES = {"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}}
_BASE = ("AV", "AC", "PR", "UI", "S", "C", "I", "A")


def _roundup(value: float) -> float:
    """The specification's Roundup: the smallest one-decimal number >= value, float-safe."""
    whole = round(value * 100_000)
    return whole / 100_000.0 if whole % 10_000 == 0 else (math.floor(whole / 10_000) + 1) / 10.0


def _metrics(vector: str) -> dict[str, str] | None:
    parts = vector.strip().split("/")
    if not parts or parts[0] not in ("CVSS:3.0", "CVSS:3.1"):
        return None
    metrics: dict[str, str] = {}
    for part in parts[1:]:
        name, sep, value = part.partition(":")
        if not sep or name in metrics:
            return None
        metrics[name] = value
    if any(m not in metrics for m in _BASE) or metrics["S"] not in _PRIVILEGES:
        return None
    if any(metrics[m] not in weights for m, weights in _WEIGHTS.items()):
        return None
    return metrics if metrics["PR"] in _PRIVILEGES[metrics["S"]] else None


def base_score(vector: str) -> float | None:
    """The CVSS v3.x base score of ``vector`` (0.0-10.0), or None when it is not a valid v3 vector."""
    m = _metrics(vector)
    if m is None:
        return None
    w = {name: _WEIGHTS[name][m[name]] for name in _WEIGHTS}
    changed = m["S"] == "C"
    iss = 1 - (1 - w["C"]) * (1 - w["I"]) * (1 - w["A"])
    impact = 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 if changed else 6.42 * iss
    exploitability = 8.22 * w["AV"] * w["AC"] * _PRIVILEGES[m["S"]][m["PR"]] * w["UI"]
    if impact <= 0:
        return 0.0
    total = 1.08 * (impact + exploitability) if changed else impact + exploitability
    return _roundup(min(total, 10.0))


def rating(score: float) -> str:
    """The qualitative rating of a base score: NONE, LOW, MEDIUM, HIGH or CRITICAL."""
    if score == 0:
        return "NONE"
    if score < 4.0:
        return "LOW"
    if score < 7.0:
        return "MEDIUM"
    return "HIGH" if score < 9.0 else "CRITICAL"


def severity_of(entries: object) -> str:
    """The rating of the first valid CVSS v3 vector in an OSV ``severity`` list, else ""."""
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict) and entry.get("type") == "CVSS_V3" and isinstance(entry.get("score"), str):
            score = base_score(entry["score"])
            if score is not None:
                return rating(score)
    return ""
