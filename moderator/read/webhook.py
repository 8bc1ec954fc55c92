"""Facebook Page ``feed`` webhooks (reference/platform-apis.md §1.9): an ASGI app that ingests
comment add / edit / remove events at once, so the worker analyses and hides them on its next step.

Polling stays the source of truth: this only speeds things up, never moves an account's polling
cursor, and duplicates (Meta retries for 36 hours) are harmless because ingest is idempotent.
Every POST must carry ``X-Hub-Signature-256`` = HMAC-SHA256 of the raw body keyed with the app
secret of the account that owns the Page the notification names (in a trust with several apps, one
school's secret never lets anyone push into another school's Page); a body naming Pages of
different apps, or signed with any other key, is refused with 403, logged and audited. A comment
that could not be stored is never acknowledged: the answer is 503, so Meta sends it again.

Routes: ``GET /webhooks/facebook`` (verification handshake), ``POST /webhooks/facebook``
(notifications), ``GET /healthz``.
"""

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from connectors.base import ConnectorError, RawComment, Rejected
from connectors.base import read_secret
from connectors.facebook import check_comment
from connectors.items import evidence, load_json
from moderator import audit
from moderator.db import transaction
from moderator.read import ingest
from moderator.settings import Settings
from moderator.tables import Account

log = logging.getLogger("moderator.read.webhook")

PATH = "/webhooks/facebook"
MAX_BODY_BYTES = 4 * 1_048_576
ADD_VERBS = {"add", "edited", "edit", "update"}
REMOVE_VERBS = {"remove", "delete"}


@dataclass
class PageHook:
    handle: str
    page_id: str
    app_secret: str | None
    verify_token: str | None


def page_hooks(settings: Settings) -> dict[str, PageHook]:
    """page id -> what the webhook needs, from every account that uses the facebook connector."""
    hooks: dict[str, PageHook] = {}
    for school in settings.schools:
        for acc in school.accounts:
            if acc.connector != "facebook":
                continue
            page_id = str(acc.options.get("page_id") or "")
            try:
                secret = read_secret(acc.options, "app_secret", required=False)
                verify = read_secret(acc.options, "verify_token", required=False)
            except ConnectorError as exc:
                log.error("webhook secret unreadable; that Page's notifications will be refused",
                          extra={"account": acc.handle, "error": str(exc)})
                secret = verify = None
            if page_id:
                hooks[page_id] = PageHook(acc.handle, page_id, secret, verify)
    return hooks


def signature_ok(body: bytes, header: str | None, secrets: list[str]) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    given = header[len("sha256="):].strip().lower()
    ok = False
    for secret in secrets:  # constant time for each configured app secret, no early exit
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        ok |= hmac.compare_digest(expected, given)
    return ok


def pages_named(payload: Any) -> list[str]:
    """The Page ids a notification's entries name, in order, each once."""
    if not isinstance(payload, dict) or payload.get("object") != "page":
        return []
    named = [str(e.get("id") or "") for e in payload.get("entry") or [] if isinstance(e, dict)]
    return list(dict.fromkeys(p for p in named if p))


def signing_problem(body: bytes, header: str | None, pages: list[str], hooks: dict[str, PageHook]) -> str | None:
    """Why a body already found signed with one of the configured app secrets may still not come in,
    or None. A body naming watched Pages must be signed with the app secret of the account owning
    them, one secret for all of them; a body naming none (nothing to store) needs no more."""
    owned = [hooks[p] for p in pages if p in hooks]
    if not owned:
        return None
    if any(h.app_secret is None for h in owned):
        return "notification for a Page whose account has no app secret configured"
    if len({h.app_secret for h in owned}) > 1:
        return "notification names Pages of different apps"
    ok = signature_ok(body, header, [owned[0].app_secret])
    return None if ok else "notification signed with the app secret of another Page's account"


def comments_from_payload(payload: Any) -> dict[str, list[RawComment | Rejected]]:
    """page id -> the comments in a ``feed`` notification (hide/unhide and other items are ignored),
    and the items that cannot become comments, as Rejected."""
    out: dict[str, list[RawComment | Rejected]] = {}
    if not isinstance(payload, dict) or payload.get("object") != "page":
        return out
    for entry in payload.get("entry") or []:
        if not isinstance(entry, dict):
            continue
        page_id = str(entry.get("id") or "")
        for change in entry.get("changes") or []:
            if not isinstance(change, dict) or change.get("field") != "feed":
                continue
            value = change.get("value")
            if not isinstance(value, dict) or value.get("item") != "comment":
                continue
            verb, cid, post_id = value.get("verb"), value.get("comment_id"), value.get("post_id")
            if not isinstance(cid, str) or not cid or not isinstance(post_id, str):
                continue
            sender = value.get("from") if isinstance(value.get("from"), dict) else {}
            if (sender.get("id") or value.get("sender_id")) == page_id:
                continue  # the Page's own comments are not moderated
            if verb in REMOVE_VERBS:
                out.setdefault(page_id, []).append(RawComment(platform="facebook", external_id=cid, text="",
                                                              post_id=post_id, removed=True))
            elif verb in ADD_VERBS:
                item = dict(value, id=cid)
                raw = check_comment(item, post_id, time.time())
                if isinstance(raw, str):  # kept as rejected input with its reason, never cleaned into shape
                    out.setdefault(page_id, []).append(Rejected(source_ref=f"webhook:{cid[:100]}", reason=raw,
                                                                raw=evidence(item)))
                    continue
                page, _, post_part = post_id.partition("_")
                raw.permalink = raw.permalink or (
                    f"https://www.facebook.com/{page}/posts/{post_part}/?comment_id={cid.partition('_')[2]}")
                out.setdefault(page_id, []).append(raw)
    return out


def ingest_pushed(engine: Engine, handle: str, items: list[RawComment | Rejected], *,
                  max_bytes: int) -> ingest.IngestStats | None:
    """Store pushed comments for one account in one transaction (its polling state is not touched)."""
    comments = [i for i in items if isinstance(i, RawComment)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    with transaction(engine) as session:
        account = session.exec(select(Account).where(Account.handle == handle)).first()
        if account is None:
            return None
        return ingest.ingest_batch(session, school_id=account.school_id, account_id=account.id, account_handle=handle,
                                   comments=comments, rejected=rejected, max_bytes=max_bytes)


def create_app(settings: Settings, engine: Engine):
    from fastapi import FastAPI, Request
    from fastapi.concurrency import run_in_threadpool
    from fastapi.responses import PlainTextResponse

    hooks = page_hooks(settings)
    secrets = sorted({h.app_secret for h in hooks.values() if h.app_secret})
    verify_tokens = [h.verify_token for h in hooks.values() if h.verify_token]
    app = FastAPI(title="school-moderator webhooks", docs_url=None, redoc_url=None, openapi_url=None)

    def refuse(reason: str, request: Request, pages: list[str] | None = None) -> PlainTextResponse:
        remote = request.client.host if request.client else None
        log.warning("webhook request refused", extra={"reason": reason, "remote": remote})
        with transaction(engine) as session:
            audit.record(session, "webhook.rejected", actor="webhook", subject_type="webhook",
                         data={"reason": reason, "remote": remote, "path": request.url.path,
                               **({"pages": [p[:64] for p in pages[:20]]} if pages else {})})
        return PlainTextResponse("forbidden", status_code=403)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(PATH)
    async def verify(request: Request):
        q = request.query_params
        token = q.get("hub.verify_token") or ""
        matched = False
        for expected in verify_tokens:
            matched |= hmac.compare_digest(expected.encode(), token.encode())
        if q.get("hub.mode") != "subscribe" or not matched:
            return await run_in_threadpool(refuse, "verification handshake with a wrong verify token", request)
        return PlainTextResponse(q.get("hub.challenge") or "")

    @app.post(PATH)
    async def notify(request: Request):
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return await run_in_threadpool(refuse, "body too large", request)
        header = request.headers.get("x-hub-signature-256")
        if not signature_ok(body, header, secrets):  # before reading a byte of it
            reason = "unsigned notification" if not header else "notification with a wrong signature"
            return await run_in_threadpool(refuse, reason, request)
        try:
            payload = load_json(body)  # a 5,000-digit number costs one item, not the whole body
        except (ValueError, RecursionError):
            payload = None
        pages = pages_named(payload)
        problem = signing_problem(body, header, pages, hooks)
        if problem:
            return await run_in_threadpool(refuse, problem, request, pages)
        if payload is None:
            log.warning("webhook body is not JSON; acknowledged and dropped")
            return PlainTextResponse("ok")
        batches = comments_from_payload(payload)
        return await run_in_threadpool(_store, batches)

    def _store(batches: dict[str, list[RawComment | Rejected]]):
        unstored: list[tuple[str, str, int]] = []  # (page, why, items)
        for page_id, comments in batches.items():
            hook = hooks.get(page_id)
            if hook is None:
                log.warning("webhook for a Page no account watches", extra={"page_id": page_id[:64]})
                continue
            try:
                stats = ingest_pushed(engine, hook.handle, comments, max_bytes=settings.max_comment_bytes)
            except Exception as exc:  # noqa: BLE001 - answered 503 below, so Meta sends it again
                log.exception("webhook notification could not be stored", extra={"account": hook.handle})
                unstored.append((page_id, f"could not be stored: {type(exc).__name__}", len(comments)))
                continue
            if stats is None:
                unstored.append((page_id, f"account {hook.handle!r} is not in the database yet (start `moderator "
                                          "serve` or `moderator run` once so the config is written there)",
                                 len(comments)))
                continue
            log.info("webhook ingested", extra={"account": hook.handle, "new": stats.new, "edited": stats.edited,
                                                "removed": stats.removed, "duplicate": stats.duplicate})
        if not unstored:
            return PlainTextResponse("ok")
        # Never 200 for something not stored: a 5xx makes Meta send it again (for 36 hours), and
        # ingest is idempotent, so the parts that were stored are duplicates next time.
        for page_id, why, count in unstored:
            log.error("webhook notification not stored; answered 503 so Facebook retries",
                      extra={"page_id": page_id[:64], "reason": why, "items": count})
        try:
            with transaction(engine) as session:
                audit.record(session, "webhook.not_stored", actor="webhook", subject_type="webhook",
                             data={"pages": [{"page_id": p[:64], "reason": why, "items": n} for p, why, n in unstored]})
        except Exception:  # noqa: BLE001 - the database itself is down; the log line above says it
            log.exception("could not record the unstored webhook notification")
        return PlainTextResponse("not stored; send again", status_code=503)

    return app
