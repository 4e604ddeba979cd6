"""A cheap line pre-filter in front of detect-secrets (issue 17).

detect-secrets calls every plugin on every line; on a large tree that per-call overhead,
not the regexes, is the cost. Here one combined regex, built from the enabled plugins
themselves, picks the *candidate* lines: those on which at least one plugin could report.
A shadow tree holds only what detect-secrets still has to read, and line numbers are
mapped back. Why no finding can be lost, plugin by plugin:

* regex plugins (AWS, GitHub, Slack, private key, JWT, ...): their own ``denylist``
  patterns, with their flags; a plugin reports on a line only if one of them matches it;
* keyword plugin: the patterns it uses for the file's type (``REGEX_BY_FILETYPE``),
  with their flags; it reports on a line only if one of them matches it (the test is
  built per file type);
* high-entropy plugins: a reported string is a run of the plugin's charset whose Shannon
  entropy reaches the limit, and a string of n characters has at most log2(n) bits, so
  the run is at least floor(2 ** limit) characters long (quotes not required here).

Lines are tested exactly as detect-secrets sees them (``readlines``, ``rstrip``). Files
whose lines detect-secrets may rewrite are copied whole: its YAML transformer (``.yaml``),
its config-file transformer (a file whose first line that is neither blank nor an INI
comment opens an INI section: ``[``), and, for files of no known type (``.ts``, ``.tsx``,
``.vue``, ``.mjs``, ``.json``, ``.env``, ...: detect-secrets types them OTHER), its *eager*
config-file transformer, which reads the file as INI under an added ``[global]`` header and
quotes every value when the lines as they are held no secret. Such a file is reduced only
when that parse fails both for the file and for its reduced copy (``configparser`` as
detect-secrets calls it; a first significant line without ``=`` or ``:`` fails it at once,
and stays first in the copy). All files are copied whole when an enabled plugin is of an
unknown kind.
"""

from __future__ import annotations

import configparser
import math
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.plugins import keyword
from detect_secrets.plugins.base import RegexBasedDetector
from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin
from detect_secrets.util.filetype import FileType, determine_file_type

# File types whose lines detect-secrets reads as they are (no transformer rewrites them).
REDUCIBLE = frozenset(
    {
        FileType.CLS,
        FileType.GO,
        FileType.JAVA,
        FileType.JAVASCRIPT,
        FileType.PHP,
        FileType.OBJECTIVE_C,
        FileType.PYTHON,
        FileType.SWIFT,
        FileType.TERRAFORM,
        FileType.C_SHARP,
        FileType.C,
        FileType.C_PLUS_PLUS,
    }
)
# Files of no known type: reduced only when the eager INI parse fails (module docstring).
GUARDED = frozenset({FileType.OTHER})
_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"))


@dataclass
class Shadow:
    """The tree detect-secrets reads; ``lines[path][k]`` is the original number of line k+1."""

    root: Path
    lines: dict[str, list[int]] = field(default_factory=dict)
    made: set[Path] = field(default_factory=set)
    whole: int = 0
    reduced: int = 0
    skipped: int = 0

    def original_line(self, path: str, line: int) -> int:
        numbers = self.lines.get(path)
        return numbers[line - 1] if numbers and 0 < line <= len(numbers) else line


@dataclass(frozen=True)
class Candidates:
    """Patterns of which at least one matches any line an enabled plugin could report."""

    patterns: tuple[re.Pattern[str], ...]

    def search(self, line: str) -> bool:
        return any(p.search(line) for p in self.patterns)


def candidate_regex(disabled: Iterable[str], filetype: FileType = FileType.OTHER) -> Candidates | None:
    """The candidate-line test of the enabled plugins on a file of ``filetype``; None if unsure."""
    off = set(disabled)
    parts: list[str] = []
    classes: list[Any] = list(get_mapping_from_secret_type_to_class().values())
    for cls in classes:
        if cls.__name__ in off:
            continue
        if issubclass(cls, HighEntropyStringsPlugin):
            plugin = cls()  # the subclasses default their limit
            length = max(1, math.floor(2**plugin.entropy_limit))
            parts.append(f"[{re.escape(plugin.charset)}]{{{length},}}")
        elif issubclass(cls, keyword.KeywordDetector):
            table = keyword.REGEX_BY_FILETYPE.get(filetype, keyword.QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP)
            parts += [_scoped(rx) for rx in table]
        elif issubclass(cls, RegexBasedDetector):
            parts += [_scoped(rx) for rx in cls().denylist]
        else:
            return None
    # Back-references and named groups would change meaning inside one alternation.
    alone = [p for p in parts if _SELF_REFERENCING.search(p)]
    joined = [p for p in parts if not _SELF_REFERENCING.search(p)]
    try:
        return Candidates(tuple(re.compile(p) for p in ["|".join(joined), *alone] if p))
    except re.error:
        return None


_SELF_REFERENCING = re.compile(r"\\[1-9]|\(\?P[<=]|\\g<")


def candidates_by_type(disabled: Iterable[str]) -> dict[FileType, Candidates | None]:
    """The candidate-line test of every file type whose lines may be dropped."""
    off = tuple(disabled)
    return {filetype: candidate_regex(off, filetype) for filetype in REDUCIBLE | GUARDED}


def build(
    source: Path,
    dest: Path,
    candidates: dict[FileType, Candidates | None],
    excluded: re.Pattern[str],
    skip_dirs: Iterable[str] = (),
) -> Shadow:
    """Write into ``dest`` what detect-secrets must read of ``source`` (walked as it walks).

    ``skip_dirs`` (relative paths) are not entered: the caller's ``excluded`` drops every
    file under them anyway (third-party directories: most of a web app's files)."""
    shadow = Shadow(dest)
    root = os.path.realpath(source)
    skip = set(skip_dirs)
    seen: set[str] = set()
    for rel in _files(root, skip):
        if rel not in seen:
            seen.add(rel)
            if not excluded.search(rel):
                _place(shadow, Path(root, rel), rel, candidates.get(determine_file_type(rel)))
    return shadow


def _files(root: str, skip: set[str]) -> Iterable[str]:
    """Every file as detect-secrets names it: by its real path relative to ``root`` (a link by
    its target's), not at all if that is outside the tree or not a file; directory links are
    not followed. One ``scandir`` per directory, ``realpath`` for links only."""
    pending = [""]
    while pending:
        rel_dir = pending.pop()
        try:
            with os.scandir(os.path.join(root, rel_dir)) as listing:
                entries = list(listing)
        except OSError:  # unreadable: os.walk (and detect-secrets) pass over it as well
            continue
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.is_symlink():
                real = os.path.realpath(entry.path)
                if real.startswith(root + os.sep) and os.path.isfile(real):
                    yield real[len(root) + 1 :]
            elif entry.is_dir(follow_symlinks=False):
                if rel not in skip:
                    pending.append(rel)
            elif entry.is_file(follow_symlinks=False):
                yield rel


def _place(shadow: Shadow, path: Path, rel: str, candidate: Candidates | None) -> None:
    target = shadow.root / rel
    if candidate is None:  # not a reducible type, or a plugin of unknown kind
        _copy(shadow, path, target)
        return
    try:
        with open(path, encoding="utf-8") as handle:  # as detect-secrets opens it (LC_ALL=C.UTF-8)
            lines = handle.readlines()
    except (OSError, UnicodeDecodeError):  # detect-secrets skips these files as well
        shadow.skipped += 1
        return
    guarded = determine_file_type(rel) in GUARDED
    first = _first_significant(lines)
    if (first is not None and lines[first].lstrip().startswith("[")) or (guarded and first is None):
        _copy(shadow, path, target)  # may parse as an INI file: detect-secrets rewrites it
        return
    unsure = guarded and not (first is not None and _fails_at_once(lines[first]))
    if unsure and _parses_as_ini("".join(lines)):
        _copy(shadow, path, target)
        return
    kept = [i for i, line in enumerate(lines) if candidate.search(line.rstrip())]
    if not kept:
        shadow.skipped += 1
        return
    # The first significant line stays first, so the INI parses fail the same way.
    kept = sorted({first, *kept}) if first is not None else kept
    if len(kept) == len(lines):
        _copy(shadow, path, target)
        return
    text = "".join(lines[i] if lines[i].endswith("\n") else lines[i] + "\n" for i in kept)
    if unsure and _parses_as_ini(text):
        _copy(shadow, path, target)
        return
    _parent(shadow, target)
    target.write_text(text, encoding="utf-8")  # as detect-secrets reads it
    shadow.lines[rel] = [i + 1 for i in kept]
    shadow.reduced += 1


def _first_significant(lines: list[str]) -> int | None:
    """The first line configparser reads (neither blank nor a ``#``/``;`` comment)."""
    return next((i for i, line in enumerate(lines) if line.strip() and not line.strip().startswith(("#", ";"))), None)


def _fails_at_once(line: str) -> bool:
    """Under the ``[global]`` header a first line with no ``=`` or ``:`` is not an option: the parse fails."""
    return "=" not in line and ":" not in line


def _parses_as_ini(text: str) -> bool:
    """Whether detect-secrets' eager config transformer can read ``text`` (its ``IniFileParser``)."""
    parser = configparser.ConfigParser()
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    try:
        parser.read_string("[global]\n" + text)
    except configparser.Error:
        return False
    except Exception:  # noqa: BLE001 - anything else: not sure, so the file is read whole
        return True
    return True


def _copy(shadow: Shadow, path: Path, target: Path) -> None:
    _parent(shadow, target)
    try:
        shutil.copyfile(path, target)
    except OSError:  # a dangling link: detect-secrets cannot open it either
        shadow.skipped += 1
        return
    shadow.whole += 1


def _scoped(rx: re.Pattern[str]) -> str:
    flags = "".join(letter for flag, letter in _FLAGS if rx.flags & flag)
    return f"(?{flags}:{rx.pattern})" if flags else f"(?:{rx.pattern})"


def _parent(shadow: Shadow, target: Path) -> None:
    if target.parent not in shadow.made:
        target.parent.mkdir(parents=True, exist_ok=True)
        shadow.made.add(target.parent)
