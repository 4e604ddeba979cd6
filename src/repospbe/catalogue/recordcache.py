"""Parsed ``app.yaml`` records kept between catalogue builds, keyed by the digest of their text.

Parsing 2,000 records is a fifth of a second; most are unchanged between builds. The load
(``lean``) still reads every record (its load problems, its digest); a record whose text has
the digest of an entry is given that entry's data instead of being parsed again. Only data
that a JSON round trip gives back exactly (the same types, values and mapping order, compared
by ``repr``) and that parsed without a finding is kept. An entry holds the data as JSON text (an
unchanged record's entry is written out again as it was read, never encoded again). The entries
travel in the findings cache file (``findcache``, under ``rekaman``), so they are verified the
same way: the file is the one the last manifest names, and each entry is checked here.
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring, encode_basestring_ascii  # ``json.dumps`` of a string
from typing import Any

from repospbe.catalogue.exportcache import is_plain
from repospbe.yamlio import Loaded, parse


class RecordCache:
    """rel -> [sha256 of the record's text, its parsed data as JSON text]: the last build's and this one's."""

    def __init__(self, old: Any = None) -> None:
        self.old: dict[str, Any] = old if isinstance(old, dict) else {}
        self.new: dict[str, str] = {}  # rel -> the entry as JSON text (no second copy of the data)
        self.hits = 0

    def parse(self, text: str, rel: str) -> tuple[Loaded, str]:
        """``yamlio.parse(text, rel)`` (from the last build's entry when the text is the same) and
        the digest of the text."""
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        entry = self.old.get(rel)
        if type(entry) is list and len(entry) == 2 and entry[0] == key and type(entry[1]) is str:
            try:
                data = json.loads(entry[1])  # JSON: plain data only
            except ValueError:
                pass
            else:
                self.hits += 1
                self.new[rel] = f'["{key}",{encode_basestring(entry[1])}]'  # ``_dump([key, entry[1]])``
                return Loaded(data, text, ()), key
        loaded = parse(text, rel)
        if not loaded.findings and is_plain(loaded.data):
            try:
                dumped = _dump(loaded.data)
                same = repr(json.loads(dumped)) == repr(loaded.data)
            except (TypeError, ValueError):
                same = False
            if same:
                self.new[rel] = _dump([key, dumped])
        return loaded, key

    def entries_json(self) -> str:
        """This build's entries as one JSON object (rel -> [digest, data as JSON text])."""
        return "{" + ",".join(f"{encode_basestring_ascii(rel)}:{self.new[rel]}" for rel in sorted(self.new)) + "}"


def _dump(entry: Any) -> str:
    """``json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(",", ":"))`` (one encoder, made once)."""
    return _ENCODER.encode(entry)


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
