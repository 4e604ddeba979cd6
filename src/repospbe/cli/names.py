"""OPD codes and app keys given on the command line: refused when unknown, with the near
misses (difflib) as a suggestion ("maksud Anda: dinkes?").

Only the registry listing is read (``registry/opd/<kode>.yaml``,
``registry/apps/<opd>/<app>/app.yaml``), plus each OPD's ``singkatan`` so that
``--opd Kominfo`` suggests the code ``diskominfo``."""

from __future__ import annotations

import difflib
from pathlib import Path

from repospbe.errors import InputError
from repospbe.yamlio import load_file

MAX_SUGGESTIONS = 3
CUTOFF = 0.6


def opd_codes(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "registry/opd").glob("*.yaml") if p.is_file())


def app_keys(root: Path) -> list[str]:
    apps = root / "registry/apps"
    return sorted(p.parent.relative_to(apps).as_posix() for p in apps.glob("*/*/app.yaml") if p.is_file())


def near(value: str, candidates: list[str], aliases: dict[str, str] | None = None) -> list[str]:
    """Up to three candidates close to ``value``; an exact alias (any case) first."""
    out: list[str] = []
    hit = (aliases or {}).get(value.lower())
    if hit:
        out.append(hit)
    for name in difflib.get_close_matches(value.lower(), candidates, n=MAX_SUGGESTIONS, cutoff=CUTOFF):
        if name not in out:
            out.append(name)
    return out[:MAX_SUGGESTIONS]


def _opd_aliases(root: Path, codes: list[str]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for code in codes:
        rel = f"registry/opd/{code}.yaml"
        data = load_file(root / rel, rel).data
        raw = data.get("singkatan") if isinstance(data, dict) else None
        for alias in raw if isinstance(raw, list) else []:
            if isinstance(alias, str):
                aliases.setdefault(alias.lower(), code)
    return aliases


def require_opd(root: Path, opd: str) -> None:
    """InputError (exit 2) unless ``opd`` is a registered OPD code; near misses suggested."""
    codes = opd_codes(root)
    if opd in codes:
        return
    guesses = near(opd, codes, _opd_aliases(root, codes))
    if guesses:
        raise InputError("devux.unknown-opd-suggest", opd=opd, suggestion=", ".join(guesses))
    raise InputError("devux.unknown-opd", opd=opd)


def require_app(root: Path, key: str) -> None:
    """InputError (exit 2) unless ``key`` (``opd/app``) is a registered app; near misses suggested.

    A bare app id that names exactly one registered app is suggested in its full form."""
    keys = app_keys(root)
    if key in keys:
        return
    by_id = [k for k in keys if k.split("/", 1)[1] == key.rsplit("/", 1)[-1]]
    guesses = by_id or near(key, keys)
    if not guesses:  # a typo in the app part, the OPD right: compare the ids of that OPD's apps
        opd, _, app = key.rpartition("/")
        ids = [k.split("/", 1)[1] for k in keys if k.startswith(f"{opd}/")]
        guesses = [f"{opd}/{g}" for g in near(app, ids)]
    if guesses:
        raise InputError("devux.unknown-app-suggest", app=key, suggestion=", ".join(guesses[:MAX_SUGGESTIONS]))
    raise InputError("devux.unknown-app", app=key)
