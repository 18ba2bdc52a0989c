"""Caches that keep the cold start cheap give what the data files give (``detect.model``:
the weights pickled, the n-gram tables in a mapped blobs file)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from retrans.detect import model as dm


def test_detector_model_from_its_caches_is_the_data_files_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))
    w = json.loads(dm.WEIGHTS_FILE.read_text(encoding="utf-8"))
    ng = json.loads(dm.NGRAMS_FILE.read_text(encoding="utf-8"))
    plain = dm.Model.from_dict(w, ng)
    dm._load.cache_clear()
    try:
        built = dm.load_model()  # a miss: built, written
        dm._load.cache_clear()
        cached = dm.load_model()  # from the two cache files
        assert sorted(p.name.split("-")[1] for p in (tmp_path / "cache").glob("detector-*")) == [
            "ngrams",
            "weights",
        ]
        for m in (built, cached):
            assert (m.features, m.coef, m.mean, m.scale) == (
                plain.features,
                plain.coef,
                plain.mean,
                plain.scale,
            )
            assert (m.intercept, m.threshold, m.source, m.meta) == (
                plain.intercept,
                plain.threshold,
                plain.source,
                plain.meta,
            )
            assert m._families == plain._families
            assert list(m.ngrams) == list(plain.ngrams)
            for name, table in plain.ngrams.items():
                got = m.ngrams[name]
                assert len(got) == len(table) and list(got) == list(table)
                assert all(got.get(k) == v for k, v in table.items())
                assert got.get("no such n-gram") is None
                again = pickle.loads(pickle.dumps(got))  # a view of the mapped file pickles
                assert list(again) == list(table) and again.get(next(iter(table))) is not None
    finally:
        dm._load.cache_clear()


def test_a_mapped_cache_gives_the_value_with_its_blobs_mapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``retrans.mapped``: a miss gives the built value; a hit the same value, the blobs its
    objects offer out of band as views of the mapped file (pickled as bytes again); checkout
    paths relative; a damaged file is built again."""
    from retrans import mapped
    from retrans.glossary.index import PackedTargets, Target
    from retrans.paths import _HOME

    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "data.txt"
    src.write_text("x", encoding="utf-8")
    targets = [
        Target(f"e{i}", "person", f"form {i}", f"F{i}", "GL101", "fr", ()) for i in range(3000)
    ]

    def build() -> dict:
        return {"targets": PackedTargets.pack(targets), "root": f"{_HOME}/glossaries", "n": 3}

    first = mapped.disk_cached_mapped("probe", [src], build)
    assert type(first["targets"]._blob) is bytes  # the built value itself
    (path,) = (tmp_path / "cache").glob("probe-mapped-*.pickle")
    assert _HOME.encode() not in path.read_bytes()
    second = mapped.disk_cached_mapped("probe", [src], build)
    assert type(second["targets"]._blob) is memoryview
    assert list(second["targets"]) == targets and second["root"] == f"{_HOME}/glossaries"
    again = pickle.loads(pickle.dumps(second["targets"]))
    assert type(again._blob) is bytes and list(again) == targets
    assert list(pickle.loads(pickle.dumps(second["targets"], protocol=4))) == targets
    data = bytearray(path.read_bytes())
    data[-5] ^= 0xFF
    path.write_bytes(bytes(data))
    third = mapped.disk_cached_mapped("probe", [src], build)
    assert list(third["targets"]) == targets


def test_glossary_index_from_its_mapped_cache_matches_the_built_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from retrans.glossary.index import get_index
    from retrans.paths import _dumps, _load

    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))
    built = get_index("fr")
    cached = get_index("fr")
    pickled = _load(io.BytesIO(_dumps(built)))  # what a pickled cache file gave
    assert type(cached.targets._blob) is memoryview
    assert type(cached._heads._blobs).__name__ == "Blobs"  # shards: views of the mapped file
    assert list(cached.targets) == list(built.targets)
    text = "le président emmanuel macron et vladimir poutine à pékin"
    assert cached.occurrences(text) == pickled.occurrences(text)
    assert cached.__dict__.keys() == pickled.__dict__.keys()
    assert list(pickle.loads(pickle.dumps(cached)).targets) == list(built.targets)


def test_detector_trigger_automaton_from_the_cache_finds_what_a_built_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrans.detect import lexicon as lx
    from retrans.detect.patterns import ALL
    from retrans.rules.prefilter import required_literals

    monkeypatch.setenv("RETRANS_CACHE_DIR", str(tmp_path / "cache"))
    text = (
        "le président a déclaré « nous sommes prêts » — in the frame of the talks, "
        "Mister Poutine said that the Élysée, 12,5 % of them, at the level of Moscow."
    ).lower()
    try:
        for _ in range(2):  # built, then from the cache
            for f in (lx._triggers, lx.patterns, lx.trigger_scanner):
                f.cache_clear()
            want = [tuple(p.trig) if p.trig else required_literals(p.regex) for p in ALL]
            assert [cp.triggers for cp in lx.patterns()] == want
            cached, built = lx.trigger_scanner(), lx.TriggerScanner(lx.patterns())
            assert cached.literals == built.literals
            assert cached.hits(text) == built.hits(text) and cached.hits(text)
            assert cached.present(text) == built.present(text)
        assert len(list((tmp_path / "cache").glob("detector-triggers-scanner-*"))) == 1
    finally:
        for f in (lx._triggers, lx.patterns, lx.trigger_scanner):
            f.cache_clear()


IMPORTS_PROBE = r"""
import io, sys
sys.argv = ["retrans", "check", "--fail-on", "never", sys.argv[1]]
from retrans import fastcli
out = sys.stdout
sys.stdout = io.StringIO()
code = fastcli.main()
found = sys.stdout.getvalue()
sys.stdout = out
mods = ["json", "pickle", "urllib.parse", "ntpath", "ipaddress", "inspect", "typer",
        "retrans.rules.prefilter", "retrans.rules.regex_reader", "retrans.rules.safety_checks"]
print(repr((code, bool(found), [m for m in mods if m in sys.modules])))
"""


@pytest.mark.parametrize("name", ["fr_ceasefire_call.txt", "clean_en.txt"])
def test_a_check_of_a_draft_imports_none_of_the_deferred_modules(name: str) -> None:
    """What the cold start saves stays saved: a check of a draft (text output, warm caches)
    imports neither ``json`` nor ``pickle`` nor the modules ``pathlib`` defers."""
    import ast
    import os
    import subprocess
    import sys

    sample = Path(__file__).resolve().parents[1] / "samples" / name
    env = dict(os.environ)  # the tests' cache folder (conftest)
    for _ in range(2):  # the first may build caches
        proc = subprocess.run(
            [sys.executable, "-c", IMPORTS_PROBE, str(sample)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    code, printed, imported = ast.literal_eval(proc.stdout.strip().splitlines()[-1])
    assert imported == [] and code == 0
    assert printed == (name != "clean_en.txt")
