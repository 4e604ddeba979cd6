"""Words for what a reviewer reads: each decision's effective status, and what a merge request's
state means (merged, closed, ready, or blocked with each problem in words and a hint)."""

from __future__ import annotations

from repospbe.governance import evidence as evs
from repospbe.governance.assess import Assessment
from repospbe.governance.forge import MergeRequestInfo
from repospbe.governance.gitrepo import Repo
from repospbe.governance.standing import IN_FORCE, SUPERSEDED, Standing
from repospbe.governance.wording import problem_lines
from repospbe.i18n import t
from repospbe.states import MRState


def standing_text(st: Standing, a: Assessment | None, lang: str) -> str:
    """A decision's effective status in words (``repospbe.governance.standing.effective_status``)."""
    if st.status == IN_FORCE:
        return t("gov.ui.counted", lang)
    if st.status == SUPERSEDED:
        later = next((d for d in a.decisions if d.name == st.superseded_by), None) if a else None
        return t("decision.verdict.digantikan", lang, reviewer=later.reviewer if later else "?", name=st.superseded_by)
    detail = t("decision.stale-head", lang) if st.problem == "usang" else t(f"mr.dp.{st.problem}", lang)
    return t(f"decision.verdict.{st.status}", lang, detail=detail)


def outcome(repo: Repo, info: MergeRequestInfo, a: Assessment, lang: str) -> list[str]:
    """The last lines of ``mr show``: merged, closed, ready, or what blocks it (each with a hint)."""
    if info.state == MRState.MERGED:
        status = evs.load(repo, a.number)
        st = status.status if status else {}
        approvers = ", ".join(sorted(d.reviewer for d in a.approvals)) or "-"
        return [
            t(
                "review.merged",
                lang,
                branch=str(st.get("target", info.target_branch)),
                commit=str(st.get("commit", "?")),
                time=str(st.get("waktu", "?")),
                approvers=approvers,
            )
        ]
    if info.state == MRState.CLOSED:
        return [t("review.closed", lang)]
    if a.mergeable:
        return [t("gov.ui.ready", lang, have=len(a.approvals), need=a.required)]
    return [t("gov.ui.blocked", lang), *problem_lines(a.problems, lang)]
