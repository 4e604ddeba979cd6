"""Assertions on the ``artifacts:reports`` files GitLab would ingest."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from tests.helpers.git import REPO_ROOT

SAST_SCHEMA = REPO_ROOT / "checks/schemas/vendor/gitlab-sast-report-format-15.0.7.json"


def job_reports(root: Path, ci_file: Path, job: str) -> dict[str, Path]:
    """The job's declared ``artifacts:reports`` (kind -> file), read from the expanded YAML."""
    doc = yaml.safe_load(ci_file.read_text())
    reports: dict[str, str] = doc[job]["artifacts"].get("reports", {})
    return {kind: root / rel for kind, rel in reports.items()}


def assert_reports(reports: dict[str, Path]) -> dict[str, Any]:
    """Every report exists and is what GitLab accepts; returns the parsed reports."""
    parsed: dict[str, Any] = {}
    for kind, path in reports.items():
        assert path.is_file(), f"{kind}: {path} missing"
        if kind == "sast":
            data = json.loads(path.read_text())
            jsonschema.validate(data, json.loads(SAST_SCHEMA.read_text()))
            parsed[kind] = data
        elif kind == "junit":
            tree = ET.parse(path).getroot()
            assert tree.tag in ("testsuites", "testsuite")
            parsed[kind] = tree
        elif kind == "codequality":
            data = json.loads(path.read_text())
            assert isinstance(data, list)
            for issue in data:
                assert {"description", "check_name", "fingerprint", "severity", "location"} <= issue.keys()
                assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
                assert issue["location"]["path"] and "begin" in issue["location"]["lines"]
            parsed[kind] = data
        elif kind == "dependency_scanning":
            data = json.loads(path.read_text())
            assert data["scan"]["type"] == "dependency_scanning" and data["scan"]["status"] in ("success", "failure")
            for vuln in data["vulnerabilities"]:
                assert vuln["identifiers"] and vuln["location"]["dependency"]["package"]["name"]
                assert vuln["location"]["file"] and vuln["severity"]
            parsed[kind] = data
        else:
            raise AssertionError(f"unexpected report kind {kind}")
    return parsed


def junit_counts(root: ET.Element) -> tuple[int, int]:
    """(tests, failures + errors) over every testsuite."""
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    tests = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    return tests, bad
