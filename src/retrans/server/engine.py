"""The server's one adapter to the retrans core.

Every call into the engine (config, pipeline, renderers, detector) goes through this module, so
that a change of the core's API is fixed in one place. Requests only choose among options that
are already loaded: none of them names a file, so no request can make the server read or write
one.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from retrans.errors import RetransError

FORMATS = ("text", "markdown")
SEVERITIES = ("error", "warning", "info")
PASSES = ("cleanup", "glossary", "names", "detect", "rules")
_PIPELINE_CACHE = 16  # option sets kept loaded per worker (the default one is never evicted)
_WARM_TEXT = "Vladimir Poutine will talk by phone on Friday ; 3,5 million people left.\n"


class OptionError(ValueError):
    """A request option the engine cannot honour (unknown code, pack, style…)."""

    code = "invalid_option"


class LanguageError(OptionError):
    """A text, or a source, in a language no loaded rule pack serves."""

    code = "unsupported_language"


_LANG_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish"}
_LANG_NAMES.update({"it": "Italian", "pt": "Portuguese", "ru": "Russian"})


@dataclasses.dataclass(frozen=True)
class Options:
    """Per-request choices, normalised so that equal option sets share one pipeline."""

    source: str | None = None
    lang: str | None = None
    style: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] | None = None
    disable_packs: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    min_confidence: float | None = None
    passes: tuple[tuple[str, bool], ...] = ()


class Engine:
    """Pipelines loaded once per worker, keyed by option set; calls are serialised with a lock
    because a Pipeline keeps per-call state (and the work is CPU-bound under the GIL anyway)."""

    def __init__(self, config_path: Path | None = None) -> None:
        from retrans.config import load_config
        from retrans.pipeline import BUILTIN_CODES, Pipeline

        self.config = load_config(config_path)
        self._lock = threading.Lock()
        self._default = Pipeline(self.config)
        rules = self._default.rules
        self.codes: frozenset[str] = frozenset(BUILTIN_CODES) | frozenset(rules.by_code())
        self.packs: tuple[str, ...] = tuple(sorted(p.id for p in rules.packs))
        self.sources: tuple[str, ...] = tuple(
            sorted({p.source for p in rules.packs if p.source not in ("*", "")})
        )
        # Languages the checks serve: the targets of the rule packs (English, today).
        self.langs: tuple[str, ...] = tuple(
            sorted({p.target for p in rules.packs if p.target not in ("*", "")})
        )
        self._pipelines: OrderedDict[Options, Any] = OrderedDict()
        self._pipelines[Options()] = self._default

    # -- loading -----------------------------------------------------------------------------

    def warm(self) -> None:
        """Run the default pipeline once so glossaries and the detector are loaded before the
        first request."""
        self.check(_WARM_TEXT, "text", Options())
        self.detect(_WARM_TEXT, "text", Options(), sentences=True)

    def _matching(self, patterns: tuple[str, ...], what: str) -> set[str]:
        out: set[str] = set()
        for p in patterns:
            hit = {c for c in self.codes if c.startswith(p.upper())}
            if not hit:
                raise OptionError(f"{what}: unknown rule code or prefix {p!r}")
            out |= hit
        return out

    def _config(self, opts: Options) -> Any:
        """The Config for ``opts``, or OptionError. Pure: safe to call without the lock."""
        from retrans.findings import Severity

        if opts.source is not None:
            for s in opts.source.split(","):
                if s.strip() not in self.sources:
                    raise LanguageError(
                        f"unsupported source language {s.strip()!r} "
                        f"(supported: {', '.join(self.sources)})"
                    )
        if opts.lang is not None and opts.lang not in self.langs:
            raise LanguageError(
                f"unsupported language {opts.lang!r} (supported: {', '.join(self.langs)})"
            )
        for pack in (*(opts.packs or ()), *opts.disable_packs):
            if pack not in self.packs:
                raise OptionError(f"unknown rule pack {pack!r} (known: {', '.join(self.packs)})")
        disable = set(self.config.disable) | self._matching(opts.ignore, "ignore")
        if opts.select:
            disable |= self.codes - self._matching(opts.select, "select")
        severity = dict(self.config.severity)
        for code, level in opts.severity:
            if code not in self.codes:
                raise OptionError(f"severity: unknown rule code {code!r}")
            severity[code] = Severity.parse(level)
        passes = dict(self.config.passes)
        passes.update(opts.passes)
        return dataclasses.replace(
            self.config,
            disable=disable,
            severity=severity,
            packs=set(opts.packs) if opts.packs is not None else self.config.packs,
            disable_packs=set(self.config.disable_packs) | set(opts.disable_packs),
            passes=passes,
            min_confidence=(
                opts.min_confidence
                if opts.min_confidence is not None
                else self.config.min_confidence
            ),
        )

    def _prepare(self, opts: Options, text: str | None = None) -> Any:
        """Validate ``opts`` (and the text's language) before taking the lock, so a bad
        request never waits in line."""
        cfg = None if opts in self._pipelines else self._config(opts)
        if text is not None and opts.lang is None:
            from retrans.langid import identify

            lang = identify(text)[0]
            if lang not in self.langs:
                name = _LANG_NAMES.get(lang, lang)
                raise LanguageError(
                    f"the text reads as {name} ({lang}); retrans checks translations into "
                    f"{', '.join(self.langs)} (set options.lang to check it anyway)"
                )
        return cfg

    def _pipeline(self, opts: Options, cfg: Any) -> Any:
        """The pipeline for ``opts`` (call with the lock held)."""
        pipe = self._pipelines.get(opts)
        if pipe is not None:
            self._pipelines.move_to_end(opts)
            return pipe
        from retrans.pipeline import Pipeline

        try:
            pipe = Pipeline(
                cfg or self._config(opts), source=opts.source, lang=opts.lang, style=opts.style
            )
            if opts.style is not None:  # an unknown house style shows when its index loads
                pipe.check(self._doc(_WARM_TEXT, "text"))
        except RetransError as exc:
            raise OptionError(str(exc)) from None
        self._pipelines[opts] = pipe
        while len(self._pipelines) > _PIPELINE_CACHE:
            old = next(iter(self._pipelines))
            if old == Options():
                self._pipelines.move_to_end(old)
                continue
            del self._pipelines[old]
        return pipe

    @staticmethod
    def _doc(text: str, fmt: str) -> Any:
        from retrans.formats import documents

        return next(documents(text, "<request>", fmt))

    # -- the three calls ---------------------------------------------------------------------

    def check(self, text: str, fmt: str, opts: Options) -> dict[str, Any]:
        from retrans.render import finding_dict

        cfg = self._prepare(opts, text)
        with self._lock:
            pipe = self._pipeline(opts, cfg)
            doc = self._doc(text, fmt)
            findings, ctx = pipe.check(doc)
            det = ctx.detection
            return {
                "lang": doc.lang,
                "sources": list(ctx.sources),
                "findings": [finding_dict(doc, f) for f in findings],
                "detection": det.to_dict() if det is not None else None,
            }

    def fix(self, text: str, fmt: str, opts: Options) -> dict[str, Any]:
        from retrans.render import finding_dict

        cfg = self._prepare(opts, text)
        with self._lock:
            pipe = self._pipeline(opts, cfg)
            doc = self._doc(text, fmt)
            new, edits = pipe.fix(doc)
            return {
                "text": new,
                "changed": new != text,
                "lang": doc.lang,
                "edits": [finding_dict(doc, f) for f in edits],
            }

    def detect(
        self, text: str, fmt: str, opts: Options, sentences: bool = False, findings: bool = True
    ) -> dict[str, Any]:
        from retrans.detect import detect

        cfg = self._prepare(opts)
        with self._lock:
            found = None
            doc = self._doc(text, fmt)
            if findings:  # the engine's findings are evidence, as in `retrans detect`
                pipe = self._pipeline(opts, cfg)
                fs, _ = pipe.check(doc)
                found = [f for f in fs if f.code != "MT101"]
            return dict(detect(doc.prose, found, sentences=sentences).to_dict())
