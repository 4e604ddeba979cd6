"""Safe, strict YAML for registry files.

- PyYAML's C parser and composer for speed; the nodes become data in
  ``yamlnodes.build``, which refuses aliases (alias bombs), duplicate keys, deep
  nesting and non-core tags while building.
- Timestamps stay strings (JSON Schema sees what the user wrote).
- Size and encoding are checked before parsing.
- Line numbers for a given key path come from a second, line-aware parse of only
  the files that need them (``locate``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from repospbe.findings import Finding, Severity
from repospbe.yamlnodes import Refused, build

MAX_YAML_BYTES = 1024 * 1024
MAX_DEPTH = 64


@lru_cache(maxsize=65536)
def _resolve(kind: Any, value: Any, implicit: Any) -> Any:
    """The tag of a node without one: it depends only on these arguments (the core schema's
    implicit resolvers, no path resolvers), so it is resolved once per distinct value; the cache
    is called from C, without a Python frame, for the many scalars every registry repeats."""
    return yaml.resolver.BaseResolver.resolve(_RESOLVER, kind, value, implicit)  # type: ignore[no-untyped-call]


class _Loader(yaml.CSafeLoader):
    """C parser and composer; tags resolved once per distinct value (``_resolve``).

    No path resolvers are registered, so the composer's per-node calls to ``descend_resolver``
    and ``ascend_resolver`` do nothing: they are bound to builtins that do nothing either
    (``slice`` takes the two arguments, ``tuple`` none), which costs no Python frame."""

    resolve = staticmethod(_resolve)
    descend_resolver = staticmethod(slice)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]


_RESOLVER = _Loader("")  # whose (class-level) implicit resolvers ``_resolve`` applies


@dataclass(frozen=True)
class Loaded:
    """A parsed YAML file: its data (None when unreadable) and its text."""

    data: Any
    text: str
    findings: tuple[Finding, ...]


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_text(path: Path | str, rel: str, limit: int) -> tuple[str | None, list[Finding]]:
    """Read a UTF-8 regular file no larger than ``limit`` bytes, or say why not.

    Opened without following a link and without blocking (a FIFO swapped in after
    the walk neither hangs nor is read); the size is checked on the open file."""
    raw, problems = _read_regular(path, rel, limit)
    if raw is None:
        return None, problems
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [_encoding(rel, raw, exc)]


def read_utf8(path: Path | str, rel: str, limit: int) -> tuple[bytes | None, list[Finding]]:
    """``read_text``'s refusals, the bytes kept (an ASCII file is not decoded at all; any other is
    decoded once to validate it): the document checks scan bytes and decode only what they must."""
    raw, problems = _read_regular(path, rel, limit)
    if raw is None or raw.isascii():
        return raw, problems
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_encoding(rel, raw, exc)]
    return raw, []


def _encoding(rel: str, raw: bytes, exc: UnicodeDecodeError) -> Finding:
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return Finding.make("file.encoding", Severity.HIGH, path=rel, line=line, column=column)


def _read_regular(path: Path | str, rel: str, limit: int) -> tuple[bytes | None, list[Finding]]:
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return None, [Finding.make("file.unreadable", Severity.HIGH, path=rel, error=exc.strerror or str(exc))]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [Finding.make("layout.special-file", Severity.HIGH, path=rel)]
        if info.st_size > limit:
            return None, [Finding.make("file.too-large", Severity.HIGH, path=rel, size=info.st_size, limit=limit)]
        raw = _read_upto(fd, limit + 1, info.st_size + 1)
    except OSError as exc:
        return None, [Finding.make("file.unreadable", Severity.HIGH, path=rel, error=exc.strerror or str(exc))]
    finally:
        os.close(fd)
    if len(raw) > limit:  # grew after fstat
        return None, [Finding.make("file.too-large", Severity.HIGH, path=rel, size=len(raw), limit=limit)]
    return raw, []


def _read_upto(fd: int, most: int, expected: int) -> bytes:
    """Up to ``most`` bytes; the first read asks for the expected size (not the limit:
    a limit-sized buffer per file would cost an allocation of megabytes each time)."""
    chunks: list[bytes] = []
    total = 0
    want = min(most, max(expected, 1))
    while total < most:
        chunk = os.read(fd, want)
        chunks.append(chunk)
        total += len(chunk)
        if len(chunk) < want:  # a short read of a regular file is its end
            break
        want = min(most - total, 1024 * 1024)
    return b"".join(chunks)


def parse(text: str, rel: str) -> Loaded:
    """Parse YAML text strictly; problems become findings, never exceptions."""
    loader = _Loader(text)
    try:
        data = build(loader.get_single_node(), MAX_DEPTH, "&" in text or "*" in text)
    except Refused as exc:
        line, col = _mark(exc.mark)
        return Loaded(
            None, text, (Finding.make(exc.key, Severity.HIGH, path=rel, line=line, column=col, **exc.params),)
        )
    except yaml.MarkedYAMLError as exc:
        line, col = _mark(exc.problem_mark)
        detail = str(exc.problem or exc.context or "")
        if "nesting depth" in detail:  # libyaml's own limit, reached before ours
            return Loaded(
                None,
                text,
                (Finding.make("yaml.too-deep", Severity.HIGH, path=rel, line=line, column=col, limit=MAX_DEPTH),),
            )
        return Loaded(
            None, text, (Finding.make("yaml.syntax", Severity.HIGH, path=rel, line=line, column=col, detail=detail),)
        )
    except (yaml.YAMLError, RecursionError) as exc:
        return Loaded(None, text, (Finding.make("yaml.syntax", Severity.HIGH, path=rel, detail=type(exc).__name__),))
    finally:
        loader.dispose()
    return Loaded(data, text, ())


def load_file(path: Path | str, rel: str, limit: int = MAX_YAML_BYTES) -> Loaded:
    text, problems = read_text(path, rel, limit)
    if text is None:
        return Loaded(None, "", tuple(problems))
    return parse(text, rel)


def _mark(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return 0, 0
    return mark.line + 1, mark.column + 1


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the node at ``path`` (deepest existing part)."""
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return 0, 0
    if node is None:
        return 1, 1
    best = node.start_mark
    for part in path:
        child = _child(node, part)
        if child is None:
            break
        best, node = child.start_mark, child
    return best.line + 1, best.column + 1


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(part):
                return value_node  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part]  # type: ignore[no-any-return]
    return None
