"""Ids and dates in the console's URLs and forms (issue #21): an id is ASCII digits naming a row, a date
is an ASCII YYYY-MM-DD within the years the console can count in. Anything else is "not found" (404)
or "not understood" (422), never a server error, and never read as another number: `/items/١` is not
item 1 and `POST /items/１/decide` decides nothing."""
from __future__ import annotations

import pytest

from moderator.console.web import HTTPProblem, parse_date, parse_id
from moderator.tables import AuditEvent, Decision
from tests.conftest import rows
from tests.e2e.support import csrf_from
from tests.test_console_web import console, escalation  # noqa: F401  (the fixture)

# Digits of other scripts, superscripts and circled numbers: str.isdigit() says yes to each of them.
NOT_ASCII_ONES = ["\u0661", "\uff11", "\u0967", "\u00b9", "\u2460", "1\u0661"]  # Arabic-Indic, fullwidth, Devanagari, ¹, ①
NOT_IDS = ["\u00b2", "\u2460", "%C2%B2", "-1", "0", "1.0", "1e3", " 1", "99999999999999999999", "0x1"]


@pytest.mark.parametrize("value", NOT_ASCII_ONES + ["\u00b2", "\u2460", "-1", "0", "+1", "99999999999999999999", ""])
def test_an_id_is_ascii_digits_in_range_or_not_found(value):
    with pytest.raises(HTTPProblem) as raised:
        parse_id(value)
    assert raised.value.status == 404


def test_an_ascii_id_is_read_as_its_number():
    assert parse_id("42") == 42 and parse_id(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01", "\u0662\u0660\u0662\u0666-11-02",
                                   "２０２６-11-02", "2026-13-01", "2026-1-2", "20261102", "yesterday"])
def test_a_date_outside_the_calendar_the_console_counts_in_is_not_understood(value):
    with pytest.raises(HTTPProblem) as raised:
        parse_date(value)
    assert raised.value.status == 422


def test_a_date_is_an_ascii_iso_day_and_blank_means_none():
    from datetime import date
    assert parse_date("2026-11-02") == date(2026, 11, 2)
    assert parse_date("") is None and parse_date(None) is None


def test_odd_ids_in_every_path_are_not_found_never_a_server_error(console, engine):
    helen = console("helen")
    item = escalation(engine, "c-threat", "headteacher").id
    comment = escalation(engine, "c-threat", "headteacher").comment_id
    assert helen.get(f"/items/{item}").status_code == 200
    for value in NOT_IDS + NOT_ASCII_ONES:
        for path in (f"/items/{value}", f"/records/{value}", f"/authors/{value}"):
            r = helen.get(path)
            assert r.status_code == 404, (path, r.status_code)
    # A digit of another script is not the ASCII number it stands for: no item 1 by the back door.
    for digit in ("\u0661", "\uff11"):
        assert helen.get(f"/items/{digit}").status_code == 404
        assert helen.get(f"/records/{digit}").status_code == 404
    token = csrf_from(helen.get(f"/items/{item}").text)
    for value in (str(item).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
                  str(item).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))):
        r = helen.post(f"/items/{value}/decide", data={"decision": "keep_hidden", "reason": "checked",
                                                         "csrf_token": token})
        assert r.status_code == 404, r.text
        r = helen.post(f"/records/{value}/incident-report", data={"csrf_token": token})
        assert r.status_code == 404
    assert not [d for d in rows(engine, Decision) if d.kind != "automatic"]  # nothing was decided
    assert not [e for e in rows(engine, AuditEvent) if e.subject_id == comment and e.action == "document.exported"]


def test_a_bulk_selection_with_an_odd_id_is_refused_whole(console, engine):
    helen = console("helen")
    item = escalation(engine, "c-threat", "headteacher").id
    token = csrf_from(helen.get("/queue").text)
    for odd in ("\u00b2", "\u0661", "\uff11", "99999999999999999999"):
        r = helen.post("/queue/bulk", data={"decision": "keep_hidden", "reason": "checked", "ids": [str(item), odd],
                                             "csrf_token": token})
        assert r.status_code == 422, (odd, r.status_code)
    assert not [d for d in rows(engine, Decision) if d.kind != "automatic"]


def test_dates_past_the_calendar_are_422_on_every_list_and_download(console, engine):
    helen = console("helen")
    for path in ("/records?to=9999-12-31", "/queue?to=9999-12-31", "/records?from=0001-01-01",
                 "/queue?from=\u0662\u0660\u0662\u0666-11-02"):
        assert helen.get(path).status_code == 422, path
    token = csrf_from(helen.get("/records").text)
    r = helen.post("/records/export", data={"format": "csv", "back": "to=9999-12-31", "csrf_token": token})
    assert r.status_code == 422
    r = helen.post("/records/termly-report", data={"since": "2026-09-01", "until": "9999-12-31", "csrf_token": token})
    assert r.status_code == 422
    r = helen.post("/records/termly-report", data={"since": "0001-01-01", "until": "2026-12-31", "csrf_token": token})
    assert r.status_code == 422
    # The ordinary dates still filter as before.
    assert helen.get("/records?from=2026-11-02&to=2026-11-02").status_code == 200
    assert helen.get("/queue?from=2026-11-02&to=2026-12-31").status_code == 200
    assert not [e for e in rows(engine, AuditEvent) if e.action == "document.exported"]
