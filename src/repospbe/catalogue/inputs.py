"""An app page and an app's exports keyed by their inputs, not by their rendered material.

Knowing that an app page is unchanged used to cost its material: every section of every
app rendered to HTML (all but the documents) only to be digested. The page and the exports
are functions of inputs the build already holds, so they are keyed by those instead:

- ``Catalogue.inputs[app]``: the findings cache's key of the app (``findcache``): the digest of
  ``engine.cache_basis`` (this whole package's code and locale texts, the interpreter and parser
  versions, ``instance.yaml``, reviewers, every OPD and subdomain record, every other
  registry-wide file such as the trust store, everything under ``checks/``, the document rules)
  and the path, kind and content digest of every file listed in the app's directory (record,
  documents, signed PDFs, waivers, handover manifests);
- the app as collected, less its record (in the files above): every check finding located in it
  (a registry-wide check that reports on it because of another app included), its compliance
  cells, subdomains, waivers, handover manifests and governance records (pipeline records,
  decisions, releases), written out with ``repr`` (the dataclasses of ``VIEW_TYPES``, mappings,
  lists, strings, numbers and dates: ``types_faithful``; a repr naming an object's address and
  there is no key);
- its place on the maturity ladder as its page shows it (``app_section_inputs``), the name of
  its OPD, the identity of the local advisory database (outside the registry:
  ``advisories.database.digest``), the build date when the app has waivers (an expired waiver
  is marked), its block of signed PDFs as judged now (empty for an app without: the judgement
  may depend on the date through revocation data) and, for the page, the reasons its
  publiccode.yml could not be made.

The site-wide inputs (generator code and versions, configuration, guides) are the manifest's
``common``: a build trusts nothing of the last one when they differ. An app that has no files
key (a file that could not be digested) has no inputs key: its page is keyed by its material
as before. A key says "same inputs", never more: the reused HTML is still checked against the
manifest (``reuse``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
from typing import Any

from repospbe.advisories import database
from repospbe.catalogue.collect import AppView, Catalogue
from repospbe.catalogue.compliance import Cell
from repospbe.catalogue.pages_maturity import app_section_inputs
from repospbe.catalogue.pages_signed import signed_block
from repospbe.catalogue.views import Cells
from repospbe.findings import Finding
from repospbe.governance.types import Decision, Release
from repospbe.maturity.ladder import AppLevel, CriterionResult
from repospbe.pipeline.record import AppRun, CheckStatus, PipelineRecord

FORMAT = "masukan-katalog/1"
_VIEW_FIELDS = tuple(f.name for f in dataclasses.fields(AppView) if f.name not in ("record", "_compliant") and f.repr)
_SCALARS = (str, int, float, bool, type(None))
VIEW_TYPES = (Finding, Cell, PipelineRecord, AppRun, CheckStatus, Decision, Release, AppLevel, CriterionResult)


class Inputs:
    """The inputs key of each app of one build (computed once, shared by page and exports)."""

    def __init__(self, cat: Catalogue, today: dt.date) -> None:
        self.cat, self.today = cat, today
        self.advisories = database.digest()
        self._keys: dict[str, str | None] = {}
        self._reprs: dict[tuple[object, ...], tuple[tuple[object, ...], str]] = {}  # ``_repr``

    def of(self, app: AppView) -> str | None:
        """The digest of everything ``app``'s page and exports read (None: not known)."""
        if app.key not in self._keys:
            self._keys[app.key] = self._compute(app)
        return self._keys[app.key]

    def page(self, app: AppView, missing: list[str] | None) -> str | None:
        """What the page is keyed by: the app's inputs and the reasons publiccode.yml is missing."""
        key = self.of(app)
        return None if key is None else f"{FORMAT}\0halaman\0{key}\0{missing!r}"

    def export(self, app: AppView, rel: str) -> str | None:
        key = self.of(app)
        return None if key is None else _digest(f"{FORMAT}\0ekspor\0{rel}\0{key}")

    def _compute(self, app: AppView) -> str | None:
        files = self.cat.inputs.get(app.key)
        if not files:
            return None
        parts = [self._repr(v, *_cells_shape(v)) if n == "cells" else repr(v) for n, v in _fields(app)]
        view = "(" + ", ".join(parts) + ")"  # the repr of their tuple
        opd = self.cat.opds[app.opd].name
        day = self.today.isoformat() if app.waivers else ""
        placed = app_section_inputs(self.cat.levels.get(app.key))
        level = self._repr(placed, *_level_shape(placed))
        signed = signed_block(self.cat.registry, app.key)  # "" without signed PDFs; judged as of now
        text = f"{FORMAT}\0{files}\0{self.advisories}\0{day}\0{opd!r}\0{view}\0{level}\0{signed}"
        if not types_faithful() or " object at 0x" in text:  # an object repr does not spell out
            return None
        return _digest(text)

    def _repr(self, value: object, shape: tuple[object, ...] | None, parts: tuple[object, ...] = ()) -> str:
        """``repr(value)``; kept by ``shape`` for the values most apps share (their cells, their place
        on the ladder): written once per build, not once per app. A shape names immutable ``parts``
        by identity: they are kept with the text, so no other object can take their identity."""
        if shape is None:
            return repr(value)
        found = self._reprs.get(shape)
        if found is None:
            found = self._reprs[shape] = (parts, repr(value))
        return found[1]


assert len(_VIEW_FIELDS) > 1  # ``_compute`` writes out their tuple as ``repr`` does a tuple of two or more


def _fields(app: AppView) -> list[tuple[str, object]]:
    return [(name, getattr(app, name)) for name in _VIEW_FIELDS]


def _cells_shape(value: object) -> tuple[tuple[object, ...] | None, tuple[object, ...]]:
    """For an app's cells (a mapping of ``str`` to ``Cell``, immutable): (the keys and which ``Cell``
    objects, the cells); (None, ()) for anything else."""
    if not isinstance(value, dict) or type(value) not in (dict, Cells):
        return None, ()
    names, cells = tuple(value), tuple(value.values())
    if set(map(type, cells)) - {Cell} or set(map(type, names)) - {str}:
        return None, ()
    return ("cells", type(value), *names, *map(id, cells)), cells


def _level_shape(value: tuple[object, ...] | None) -> tuple[tuple[object, ...] | None, tuple[object, ...]]:
    """The same for an app's place on the ladder as its page shows it (``app_section_inputs``):
    strings and ``CriterionResult`` objects (``maturity.ladder`` shares equal ones between apps)."""
    if value is None:
        return None, ()
    level, blocking, declared, accepted, missing = value
    if type(blocking) is not tuple or type(missing) is not tuple or set(map(type, blocking)) - {CriterionResult}:
        return None, ()
    if set(map(type, (level, declared, accepted, *missing))) - {str}:
        return None, ()
    return ("level", level, declared, accepted, missing, *map(id, blocking)), blocking


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@functools.cache
def types_faithful() -> bool:
    """Whether the classes an app's inputs are made of (``VIEW_TYPES``) are written out whole by
    ``repr``: the generated dataclass ``__repr__``, every field shown. The values themselves are
    not walked (that cost as much as the material); a test walks a rich registry's values with
    ``faithful`` and finds no other class."""
    return all(_generated_repr(cls) and all(f.repr for f in dataclasses.fields(cls)) for cls in VIEW_TYPES)


def faithful(value: Any, depth: int = 0) -> bool:
    """Whether ``repr(value)`` spells out all of it: scalars, enums, tuples, lists, mappings and
    dataclasses whose every field is shown (no custom ``__repr__``), nested not too deep."""
    if depth > 12:
        return False
    if type(value) in _SCALARS or isinstance(value, (enum.Enum, dt.date)):
        return True
    if type(value) in (list, tuple):
        return all(faithful(v, depth + 1) for v in value)
    if type(value) in (dict, Cells):  # an app's cells: a dict that counts its changes, written out as one
        return all(faithful(k, depth + 1) and faithful(v, depth + 1) for k, v in value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not _generated_repr(type(value)):
            return False
        fields = dataclasses.fields(value)
        return all(f.repr for f in fields) and all(faithful(getattr(value, f.name), depth + 1) for f in fields)
    return False


def _generated_repr(cls: type) -> bool:
    """Whether ``cls.__repr__`` is the one ``dataclasses`` wrote (compiled from a string)."""
    function = getattr(cls.__repr__, "__wrapped__", cls.__repr__)
    code = getattr(function, "__code__", None)
    return code is not None and code.co_filename == "<string>"
