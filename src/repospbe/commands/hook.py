"""``repospbe hook install|pre-receive`` and ``repospbe reviewer signers``."""
from __future__ import annotations

import sys
from pathlib import Path

from repospbe import output
from repospbe.errors import PolicyError
from repospbe.governance import hook
from repospbe.governance.gitrepo import Repo
from repospbe.gitutil import hook_quarantine
from repospbe.governance.rules import SIGNERS_FILE, load_signers_from_worktree
from repospbe.i18n import resolve_lang, t
from repospbe.registry import find_root
from repospbe.writefile import write_atomic


def install(bare: Path, lang: str | None) -> int:
    target = hook.install(bare)
    output.console().print(t("gov.ui.hook-installed", resolve_lang(lang), file=str(target)), markup=False)
    return 0


def pre_receive(lang: str | None) -> int:
    lang = resolve_lang(lang)
    # git runs the hook in the bare repository with the pushed objects in a quarantine directory;
    # the runner inherits no environment, so those variables are passed on by name.
    repo = Repo(Path.cwd(), env=hook_quarantine(Path.cwd()))
    problems = hook.check_updates(repo, hook.read_updates(sys.stdin.read()))
    for ref, key, detail in problems:
        output.error(t("hook.refused", lang, ref=ref, reason=t(key, lang), detail=detail))
    return 1 if problems else 0


def signers(registry: Path | None, check_only: bool, lang: str | None) -> int:
    root = find_root(explicit=registry)
    text, count = load_signers_from_worktree(root)
    current = (root / SIGNERS_FILE).read_text(encoding="utf-8") if (root / SIGNERS_FILE).is_file() else ""
    if check_only:
        if current != text:
            raise PolicyError("signers.stale")
        return 0
    write_atomic(root / SIGNERS_FILE, text)
    output.console().print(t("gov.ui.signers-written", resolve_lang(lang), count=count), markup=False)
    return 0
