"""`retrans serve` against a real uvicorn on loopback: every endpoint, every 4xx, auth."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from conftest import SAMPLES, run_cli
from retrans.server.local import LocalServer

SAMPLE = (SAMPLES / "fr_ceasefire_call.txt").read_text(encoding="utf-8")
MAX_BYTES = 200_000


class Reply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def error(self) -> str:
        return str(self.json()["error"]["code"])


def request(
    url: str,
    method: str,
    path: str,
    body: Any = None,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
    chunked: bool = False,
) -> Reply:
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    hdrs = {"content-type": "application/json", **(headers or {})}
    data: Any = raw if raw is not None else None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
    if chunked and data is not None:
        whole = data
        data = iter([whole[i : i + 65536] for i in range(0, len(whole), 65536)])
        conn.request(method, path, body=data, headers=hdrs, encode_chunked=True)
    else:
        conn.request(method, path, body=data, headers=hdrs)
    resp = conn.getresponse()
    out = Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    conn.close()
    return out


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(max_bytes=MAX_BYTES) as srv:
        yield srv


@pytest.fixture(scope="module")
def token_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalServer, str]]:
    tok = tmp_path_factory.mktemp("auth") / "token"
    tok.write_text("s3cret-token-for-tests\n", encoding="utf-8")
    with LocalServer(token_file=tok) as srv:
        yield srv, "s3cret-token-for-tests"


def post(srv: LocalServer, path: str, body: Any, **kw: Any) -> Reply:
    return request(srv.url, "POST", path, body, **kw)


# -- endpoints ------------------------------------------------------------------------------


def test_health_and_schema(server: LocalServer) -> None:
    r = request(server.url, "GET", "/health")
    assert r.status == 200 and r.json()["status"] == "ok" and r.json()["auth"] is False
    r = request(server.url, "GET", "/openapi.json")
    assert r.status == 200
    schema = r.json()
    assert schema["openapi"].startswith("3.")
    assert {"/v1/check", "/v1/fix", "/v1/detect", "/health"} <= set(schema["paths"])
    opts = schema["components"]["schemas"]["Options"]["properties"]
    assert "fr" in opts["source"]["enum"] and "fr-en" in opts["packs"]["items"]["enum"]
    assert "glossaries" not in opts and "securitySchemes" not in schema["components"]


def test_review_page_is_served_without_cdn(server: LocalServer) -> None:
    r = request(server.url, "GET", "/")
    assert r.status == 200 and r.headers["content-type"].startswith("text/html")
    html = r.body.decode()
    assert '<script src="/static/review.js"' in html and "http" not in html.replace(
        "http-equiv", ""
    )
    assert "default-src 'none'" in r.headers["content-security-policy"]
    for name, ctype in (("review.js", "text/javascript"), ("review.css", "text/css")):
        r = request(server.url, "GET", f"/static/{name}")
        assert r.status == 200 and r.headers["content-type"].startswith(ctype)
        assert b"https://" not in r.body
    assert request(server.url, "GET", "/static/../app.py").status == 404


def test_check_has_the_cli_schema(server: LocalServer, tmp_path: Path) -> None:
    r = post(server, "/v1/check", {"text": SAMPLE, "id": "story-42"})
    assert r.status == 200
    data = r.json()
    assert data["id"] == "story-42" and data["lang"] == "en" and data["sources"] == ["fr"]
    det = data["detection"]
    assert det["is_mt"] and det["source_lang"] == "fr" and det["reasons"]
    got = data["findings"]
    fields = {"path", "line", "column", "start", "end", "code", "category", "severity"}
    fields |= {"message", "original", "replacement", "source", "confidence"}
    assert all(set(f) == fields for f in got)  # the CLI's JSON schema (README)
    poutine = [f for f in got if f["original"] == "Poutine"]
    assert poutine and poutine[0]["replacement"] == "Putin" and poutine[0]["code"] == "GL101"
    # The same findings as `retrans check --format json` on the same text.
    src = tmp_path / "draft.txt"
    src.write_text(SAMPLE, encoding="utf-8")
    cli = run_cli("check", "--format", "json", "--fail-on", "never", str(src))
    assert cli.returncode == 0, cli.stderr
    want = json.loads(cli.stdout)
    strip = lambda rows: [{k: v for k, v in f.items() if k != "path"} for f in rows]  # noqa: E731
    assert strip(got) == strip(want)


def test_fix_matches_the_cli(server: LocalServer, tmp_path: Path) -> None:
    r = post(server, "/v1/fix", {"text": SAMPLE})
    assert r.status == 200
    data = r.json()
    src = tmp_path / "draft.txt"
    src.write_text(SAMPLE, encoding="utf-8")
    cli = run_cli("fix", str(src))
    assert cli.returncode == 0, cli.stderr
    assert data["text"] == cli.stdout and data["changed"] is True
    assert "Vladimir Putin" in data["text"] and "Skip to content" not in data["text"]
    edits = data["edits"]
    assert edits and all(SAMPLE[e["start"] : e["end"]] == e["original"] for e in edits)
    assert post(server, "/v1/fix", {"text": data["text"]}).json()["changed"] is False


def test_detect(server: LocalServer) -> None:
    r = post(server, "/v1/detect", {"text": SAMPLE, "options": {"sentences": True}})
    assert r.status == 200
    d = r.json()
    assert d["is_mt"] and d["source_lang"] == "fr" and 0.5 <= d["mt_probability"] <= 1
    assert d["sentences"] and all("mt_probability" in s for s in d["sentences"])
    clean = (SAMPLES / "clean_en.txt").read_text(encoding="utf-8")
    d = post(server, "/v1/detect", {"text": clean, "options": {"findings": False}}).json()
    assert "sentences" not in d and d["mt_probability"] < 0.5


def test_options_change_the_findings(server: LocalServer) -> None:
    codes = lambda r: {f["code"] for f in r.json()["findings"]}  # noqa: E731
    only_gl = post(server, "/v1/check", {"text": SAMPLE, "options": {"select": ["GL"]}})
    assert (
        only_gl.status == 200 and codes(only_gl) and all(c.startswith("GL") for c in codes(only_gl))
    )
    no_gl101 = post(server, "/v1/check", {"text": SAMPLE, "options": {"ignore": ["gl101"]}})
    assert "GL101" not in codes(no_gl101) and codes(no_gl101)
    sev = post(server, "/v1/check", {"text": SAMPLE, "options": {"severity": {"GL101": "info"}}})
    assert {f["severity"] for f in sev.json()["findings"] if f["code"] == "GL101"} == {"info"}
    off = post(server, "/v1/check", {"text": SAMPLE, "options": {"passes": {"detect": False}}})
    assert off.json()["detection"] is None and "MT101" not in codes(off)
    de = post(server, "/v1/check", {"text": SAMPLE, "options": {"source": "de"}})
    assert de.json()["sources"] == ["de"]
    styled = post(server, "/v1/check", {"text": SAMPLE, "options": {"style": "ap"}})
    assert styled.status == 200
    # Markdown: code spans are protected, as with `retrans check` on a .md file.
    md = "Vladimir Poutine said `Poutine` twice.\n"
    got = post(server, "/v1/check", {"text": md, "format": "markdown"}).json()["findings"]
    gl = [f for f in got if f["code"] == "GL101"]
    code_span = md.index("`"), md.rindex("`")
    assert gl and all(f["end"] <= code_span[0] or f["start"] > code_span[1] for f in gl)
    plain = post(server, "/v1/check", {"text": md}).json()["findings"]
    assert len([f for f in plain if f["code"] == "GL101"]) > len(gl)


# -- 4xx ------------------------------------------------------------------------------------

BAD_BODIES = [
    ({"text": 3}, 422, "invalid_request"),
    ({"txt": "x"}, 422, "unknown_field"),
    ({"text": "x", "source": "fr"}, 422, "unknown_field"),
    ([1, 2], 422, "invalid_request"),
    ({"text": "x", "format": "html"}, 422, "invalid_request"),
    ({"text": "x", "id": True}, 422, "invalid_request"),
    ({"text": "x", "options": []}, 422, "invalid_request"),
    ({"text": "x", "options": None}, 422, "invalid_request"),
    ({"text": "x", "options": {"colour": "red"}}, 422, "unknown_option"),
    ({"text": "x", "options": {"sentences": True}}, 422, "unknown_option"),
    ({"text": "x", "options": {"passes": {"spell": True}}}, 422, "unknown_option"),
    ({"text": "x", "options": {"glossaries": ["/etc/passwd"]}}, 422, "option_not_allowed"),
    ({"text": "x", "options": {"rule_packs": ["/tmp"]}}, 422, "option_not_allowed"),
    ({"text": "x", "options": {"config": "/etc/retrans.toml"}}, 422, "option_not_allowed"),
    ({"text": "x", "options": {"source": "xx"}}, 422, "unsupported_language"),
    ({"text": "x", "options": {"lang": "tlh"}}, 422, "unsupported_language"),
    ({"text": "x", "options": {"lang": "fr"}}, 422, "unsupported_language"),
    ({"text": "x", "options": {"style": "../../etc/passwd"}}, 422, "invalid_option"),
    ({"text": "x", "options": {"select": ["ZZ9"]}}, 422, "invalid_option"),
    ({"text": "x", "options": {"packs": ["xx-en"]}}, 422, "invalid_option"),
    ({"text": "x", "options": {"severity": {"FR001": "fatal"}}}, 422, "invalid_request"),
    ({"text": "x", "options": {"min_confidence": 2}}, 422, "invalid_request"),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD_BODIES)
def test_bad_requests_get_json_4xx(server: LocalServer, body: Any, status: int, code: str) -> None:
    for path in ("/v1/check", "/v1/fix"):
        r = post(server, path, body)
        assert (r.status, r.error) == (status, code), r.body
        assert r.headers["content-type"] == "application/json"
        assert r.json()["error"]["message"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b'{"text": "x",', "bad_json"),
        (b"", "bad_json"),
        (b'{"text": "x", "options": {"min_confidence": NaN}}', "bad_json"),
        (b"\xff\xfe{}", "bad_json"),
        (b"[" * 100_000 + b"]" * 100_000, "bad_json"),
    ],
)
def test_malformed_json_is_400(server: LocalServer, raw: bytes, code: str) -> None:
    r = request(server.url, "POST", "/v1/detect", raw=raw)
    assert (r.status, r.error) == (400, code)


def test_text_in_another_language_is_422(server: LocalServer) -> None:
    fr = "Le président a déclaré mardi que la Russie était prête à négocier avec les Occidentaux."
    for path in ("/v1/check", "/v1/fix"):
        r = post(server, path, {"text": fr})
        assert (r.status, r.error) == (422, "unsupported_language")
        assert "French (fr)" in r.json()["error"]["message"]
        assert post(server, path, {"text": fr, "options": {"lang": "en"}}).status == 200
    d = post(server, "/v1/detect", {"text": fr})  # detection reports the language instead
    assert d.status == 200 and d.json()["text_lang"] == "fr"


def test_lone_surrogate_is_422(server: LocalServer) -> None:
    r = request(server.url, "POST", "/v1/check", raw=b'{"text": "a \\ud800 b"}')
    assert (r.status, r.error) == (422, "invalid_request")


def test_oversize_is_413_with_or_without_length(server: LocalServer) -> None:
    big = {"text": "word " * (MAX_BYTES // 4)}
    r = post(server, "/v1/check", big)
    assert (r.status, r.error) == (413, "too_large")
    r = post(server, "/v1/fix", big, chunked=True)
    assert (r.status, r.error) == (413, "too_large")
    ok = {"text": "word " * (MAX_BYTES // 6)}
    assert post(server, "/v1/check", ok).status == 200


def test_wrong_media_type_method_and_path(server: LocalServer) -> None:
    r = post(server, "/v1/check", {"text": "x"}, headers={"content-type": "text/plain"})
    assert (r.status, r.error) == (415, "unsupported_media_type")
    r = request(server.url, "GET", "/v1/check")
    assert (r.status, r.error) == (405, "method_not_allowed")
    r = request(server.url, "GET", "/v2/nothing")
    assert (r.status, r.error) == (404, "not_found")
    assert request(server.url, "GET", "/health").json()["status"] == "ok"


def test_no_request_reads_or_writes_files(server: LocalServer, tmp_path: Path) -> None:
    secret = tmp_path / "names.yaml"
    secret.write_text("not: a glossary\n", encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    for opt in ("glossaries", "rule_packs"):
        r = post(server, "/v1/check", {"text": "x", "options": {opt: [str(secret)]}})
        assert r.status == 422 and str(secret) not in r.json()["error"]["message"]
    r = post(server, "/v1/check", {"text": "x", "options": {"style": str(secret)}})
    assert r.status == 422 and "not: a glossary" not in r.body.decode()
    assert sorted(tmp_path.iterdir()) == before


# -- auth -----------------------------------------------------------------------------------


def test_auth_on(token_server: tuple[LocalServer, str]) -> None:
    srv, token = token_server
    for path in ("/v1/check", "/v1/fix", "/v1/detect"):
        r = post(srv, path, {"text": SAMPLE})
        assert (r.status, r.error) == (401, "unauthorized")
        assert r.headers["www-authenticate"] == "Bearer"
        r = post(srv, path, {"text": SAMPLE}, headers={"authorization": "Bearer wrong"})
        assert r.status == 401
        r = post(srv, path, {"text": SAMPLE}, headers={"authorization": f"Bearer {token}"})
        assert r.status == 200
    # Auth comes before parsing: a stranger learns nothing about the body's faults.
    r = request(srv.url, "POST", "/v1/check", raw=b"{")
    assert r.status == 401
    h = request(srv.url, "GET", "/health")
    assert h.status == 200 and h.json()["auth"] is True
    schema = request(srv.url, "GET", "/openapi.json").json()
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert request(srv.url, "GET", "/").status == 200


def test_auth_off_needs_no_header(server: LocalServer) -> None:
    r = post(server, "/v1/check", {"text": "x"}, headers={"authorization": "Bearer anything"})
    assert r.status == 200


# -- the command ----------------------------------------------------------------------------


def test_serve_cli_errors_are_one_line(tmp_path: Path) -> None:
    r = run_cli("serve", "--token-file", str(tmp_path / "missing"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "token file" in r.stderr
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    r = run_cli("serve", "--token-file", str(empty))
    assert r.returncode == 2 and "empty" in r.stderr
    r = run_cli("serve", "--config", str(tmp_path / "nope.toml"))
    assert r.returncode == 2 and "nope.toml" in r.stderr
    r = run_cli("serve", "--help")
    assert r.returncode == 0 and "127.0.0.1" in r.stdout and "--workers" in r.stdout


def _children(pid: int) -> list[int]:
    p = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in p.read_text().split()] if p.exists() else []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_each_load_the_pipeline() -> None:
    with LocalServer(workers=2) as srv:
        statuses = {post(srv, "/v1/check", {"text": SAMPLE}).status for _ in range(4)}
        assert statuses == {200}
        kids = _children(srv.pid)
        workers = [k for k in kids if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()]
        assert len(workers) == 2, kids
        seen = {request(srv.url, "GET", "/health").json()["pid"] for _ in range(20)}
        assert seen <= set(workers)
