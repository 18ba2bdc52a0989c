"""A small reader of Python regex syntax for the literal prefilter: just enough structure to
find literals every match must contain. Anything it does not model becomes an opaque node,
which only makes the prefilter weaker, never wrong. (CPython's own parser, ``re._parser``, is
private API; this replaces it.)

Nodes: ``("lit", ch)``, ``("set", chars)`` (a class of plain characters), ``("rep", min,
nodes)``, ``("sub", nodes)`` (a capturing or flagged group), ``("branch", [nodes, …])`` and
``("other",)``. Like CPython's parser, a plain ``(?:…)`` group is inlined, alternatives lose
their common prefix, and alternatives of one character become a set.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

Node = tuple[Any, ...]
_OTHER: Node = ("other",)
_SIMPLE_ESC = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CLASS_ESC = set("dDsSwW")
_AT_ESC = set("bBAZ")


class Unsupported(Exception):
    """A construct the reader does not follow (verbose mode, conditionals): no prefilter."""


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def peek(self, n: int = 1) -> str:
        return self.p[self.i : self.i + n]

    def take(self) -> str:
        if self.i >= len(self.p):
            raise Unsupported("unexpected end")
        ch = self.p[self.i]
        self.i += 1
        return ch

    # ---------------------------------------------------------------- alternation, sequences
    def alternation(self) -> list[Node]:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return _merge_branches(branches)

    def sequence(self) -> list[Node]:
        out: list[Node] = []
        while self.i < len(self.p) and self.peek() not in "|)":
            atom = self.atom()
            if atom is None:
                continue
            out.extend(self.quantified(atom))
        return out

    def quantified(self, atom: list[Node]) -> list[Node]:
        ch = self.peek()
        low: int | None = None
        if ch and ch in "*+?":
            self.i += 1
            low = 1 if ch == "+" else 0
        elif ch == "{":
            low = self.braces()
        if low is None:
            return atom
        if self.peek() == "+":  # possessive: not modelled
            self.i += 1
            return [_OTHER]
        if self.peek() == "?":  # lazy: same minimum
            self.i += 1
        return [("rep", low, atom)]

    def braces(self) -> int | None:
        j = self.p.find("}", self.i)
        body = self.p[self.i + 1 : j] if j > 0 else ""
        lo, sep, hi = body.partition(",")
        ok = j > 0 and (lo.isdigit() or (sep and not lo)) and (not hi or hi.isdigit())
        if not ok or not (lo or hi):
            return None  # a literal "{"
        self.i = j + 1
        return int(lo) if lo else 0

    # ---------------------------------------------------------------- atoms
    def atom(self) -> list[Node] | None:
        ch = self.take()
        if ch == "\\":
            return [self.escape()]
        if ch == "[":
            return [self.char_class()]
        if ch == "(":
            return self.group()
        if ch in ".^$":
            return [_OTHER]
        return [("lit", ch)]

    def escape(self, in_class: bool = False) -> Node:
        ch = self.take()
        if ch in _CLASS_ESC or (not in_class and (ch in _AT_ESC or ch in "123456789")):
            return _OTHER
        if in_class and ch == "b":
            return ("lit", "\b")
        if ch in _SIMPLE_ESC:
            return ("lit", _SIMPLE_ESC[ch])
        if ch in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[ch]
            code = self.p[self.i : self.i + n]
            self.i += n
            return ("lit", chr(int(code, 16)))
        if ch == "N":
            j = self.p.index("}", self.i)
            name = self.p[self.i + 1 : j]
            self.i = j + 1
            return ("lit", unicodedata.lookup(name))
        if ch == "0":
            digits = "0"
            while len(digits) < 3 and self.peek() and self.peek() in "01234567":
                digits += self.take()
            return ("lit", chr(int(digits, 8)))
        if ch.isalnum():
            raise Unsupported(f"escape \\{ch}")
        return ("lit", ch)

    def char_class(self) -> Node:
        chars: list[str] = []
        plain = True
        if self.peek() == "^":
            self.i += 1
            plain = False
        first = True
        while first or self.peek() != "]":
            first = False
            ch = self.take()
            node = self.escape(in_class=True) if ch == "\\" else ("lit", ch)
            if self.peek() == "-" and self.p[self.i + 1 : self.i + 2] not in ("]", ""):
                self.i += 1  # a range
                end = self.take()
                if end == "\\":
                    self.escape(in_class=True)
                plain = False
                continue
            if node[0] == "lit":
                chars.append(node[1])
            else:
                plain = False
        self.i += 1
        if not plain or not chars:
            return _OTHER
        uniq = sorted(set(chars))
        return ("lit", uniq[0]) if len(uniq) == 1 else ("set", uniq)

    def group(self) -> list[Node]:
        kind = "capture"
        if self.peek() == "?":
            self.i += 1
            kind = self.group_kind()
            if kind == "flags-only":
                return []
            if kind == "comment":
                self.i = self.p.index(")", self.i) + 1
                return []
        inner = self.alternation()
        if self.take() != ")":
            raise Unsupported("unbalanced group")
        if kind == "plain":
            return inner
        if kind == "capture":
            return [("sub", inner)]
        return [_OTHER]  # lookarounds, atomic groups, backreferences

    def group_kind(self) -> str:
        ch = self.take()
        if ch == ":":
            return "plain"
        if ch == "#":
            return "comment"
        if ch in "=!":
            return "look"
        if ch == ">":
            return "atomic"
        if ch == "<" and self.peek() and self.peek() in "=!":
            self.i += 1
            return "look"
        if (ch == "P" and self.peek() == "<") or ch == "<":
            self.i = self.p.index(">", self.i) + 1
            return "capture"
        if ch == "P" and self.peek() == "=":
            self.i = self.p.index(")", self.i)
            return "look"  # a named backreference: opaque
        if ch.isalpha() or ch == "-":  # inline flags: (?i) or scoped (?i:…)
            j = self.i - 1
            while self.p[j] not in ":)":
                j += 1
            flags = self.p[self.i - 1 : j]
            if "x" in flags:
                raise Unsupported("verbose mode")
            self.i = j + 1
            if self.p[j] == ")":
                return "flags-only"
            self.i = j + 1
            return "capture"  # a scoped-flags group reads like a group of its own
        raise Unsupported(f"group (?{ch}")


def _merge_branches(branches: list[list[Node]]) -> list[Node]:
    if len(branches) == 1:
        return branches[0]
    prefix: list[Node] = []
    while all(branches) and all(b[0] == branches[0][0] for b in branches[1:]):
        prefix.append(branches[0][0])
        branches = [b[1:] for b in branches]
    if all(len(b) == 1 and b[0][0] in ("lit", "set") for b in branches):
        chars = sorted({c for b in branches for c in ([b[0][1]] if b[0][0] == "lit" else b[0][1])})
        return [*prefix, ("set", chars)]
    return [*prefix, ("branch", branches)]


def parse(pattern: str) -> list[Node]:
    """The node sequence of ``pattern``; raises Unsupported for what it does not follow."""
    r = _Reader(pattern)
    try:
        nodes = r.alternation()
    except (IndexError, ValueError, KeyError) as exc:
        raise Unsupported(str(exc)) from None
    if r.i != len(pattern):
        raise Unsupported("unbalanced )")
    return nodes


def max_width(pattern: str, flags: int = 0) -> int | None:
    """The longest match of ``pattern`` in characters (an upper bound); None when unbounded
    or when the reader does not follow the pattern (then callers search without a window)."""
    if flags & 64:  # re.VERBOSE
        return None
    r = _WidthReader(pattern)
    try:
        width = r.alternatives()
    except (Unsupported, IndexError, ValueError, KeyError):
        return None
    return width if r.i == len(pattern) else None


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


class _WidthReader(_Reader):
    """The same cursor as the literal reader, reading widths instead of nodes."""

    def alternatives(self) -> int | None:
        best = self.widths()
        while self.peek() == "|":
            self.i += 1
            w = self.widths()
            best = None if best is None or w is None else max(best, w)
        return best

    def widths(self) -> int | None:
        total: int | None = 0
        while self.i < len(self.p) and self.peek() not in "|)":
            total = _add(total, self.repeated(self.atom_width()))
        return total

    def repeated(self, w: int | None) -> int | None:
        ch = self.peek()
        if ch == "?":
            self.i += 1
        elif ch in ("*", "+"):
            self.i += 1
            w = 0 if w == 0 else None
        elif ch == "{":
            j = self.p.find("}", self.i)
            lo, sep, hi = self.p[self.i + 1 : j].partition(",") if j > 0 else ("", "", "")
            if j < 0 or not (lo.isdigit() or (sep and not lo)) or (hi and not hi.isdigit()):
                return w  # a literal "{": read as the next atom
            if not (lo or hi):
                return w
            self.i = j + 1
            top = int(hi) if hi else (int(lo) if not sep else None)
            w = None if w is None or top is None else (0 if w == 0 else w * top)
        else:
            return w
        if self.peek() in ("?", "+") and self.peek():  # lazy or possessive: same width
            self.i += 1
        return w

    def atom_width(self) -> int | None:
        ch = self.take()
        if ch == "\\":
            nxt = self.peek()
            if nxt in ("b", "B", "A", "Z"):
                self.i += 1
                return 0
            if nxt and nxt in "123456789":
                raise Unsupported("backreference")
            self.escape()
            return 1
        if ch == "[":
            self.char_class()
            return 1
        if ch == "(":
            return self.group_width()
        if ch in "^$":
            return 0
        return 1  # "." and any literal character

    def group_width(self) -> int | None:
        kind = "capture"
        if self.peek() == "?":
            self.i += 1
            if self.peek(2) == "P=":
                raise Unsupported("named backreference")
            kind = self.group_kind()
            if kind == "flags-only":
                return 0
            if kind == "comment":
                self.i = self.p.index(")", self.i) + 1
                return 0
        inner = self.alternatives()
        if self.take() != ")":
            raise Unsupported("unbalanced group")
        return 0 if kind == "look" else inner


def max_reach(pattern: str, flags: int = 0) -> int | None:
    """How far past a match's start the engine may look while matching there (an upper
    bound, in characters; None when unbounded or not followed): consumed characters, and
    what lookaheads, ``\\b``, ``\\Z`` and ``$`` inspect after them. A match found at ``s`` in
    ``text[:e]`` with ``s + reach <= e`` is the one a search of the whole text finds at
    ``s``: every character the engine read lies before ``e`` (``rules/scan.py``)."""
    if flags & 64:  # re.VERBOSE
        return None
    r = _ReachReader(pattern)
    try:
        _, reach = r.alternatives()
    except (Unsupported, IndexError, ValueError, KeyError):
        return None
    return reach if r.i == len(pattern) else None


def _most(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else max(a, b)


WidthReach = tuple[int | None, int | None]


class _ReachReader(_Reader):
    """The width reader's cursor, reading (longest width, reach) pairs: a sequence reaches as
    far as its furthest item does from that item's latest start; a lookahead consumes
    nothing and reaches as far as its contents; ``$`` reads up to two characters on (the
    end, or a newline that ends the text), ``\\b`` and ``\\Z`` one."""

    def alternatives(self) -> WidthReach:
        width, reach = self.items()
        while self.peek() == "|":
            self.i += 1
            w, r = self.items()
            width, reach = _most(width, w), _most(reach, r)
        return width, reach

    def items(self) -> WidthReach:
        off: int | None = 0
        reach: int | None = 0
        while self.i < len(self.p) and self.peek() not in "|)":
            w, r = self.repeated(self.atom_reach())
            reach = _most(reach, _add(off, r))
            off = _add(off, w)
        return off, reach

    def repeated(self, wr: WidthReach) -> WidthReach:
        w, r = wr
        ch = self.peek()
        top: int | None
        if ch == "?":
            self.i += 1
            top = 1
        elif ch in ("*", "+"):
            self.i += 1
            top = None
        elif ch == "{":
            j = self.p.find("}", self.i)
            lo, sep, hi = self.p[self.i + 1 : j].partition(",") if j > 0 else ("", "", "")
            if j < 0 or not (lo.isdigit() or (sep and not lo)) or (hi and not hi.isdigit()):
                return wr  # a literal "{": read as the next atom
            if not (lo or hi):
                return wr
            self.i = j + 1
            top = int(hi) if hi else (int(lo) if not sep else None)
        else:
            return wr
        if self.peek() in ("?", "+") and self.peek():  # lazy or possessive: same reach
            self.i += 1
        if top == 0:
            return 0, 0
        if w == 0:
            return 0, r  # a repeated assertion reads no further than one
        if top is None or w is None or r is None:
            return None, None
        return w * top, w * (top - 1) + r  # the last repetition starts at most there

    def atom_reach(self) -> WidthReach:
        ch = self.take()
        if ch == "\\":
            nxt = self.peek()
            if nxt in ("b", "B", "Z"):
                self.i += 1
                return 0, 1
            if nxt == "A":
                self.i += 1
                return 0, 0
            if nxt and nxt in "123456789":
                raise Unsupported("backreference")
            self.escape()
            return 1, 1
        if ch == "[":
            self.char_class()
            return 1, 1
        if ch == "(":
            return self.group_reach()
        if ch == "^":
            return 0, 0
        if ch == "$":
            return 0, 2
        return 1, 1  # "." and any literal character

    def group_reach(self) -> WidthReach:
        kind = "capture"
        if self.peek() == "?":
            self.i += 1
            if self.peek(2) == "P=":
                raise Unsupported("named backreference")
            kind = self.group_kind()
            if kind == "flags-only":
                return 0, 0
            if kind == "comment":
                self.i = self.p.index(")", self.i) + 1
                return 0, 0
        width, reach = self.alternatives()
        if self.take() != ")":
            raise Unsupported("unbalanced group")
        # a lookbehind reads before its position and no further than its contents reach
        return (0, reach) if kind == "look" else (width, reach)


def line_reach(pattern: str, flags: int = 0) -> int | None:
    """For a pattern none of whose matches can hold a newline (no character it consumes can
    be ``\\n``): how far past the end of a match's line matching may read (lookaheads,
    ``\\b``, ``$``; at least 1, the newline itself). None when a match may cross a line or
    the pattern is not followed. Then every match lies within one line, and a search of a
    line ``[a, b)`` in ``text[:b + reach]`` finds what a whole-text search finds there."""
    if flags & 64 or _INLINE_DOTALL.search(pattern):
        return None
    r = _LineReader(pattern, flags)
    try:
        r.alternatives()
    except (Unsupported, IndexError, ValueError, KeyError, re.error):
        return None
    if r.i != len(pattern) or r.newline or r.asserts is None:
        return None
    return max(1, r.asserts)


_INLINE_DOTALL = re.compile(r"\(\?[a-zA-Z-]*s")


class _LineReader(_ReachReader):
    """The reach reader, noting whether a consumed character can be a newline (each
    one-character atom tried on ``"\\n"`` with the pattern's flags) and the furthest any
    assertion reads from where it stands."""

    def __init__(self, pattern: str, flags: int) -> None:
        super().__init__(pattern)
        self.flags = flags
        self.newline = False
        self.asserts: int | None = 0

    def _assert(self, reach: int | None) -> None:
        self.asserts = None if reach is None or self.asserts is None else max(self.asserts, reach)

    def atom_reach(self) -> WidthReach:
        start = self.i
        wr = super().atom_reach()
        src = self.p[start : self.i]
        if src[0] == "(":
            return wr
        if wr[0] == 0:
            self._assert(wr[1])
        elif re.fullmatch(src, "\n", self.flags & ~64) is not None:
            self.newline = True
        return wr

    def group_reach(self) -> WidthReach:
        ahead, behind = self.p[self.i : self.i + 2], self.p[self.i : self.i + 3]
        if ahead in ("?=", "?!") or behind in ("?<=", "?<!"):
            consumed = self.newline  # a lookaround's contents consume nothing
            width, reach = super().group_reach()
            self.newline = consumed
            self._assert(reach)
            return width, reach
        return super().group_reach()
