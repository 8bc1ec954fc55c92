"""Reports for everyone who signs in, governors included: the overview charts and account status.
Counted through moderator/act/review.py's rule, like every other read."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from moderator.console import charts, queries
from moderator.console.web import current_user, db, render
from moderator.tables import User

router = APIRouter()


@router.get("/overview", response_class=HTMLResponse)
def overview_page(request: Request, user: User = Depends(current_user), session: Session = Depends(db)):
    ov = queries.overview(session, user, today=request.app.state.clock().date())
    per_day = charts.column_chart(
        [(f"{d:%a %d %b}: {n} comments posted, {h} hidden", n, f"{d:%d %b}" if i % 7 == 0 else "")
         for i, (d, n, h) in enumerate(ov.days)],
        title="Comments per day", summary=f"{ov.totals['comments']} comments posted in the last 30 days")
    by_signal = charts.bar_list(ov.signals, title="Hidden, by reason",
                                summary=f"{ov.totals['hidden']} of them hidden by the service")
    review_chart = charts.bar_list(ov.review_buckets, title="Time to review",
                                   summary="How long items waited for a person's decision")
    overturned = charts.paired_chart(
        [(f"posted in the week of {wk:%d %b}", a, b, f"{wk:%d %b}") for wk, a, b in ov.overturned_weeks],
        title="Decisions overturned",
        summary=f"{ov.totals['restored']} of {ov.totals['hidden']} hidden comments restored by a person")
    return render(request, "overview.html", {"ov": ov, "per_day": per_day, "by_signal": by_signal,
                                             "review": review_chart, "overturned": overturned})


@router.get("/status", response_class=HTMLResponse)
def status_page(request: Request, user: User = Depends(current_user), session: Session = Depends(db)):
    return render(request, "status.html", {"accounts": queries.account_status(session, user)})
