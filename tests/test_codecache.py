"""Generated dataclass/namedtuple methods kept across CLI runs (``retrans.codecache``), and
the detector's word lists loaded shard by shard (``retrans.packed``): same results."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

from retrans.packed import PackedDict

# A fresh interpreter: install() changes this process's dataclasses for good.
PROBE = r"""
import json, sys
from retrans import codecache
codecache.install()
from collections import namedtuple
from dataclasses import dataclass, field

@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int = 0
    tags: tuple = field(default_factory=tuple)

P = namedtuple("P", "x y")
a, b = Span(1, 2, ("x",)), Span(1, 3)
try:
    a.start = 5
    frozen = False
except Exception as exc:
    frozen = type(exc).__name__
out = [repr(a), repr(b), a < b, a == Span(1, 2, ("x",)), hash(a) == hash(Span(1, 2, ("x",))),
       frozen, Span.__init__.__code__.co_filename, repr(P(1, y=2)), P._make([3, 4]).y]
print(json.dumps({"out": out, "new": codecache._new}))
"""


def _probe(cache: Path) -> dict:
    env = {**os.environ, "RETRANS_CACHE_DIR": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def test_cached_methods_behave_as_generated_ones(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _probe(cache)
    assert first["new"] > 0
    assert len(list(cache.glob("pycode-*.pickle"))) == 1
    second = _probe(cache)
    assert second["new"] == 0  # every method came from the cache
    assert second["out"] == first["out"]
    assert first["out"][:6] == [
        "Span(start=1, end=2, tags=('x',))",
        "Span(start=1, end=3, tags=())",
        True,
        True,
        True,
        "FrozenInstanceError",
    ]
    assert first["out"][7:] == ["P(x=1, y=2)", 4]


def test_a_tampered_code_cache_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _probe(cache)
    (path,) = cache.glob("pycode-*.pickle")
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    again = _probe(cache)
    assert again["new"] == first["new"]  # compiled afresh
    assert again["out"] == first["out"]


DOC_PROBE = r"""
import json, sys
from retrans import codecache
codecache.install()
from dataclasses import dataclass, field
before = "inspect" in sys.modules

@dataclass
class Documented:
    '''Has its own text.'''
    x: int

after_documented = "inspect" in sys.modules

@dataclass
class Bare:
    x: int
    y: str = "a"
    z: list = field(default_factory=list)

print(json.dumps([before, after_documented, Documented.__doc__, Bare.__doc__]))
"""


def test_dataclasses_import_inspect_only_for_a_class_without_docstring(tmp_path: Path) -> None:
    env = {**os.environ, "RETRANS_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-c", DOC_PROBE], env=env, capture_output=True, text=True, check=True
    )
    before, after_documented, doc, bare = json.loads(proc.stdout)
    assert (before, after_documented, doc) == (False, False, "Has its own text.")
    assert bare == "Bare(x: int, y: str = 'a', z: list = <factory>)"  # as without install()


def test_packed_dict_answers_as_the_dict() -> None:
    words = {f"w{i}": i / 7 for i in range(3000)} | {"": 1.0, "année": 2.5, "х-у": -1.0}
    packed = PackedDict.pack(words)
    again = pickle.loads(pickle.dumps(packed))
    joined = pickle.loads(pickle.dumps(packed, protocol=5))  # shards as one buffer
    assert type(joined) is PackedDict and len(joined._blobs) == len(packed._blobs)
    for d in (packed, again, joined):
        assert all(d.get(k) == v and k in d and d[k] == v for k, v in words.items())
        assert d.get("absent") is None and d.get("absent", 3.0) == 3.0
        assert "absent" not in d and 5 not in d


def test_packed_mapping_is_the_mapping() -> None:
    from retrans.packed import PackedMapping

    table = {f"w{i} C": (i - 50) / 3 for i in range(500)}
    packed = pickle.loads(pickle.dumps(PackedMapping.pack(table)))
    assert list(packed) == list(table) and len(packed) == len(table) and packed == table
    keys = {"w3 C", "w7 C", "absent"}
    assert keys & packed.keys() == keys & table.keys() == {"w3 C", "w7 C"}
    assert packed.get("absent") is None and packed["w3 C"] == table["w3 C"]


TYPING_PROBE = r"""
from __future__ import annotations
import json, sys, typing
compiled = None  # the sources compiled once install() returned
sys.addaudithook(lambda ev, args: ev == "compile" and compiled is not None and compiled.append(
    args[0].decode() if isinstance(args[0], bytes) else repr(args[0])))
from retrans import codecache
codecache.install()
compiled = []

class Row(typing.NamedTuple):
    name: str
    tags: tuple[str, ...] = ()

def build() -> dict[str, Row]:
    return {}

hints = typing.get_type_hints(build)
try:
    typing.ForwardRef("not valid(")
    bad = None
except SyntaxError as exc:
    bad = str(exc)
out = [repr(Row.__annotations__), repr(hints), repr(Row("a")), Row._field_defaults, bad]
print(json.dumps({"out": out, "new": codecache._new, "compiled": compiled}))
"""


def test_typing_annotations_compiled_once_and_alike(tmp_path: Path) -> None:
    """``typing`` evaluates string annotations from cached code: the same hints, and a later
    run compiles nothing (the first ``compile()`` of a process alone costs ≈ 1.5 ms)."""
    env = {**os.environ, "RETRANS_CACHE_DIR": str(tmp_path / "cache")}

    def run(install: bool) -> dict:
        probe = TYPING_PROBE if install else TYPING_PROBE.replace("codecache.install()", "")
        proc = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(proc.stdout)

    plain, first, second = run(False), run(True), run(True)
    assert first["out"] == second["out"] == plain["out"]
    assert plain["out"][0] == "{'name': ForwardRef('str'), 'tags': ForwardRef('tuple[str, ...]')}"
    assert "dict[str, __main__.Row]" in plain["out"][1] and plain["out"][4]  # a SyntaxError
    assert first["new"] > 0 and second["new"] == 0
    # the annotations and the NamedTuple's method come from the cache; the bad annotation
    # is compiled (and refused) again
    assert second["compiled"] == ["not valid("]
    assert {"str", "tuple[str, ...]", "dict[str, Row]"} <= set(plain["compiled"])


DEFER_PROBE = r"""
import json, sys
from retrans import codecache
codecache.import_deferring("pathlib", "urllib.parse:quote_from_bytes", "ntpath")
import pathlib
before = [m in sys.modules for m in ("urllib.parse", "ntpath", "ipaddress")]
posix = pathlib.PurePosixPath("/a b/ü").as_uri()
win = pathlib.PureWindowsPath("C:/x y/z.txt")
out = [before, posix, win.as_uri(), str(win.parent), win.drive, str(pathlib.Path("a") / "b")]
after = [m in sys.modules for m in ("urllib.parse",)]
print(json.dumps(out + [after]))
"""


def test_pathlib_defers_its_url_and_windows_imports_until_used(tmp_path: Path) -> None:
    """pathlib imported with stand-ins for ``urllib.parse`` (one function) and ``ntpath``:
    neither is imported by importing pathlib, and paths and URIs come out as without them."""
    env = {**os.environ, "RETRANS_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-c", DEFER_PROBE], env=env, capture_output=True, text=True, check=True
    )
    plain = subprocess.run(
        [sys.executable, "-c", DEFER_PROBE.replace(DEFER_PROBE.splitlines()[3], "pass")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    got, want = json.loads(proc.stdout), json.loads(plain.stdout)
    assert got[0] == [False, False, False] and want[0][0] is True
    assert (
        got[1:-1]
        == want[1:-1]
        == [
            "file:///a%20b/%C3%BC",
            "file:///C:/x%20y/z.txt",
            "C:\\x y",
            "C:",
            "a/b",
        ]
    )
    assert got[-1] == [True]  # imported when as_uri first needed it
