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
