"""The HTTP side of the fake Graph API: it logs each request, applies injected faults and throttling
(with Graph's codes and usage headers), and sends raw bytes in place of a poison comment's JSON.
"""
from __future__ import annotations

import json
import re
import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from connectors.fakes.graph_endpoints import GraphError

if TYPE_CHECKING:
    from connectors.fakes.graph import FakeGraph

THROTTLE_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80001: "(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, "
           "please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
}

_RAW = re.compile(rb'\{"@raw": "([^"]+)"\}')


class GraphHandler(BaseHTTPRequestHandler):
    graph: FakeGraph
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _serve(self, method: str) -> None:
        graph = self.graph
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            params.update(parse_qsl(self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True))
        now = graph.clock()
        entry = {"t": now, "method": method, "path": url.path,
                 "params": {k: v for k, v in params.items() if k not in ("access_token", "appsecret_proof")}}
        if not url.path.startswith("/_fake"):
            with graph.lock:
                graph.requests.append(entry)
        base = f"http://{self.headers.get('Host') or '127.0.0.1'}"
        throttled = now < graph.throttle_until and not url.path.startswith("/_fake")
        fault = None if throttled or url.path.startswith("/_fake") else graph._take_fault(url.path)
        if fault and fault.kind == "slow":
            time.sleep(fault.arg)
        if fault and fault.kind == "status":
            body = (b"<html><body>Service Unavailable</body></html>", "text/html") if fault.arg == 502 else (
                json.dumps({"error": {"message": "An unexpected error has occurred. Please retry your request later.",
                                      "type": "OAuthException", "code": 2, "is_transient": True,
                                      "fbtrace_id": "AFakeTrace02"}}).encode() if fault.arg == 500 else
                json.dumps({"message": "temporarily unavailable"}).encode(), "application/json; charset=UTF-8")
            return self._send(fault.arg, body[0], body[1], graph.usage_headers(False))
        if fault and fault.kind == "malformed":
            return self._send(200, b'{"data": [{"id": "12', "application/json; charset=UTF-8",
                              graph.usage_headers(False))
        try:
            if throttled:
                code = graph.throttle_code
                raise GraphError(code, THROTTLE_MESSAGES.get(code, f"(#{code}) Rate limited"), transient=True)
            status, result = graph.handle(method, url.path, params, base)
        except GraphError as exc:
            status, result = exc.status, exc.body
        except Exception as exc:  # a bug in the fake: answer like Graph's unknown error
            status, result = 500, {"error": {"message": f"fake graph: {type(exc).__name__}: {exc}",
                                             "type": "FacebookApiException", "code": 1}}
        body = json.dumps(result).encode()
        if b'{"@raw": ' in body:
            with graph.lock:
                body = _RAW.sub(lambda m: graph.comments[m.group(1).decode()]["raw"], body)
        self._send(status, body, "application/json; charset=UTF-8", graph.usage_headers(throttled))

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("facebook-api-version", self.graph.served_version)
            for k, v in extra.items():
                self.send_header(k, v)
            self._headers_buffer.append(b"\r\n" + body)  # one write: no delayed-ACK stall on keep-alive
            self.flush_headers()
        except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
            pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

