"""JUnit XML: one testsuite per check group, one testcase per finding.

Only a blocking finding (high or critical, the pipeline's default threshold) is a
``<failure>``; a lower one is a passing testcase whose text is in ``<system-out>``, so a
CI test report counts as failed exactly what blocks the pipeline.

A check group that ran and found nothing gets one passing testcase, so a CI
test report shows what was checked, not only what failed. ``ElementTree``
escapes every attribute and text; characters XML cannot hold are replaced.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from repospbe.findings import Finding, Severity
from repospbe.formatters.base import ReportMeta
from repospbe.formatters.common import group_of, ordered, utc, xml_text
from repospbe.i18n import t

FAILS_AT = Severity.HIGH


def format_junit(findings: list[Finding], meta: ReportMeta) -> str:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in ordered(findings):
        groups[group_of(finding.check_id)].append(finding)
    for check in meta.checks:
        groups.setdefault(group_of(check), [])
    root = ET.Element(
        "testsuites",
        {
            "name": xml_text(meta.title),
            "tests": str(sum(max(len(v), 1) for v in groups.values())),
            "failures": str(sum(f.blocks(FAILS_AT) for f in findings)),
            "errors": "0",
            "time": _seconds(meta),
        },
    )
    for name in sorted(groups):
        root.append(_suite(name, groups[name], meta))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _suite(name: str, members: list[Finding], meta: ReportMeta) -> ET.Element:
    suite = ET.Element(
        "testsuite",
        {
            "name": xml_text(name),
            "tests": str(max(len(members), 1)),
            "failures": str(sum(f.blocks(FAILS_AT) for f in members)),
            "errors": "0",
            "skipped": "0",
            "timestamp": utc(meta.started).strftime("%Y-%m-%dT%H:%M:%S"),
        },
    )
    if not members:
        ET.SubElement(suite, "testcase", {"classname": xml_text(f"repospbe.{name}"), "name": xml_text(name)})
    for finding in members:
        suite.append(_case(name, finding, meta.lang))
    return suite


def _case(group: str, finding: Finding, lang: str) -> ET.Element:
    where = finding.location or "-"
    case = ET.Element(
        "testcase",
        {
            "classname": xml_text(f"repospbe.{group}"),
            "name": xml_text(f"{finding.check_id} {where}"),
            "file": xml_text(finding.path),
        },
    )
    if finding.line:
        case.set("line", str(finding.line))
    message = finding.text(lang)
    lines = [f"{finding.severity.value.upper()} {where} {finding.check_id}", message]
    hint = finding.hint_text(lang)
    if hint:
        lines.append(t("report.hint-label", lang) + " " + hint)
    if finding.blocks(FAILS_AT):
        failure = ET.SubElement(case, "failure", {"message": xml_text(message), "type": finding.severity.value})
        failure.text = xml_text("\n".join(lines))
    else:
        ET.SubElement(case, "system-out").text = xml_text("\n".join(lines))
    return case


def _seconds(meta: ReportMeta) -> str:
    delta = (meta.finished - meta.started).total_seconds()
    return f"{max(delta, 0.0):.3f}"
