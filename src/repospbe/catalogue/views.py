"""What the catalogue's pages are made from: one view per app and per OPD, and the whole.

The index pages ask each app the same questions many times (its name, whether it is compliant,
its link from a page) and sort the apps by name several times: each answer is kept while what it
is computed from is the same object (an app's record, its cells, unchanged since: ``Cells``
counts its changes), so a view changed after it was collected (a test adding governance records)
is answered afresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from repospbe.catalogue import compliance as comp
from repospbe.catalogue.collate import collation_key
from repospbe.catalogue.compliance import Cell
from repospbe.catalogue.markup import link
from repospbe.catalogue.site_model import app_page, opd_page, url
from repospbe.findings import Finding
from repospbe.governance.types import AuditEvent, Decision, Release
from repospbe.maturity.aggregate import Move
from repospbe.maturity.ladder import AppLevel
from repospbe.pipeline.record import AppRun, PipelineRecord
from repospbe.registry.instance import config_of
from repospbe.registry.model import Record, Registry


class Cells(dict[str, Cell]):
    """An app's cells: a ``dict`` that counts the changes made to it (``AppView.compliant`` is kept
    until the next one)."""

    __slots__ = ("changes",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.changes = 0

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied and pickled with its count (a view's kept answer names the count it was given at)."""
        return _restore, (dict(self), self.changes)

    def __setitem__(self, key: str, value: Cell) -> None:
        self.changes += 1
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.changes += 1
        super().__delitem__(key)

    def __ior__(self, other: Any) -> Cells:  # type: ignore[override,misc]
        self.changes += 1
        dict.update(self, other)
        return self

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.changes += 1
        super().update(*args, **kwargs)

    def pop(self, *args: Any) -> Any:
        self.changes += 1
        return super().pop(*args)

    def popitem(self) -> tuple[str, Cell]:
        self.changes += 1
        return super().popitem()

    def clear(self) -> None:
        self.changes += 1
        super().clear()

    def setdefault(self, key: str, default: Cell) -> Cell:
        self.changes += 1
        return super().setdefault(key, default)


def _restore(items: dict[str, Cell], changes: int) -> Cells:
    cells = Cells(items)
    cells.changes = changes
    return cells


@dataclass
class AppView:
    """One app as the catalogue shows it."""

    key: str
    record: Record
    findings: list[Finding]
    cells: dict[str, Cell]
    subdomains: list[str]
    waivers: list[Any] = field(default_factory=list)
    handover: list[tuple[str, Any]] = field(default_factory=list)
    pipeline: PipelineRecord | None = None
    app_run: AppRun | None = None
    decisions: list[Decision] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)
    pipelines: list[PipelineRecord] = field(default_factory=list)
    _compliant: tuple[object, int, bool] | None = field(default=None, init=False, repr=False, compare=False)
    _named: tuple[Record, str, bool] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def opd(self) -> str:
        return self.key.split("/", 1)[0]

    @property
    def slug(self) -> str:
        return self.key.split("/", 1)[1]

    def field(self, name: str, default: Any = "") -> Any:
        data = self.record.data
        return data.get(name, default) if isinstance(data, dict) else default

    def _naming(self) -> tuple[Record, str, bool]:
        """(the record, the name shown, whether it is an example), kept while the record is the same."""
        named = self._named
        if named is None or named[0] is not self.record:
            data = self.record.data
            name = str((data.get("nama", "") if isinstance(data, dict) else "") or self.slug)
            named = self._named = (self.record, name, comp.is_example(data))
        return named

    @property
    def name(self) -> str:
        return self._naming()[1]

    @property
    def compliant(self) -> bool:
        """``compliance.compliant`` of the cells (asked a dozen times per app by the pages: kept
        while the cells are the same object, unchanged since; a plain dict is compared whole)."""
        cells = self.cells
        kept = self._compliant
        if isinstance(cells, Cells):
            if kept is None or kept[0] is not cells or kept[1] != cells.changes:
                kept = self._compliant = (cells, cells.changes, comp.compliant(cells))
            return kept[2]
        snapshot = tuple(cells.items())
        if kept is None or kept[0] != snapshot:
            kept = self._compliant = (snapshot, 0, comp.compliant(cells))
        return kept[2]

    @property
    def example(self) -> bool:
        """Marked ``contoh: true``: shown with a CONTOH badge, never counted."""
        return self._naming()[2]

    @property
    def blocking(self) -> int:
        return sum(1 for f in self.findings if f.blocks())


@dataclass
class OpdView:
    code: str
    record: Record | None
    apps: list[str] = field(default_factory=list)
    subdomains: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.record.get("nama") or self.code) if self.record else self.code


@dataclass
class Catalogue:
    """Everything the pages are made from."""

    registry: Registry
    apps: dict[str, AppView]
    opds: dict[str, OpdView]
    global_findings: list[Finding]
    audit: list[AuditEvent]
    levels: dict[str, AppLevel] = field(default_factory=dict)
    level_ids: tuple[str, ...] = ()
    moves: list[Move] | None = None
    inputs: dict[str, str] = field(default_factory=dict)  # app -> its files' key (``findcache``), when known
    _order: tuple[tuple[object, ...], list[AppView]] | None = field(default=None, init=False, repr=False, compare=False)
    _hrefs: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _links: dict[tuple[str, str], tuple[object, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def title(self) -> str:
        return config_of(self.registry).pemda

    def counted(self, keys: list[str] | None = None) -> list[str]:
        """The apps that count in figures: every app not marked ``contoh: true``."""
        return [k for k in (self.apps if keys is None else keys) if not self.apps[k].example]

    def compliant_share(self, keys: list[str]) -> float:
        counted = self.counted(keys)
        return comp.percent(sum(1 for k in counted if self.apps[k].compliant), len(counted))

    def by_name(self) -> list[AppView]:
        """Every app by its name (``collation_key``), then its key: sorted once while the apps and
        their records are the same."""
        snapshot = (*self.apps.values(), *(a.record for a in self.apps.values()))
        if self._order is None or self._order[0] != snapshot:
            order = sorted(self.apps.values(), key=lambda a: (collation_key(a.name), a.key))
            self._order = (snapshot, order)
        return list(self._order[1])

    def href(self, page: str, target: str) -> str:
        """``url(page, target)``: it depends on the page's directory only, so it is kept per directory."""
        at = (page.rpartition("/")[0], target)  # the same head: the same directory
        found = self._hrefs.get(at)
        if found is None:
            found = self._hrefs[at] = url(page, target)
        return found

    def app_link(self, page: str, app: AppView) -> str:
        """The app's name linking to its page from ``page``, with the CONTOH badge when it is an example."""
        at, named = (page.rpartition("/")[0], app.key), app._naming()
        kept = self._links.get(at)
        if kept is None or kept[0] is not named:
            kept = self._links[at] = (named, comp.marked(link(self.href(page, app_page(app.key)), named[1]), named[2]))
        return kept[1]

    def opd_link(self, page: str, code: str) -> str:
        """The OPD's name linking to its page from ``page`` (``code`` is one of ``opds``)."""
        opd = self.opds[code]
        at = (page.rpartition("/")[0], "\0" + code)
        kept = self._links.get(at)
        if kept is None or kept[0] is not opd.record:
            kept = self._links[at] = (opd.record, link(self.href(page, opd_page(code)), opd.name))
        return kept[1]
