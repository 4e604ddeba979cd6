from __future__ import annotations

from pathlib import Path

from repospbe import output
from repospbe.backup.retention import apply_prune, plan_prune
from repospbe.i18n import resolve_lang, t


def backup_prune(directory: Path, keep_daily: int, keep_monthly: int, checksum: str | None, lang: str | None) -> int:
    """Show which sets retention would delete; delete them only with the plan's checksum."""
    lang = resolve_lang(lang)
    plan = plan_prune(directory, keep_daily, keep_monthly)
    con = output.console()
    for name in plan.keep:
        con.print(f"  [green]simpan[/]  {name}")
    for name in plan.delete:
        con.print(f"  [red]hapus[/]   {name}")
    con.print(t("backup.plan-checksum-show", lang, checksum=plan.checksum))
    if checksum is None:
        con.print(t("backup.plan-dry-run", lang))
        return 0
    deleted = apply_prune(directory, plan, checksum)
    con.print(t("backup.pruned", lang, count=str(len(deleted))))
    return 0
