"""``paths.disk_cached`` for values that hold big byte strings: those are kept out of the
pickle, in a mapped file, and handed back as views of it.

A cached value such as the glossary index holds a blob of most of a megabyte of which a check
reads a few records (``glossary.index.PackedTargets``). Read and unpickled, the blob is copied
twice into fresh memory (≈ 400 page faults of a check of one draft); mapped, only the pages of
the records read are touched. The value is pickled with protocol 5; an object that offers a
blob out of band (its ``__reduce_ex__`` gives a ``pickle.PickleBuffer`` at protocol 5) has it
kept beside the pickle: the pickle and those buffers are the blobs of one ``retrans.blobs``
file (MAC-checked as every cache file), and the object is rebuilt with a view of the mapped
blob in its place. Only classes whose readers take any bytes-like object offer one.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_FORMAT = "mapped-2"  # part of the key: shards of a PackedDict out of band too


def _dump_parts(value: Any) -> tuple[bytes, ...]:
    """The pickle of ``value`` (checkout paths stored relative, as ``paths`` pickles them)
    and the blobs its objects offered out of band, in order."""
    import pickle  # only when a cache file is written: a check loads with ``_pickle``

    from retrans.paths import _HOME

    buffers: list[bytes] = []

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj: object) -> str | None:
            if type(obj) is str and obj.startswith(_HOME + os.sep):
                return obj[len(_HOME) :]
            return None

    def out_of_band(buf: Any) -> bool:
        buffers.append(bytes(buf.raw()))
        return False  # not in the pickle

    fh = io.BytesIO()
    Pickler(fh, protocol=5, buffer_callback=out_of_band).dump(value)
    return (fh.getvalue(), *buffers)


def _load_parts(parts: Any) -> Any:
    """The value ``_dump_parts`` gave ``parts`` of (views of a mapped file, or bytes)."""
    try:  # the C unpickler itself, as ``paths._load``
        from _pickle import Unpickler
    except ImportError:  # pragma: no cover
        from pickle import Unpickler

    from retrans.paths import _HOME

    unpickler = Unpickler(io.BytesIO(parts[0]), buffers=[parts[i] for i in range(1, len(parts))])
    unpickler.persistent_load = _HOME.__add__  # type: ignore[method-assign]  # relative paths
    return unpickler.load()  # only bytes this user's retrans wrote (MAC checked)


def disk_cached_mapped(
    kind: str, files: list[Path], build: Callable[[], T], *extra: str, use_cache: bool = True
) -> T:
    """``paths.disk_cached(kind, files, build, *extra)``, big byte strings mapped (see the
    module docstring). A miss returns what ``build`` returned, as ``disk_cached`` does."""
    if not use_cache:
        return build()
    from retrans.blobs import disk_cached_blobs

    built: list[T] = []

    def parts() -> tuple[bytes, ...]:
        built.append(build())
        return _dump_parts(built[0])

    blobs = disk_cached_blobs(f"{kind}-mapped", files, parts, *extra, _FORMAT)
    if built:
        return built[0]
    from retrans.cache import expected_type

    want = expected_type(build)
    try:
        value = _load_parts(blobs)
    except Exception:  # not a value we wrote: built, as a damaged cache file is
        return build()
    if want is not None and not isinstance(value, want):
        return build()
    return value
