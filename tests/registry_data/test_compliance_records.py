"""Obligation 9 on real governance records: a green pipeline record and a verified approval make an
app count as recorded (summary) and fill the catalogue's Pipeline and Persetujuan cells; without
them nothing is a pass."""

from __future__ import annotations

import pytest

from repospbe.catalogue.collect import collect
from repospbe.summary.collect import summarize
from tests.governance.conftest import Gov, gov, keyring  # noqa: F401 - fixtures
from tests.governance.test_gov_deploy import released_app  # noqa: F401 - fixture

pytestmark = pytest.mark.slow
EXAMPLE = "diskominfo/si-uji"


def test_recorded_app_is_compliant_and_unrecorded_is_not(released_app: Gov) -> None:  # noqa: F811
    s = summarize(released_app.root)
    apps = {a.key: a for o in s.opds for a in o.apps}
    merged = apps[EXAMPLE]
    assert merged.recorded and merged.blocking == 0 and merged.compliant
    view = collect(released_app.root).apps[EXAMPLE]
    assert (view.cells["pipeline"].status, view.cells["persetujuan"].status) == ("ok", "ok")
    assert view.compliant
    # the same app added straight to main, without a merge request, has no record: not compliant
    app_yaml = (released_app.root / "registry" / "apps" / EXAMPLE / "app.yaml").read_text(encoding="utf-8")
    other = EXAMPLE.replace("si-uji", "si-lain")
    released_app.write(f"registry/apps/{other}/app.yaml", app_yaml.replace("si-uji", "si-lain"))
    s = summarize(released_app.root)
    lain = next(a for o in s.opds for a in o.apps if a.key == other)
    assert (lain.recorded, lain.compliant) == (False, False)
    cat = collect(released_app.root)
    assert cat.apps[other].cells["pipeline"].status == "belum" and not cat.apps[other].compliant
