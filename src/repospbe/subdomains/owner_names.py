"""The one naming rule of a subdomain's top label (seed 6.2.5.3, "Situs Web").

A subdomain is named after its owner OPD or one of that OPD's apps: the top label
(``dinkes`` in ``sipd.dinkes``) must be the OPD's code or one of its ``singkatan``,
the id or one of the ``singkatan`` of an app the OPD owns, a name approved for that
OPD in ``registry/dns/pengecualian-nama.yaml``, or, for Diskominfo only, a name
``reserved.txt`` keeps for it (``www``). ``repospbe new app --subdomain`` and
``repospbe new subdomain`` (through the ``subdomain.naming`` check) both ask here.
"""

from __future__ import annotations

from repospbe.registry.model import Record, Registry
from repospbe.subdomains.policy import EXCEPTIONS_FILE, dns_config, load_list, load_reserved
from repospbe.yamlio import MAX_YAML_BYTES, load_file, parse


def record_at(reg: Registry, rel: str, kind: str) -> Record | None:
    """A record by path: already parsed, or read now (selection runs)."""
    for rec in (*reg.subdomains.values(), *reg.apps.values(), *reg.opds.values()):
        if rec.path == rel:
            return rec
    if reg.unselected is not None and not reg.selected(rel):
        raw = reg.unselected(rel)
        if raw is None or len(raw) > MAX_YAML_BYTES:
            return None
        loaded = parse(raw.decode("utf-8", "replace"), rel)
    else:
        path = reg.root / rel
        if not path.is_file():
            return None
        loaded = load_file(path, rel)
    return Record(rel, kind, loaded.data, loaded.text) if loaded.data is not None else None


def app_record(reg: Registry, opd: str, app: str) -> Record | None:
    key = f"{opd}/{app}"
    if key not in reg.app_names:
        return None
    return reg.apps.get(key) or record_at(reg, reg.app_names[key], "app")


def opd_record(reg: Registry, opd: str) -> Record | None:
    if opd not in reg.opd_names:
        return None
    return reg.opds.get(opd) or record_at(reg, f"registry/opd/{opd}.yaml", "opd")


def allowed_names(reg: Registry, opd: str) -> set[str]:
    """Top labels the OPD may use: its code and aliases, its apps' ids and aliases
    (and, for Diskominfo, the names reserved for it)."""
    names = {opd}
    names |= _aliases(opd_record(reg, opd))
    if opd == dns_config(reg).diskominfo:
        names |= load_reserved(reg.root).for_diskominfo
    prefix = opd + "/"
    for key in reg.app_names:
        if key.startswith(prefix):
            app = key[len(prefix) :]
            names.add(app)
            names |= _aliases(app_record(reg, opd, app))
    return names


def _aliases(record: object) -> set[str]:
    get = getattr(record, "get", None)
    raw = get("singkatan") if get else None
    return {a.lower() for a in raw if isinstance(a, str)} if isinstance(raw, list) else set()


def approved_exception(reg: Registry, opd: str, label: str) -> bool:
    """``label`` is a naming exception Diskominfo approved for ``opd``."""
    exceptions = load_list(reg.root, EXCEPTIONS_FILE, "pengecualian")[0]
    return any(e.name == label and e.opd == opd for e in exceptions)


def permitted(reg: Registry, opd: str, label: str, new_app: str = "") -> bool:
    """Whether ``opd`` may name a subdomain ``label`` (``new_app``: the id of an app about
    to be created, which counts as one of the OPD's apps)."""
    top = label.lower().rsplit(".", 1)[-1]
    return top == new_app or top in allowed_names(reg, opd) or approved_exception(reg, opd, top)


def choices(reg: Registry, opd: str, new_app: str = "") -> str:
    """The names ``opd`` may choose from, for a message (the Diskominfo reserved names left out)."""
    names = allowed_names(reg, opd) - load_reserved(reg.root).for_diskominfo
    return ", ".join(sorted(names | ({new_app} if new_app else set())))
