"""Each app's own test requirements (``kebutuhan_uji`` in app.yaml) for the child pipeline's test jobs.

The registry check validates the list against ``checks/schemas/app.schema.json`` (a finding at
the app.yaml line); this module checks it again, with the same pattern, before a single value
reaches a job's ``pip install``: no URL, no pip option (``--extra-index-url``, ``-e``, ``-r``),
no local path, no whitespace. An app that declares nothing gets the pipeline's default
(``$REPOSPBE_APP_TEST_REQUIREMENTS``, pytest); an empty list installs nothing.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from repospbe.errors import InputError
from repospbe.pipeline.inputs import PolicyInputs, app_rel, policy_inputs

FIELD = "kebutuhan_uji"
_OP = r"(?:===|==|!=|~=|<=|>=|<|>)"
_VERSION = rf"{_OP}[A-Za-z0-9][A-Za-z0-9.*+!_-]*"
_EXTRA = r"[A-Za-z0-9][A-Za-z0-9._-]*"
# Kept equal to the schema's items.pattern (tests/gitlabci/test_testdeps.py).
PATTERN = (
    r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?"
    rf"(?:\[{_EXTRA}(?:,{_EXTRA})*\])?"
    rf"(?:{_VERSION}(?:,{_VERSION})*)?$"
)
DEFAULT = "pip install --quiet $REPOSPBE_APP_TEST_REQUIREMENTS"
Requirements = Mapping[str, Sequence[str] | None]


def app_test_requirements(
    root: Path, apps: Iterable[str], policy: PolicyInputs | None = None
) -> dict[str, list[str] | None]:
    """App key -> its declared test requirements (None: not declared), each value checked.
    ``policy``: a snapshot already holding these apps' records (else one is read)."""
    keys = list(apps)
    if policy is None:
        with policy_inputs(root, None, keys) as snap:
            return app_test_requirements(root, keys, snap)
    return {key: checked(app_rel(key), (policy.record(key) or {}).get(FIELD)) for key in keys}


def checked(where: str, value: object) -> list[str] | None:
    """The list, or InputError naming the file and the refused value; never a partial list."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > 50:
        raise InputError("gitlabci.test-requirements-invalid", where=where, value=str(value)[:120])
    for item in value:
        if not isinstance(item, str) or len(item) > 200 or not re.fullmatch(PATTERN, item):
            raise InputError("gitlabci.test-requirements-invalid", where=where, value=repr(item)[:120])
    return list(value)


def install_line(requirements: Sequence[str] | None) -> str | None:
    """The job's pip line: the default when not declared, none for an empty list."""
    if requirements is None:
        return DEFAULT
    if not requirements:
        return None
    # `--` ends pip's options: even a value that slipped through could not become one.
    return "pip install --quiet -- " + " ".join(shlex.quote(r) for r in requirements)
