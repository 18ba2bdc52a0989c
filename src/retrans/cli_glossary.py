"""``retrans glossary``: list, show, check and import name glossaries."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from retrans.cli_options import format_option
from retrans.errors import DataError, InputError, RetransError

if TYPE_CHECKING:
    from retrans.glossary.index import GlossaryData
    from retrans.glossary.model import Entity


def _load(extra: list[Path] | None = None) -> GlossaryData:
    from retrans.glossary.index import GlossaryData

    return GlossaryData.load(extra)


def register(app: typer.Typer) -> None:
    """Add the glossary commands to ``app`` (the ``retrans glossary`` group)."""
    app.command("list")(list_)
    app.command("show")(show)
    app.command("check")(check_)
    app.command("import")(import_)


def list_(
    type: Annotated[str | None, typer.Option("--type", help="person, place, organisation")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Show names in this language.")] = None,
    format: Annotated[str, format_option(("text", "json"))] = "text",
) -> None:
    """List entities (id, type and name)."""
    data = _load()
    ents = [e for e in data.entities if type is None or e.type == type]
    if format == "json":
        import json

        counts: dict[str, int] = {}
        for e in ents:
            counts[e.type] = counts.get(e.type, 0) + 1
        rows = [e.to_dict() for e in ents]
        doc = {"count": len(ents), "by_type": counts, "entities": rows}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return
    for e in ents:
        name = (e.names.get(lang or "en") or next(iter(e.names.values())))[0]
        typer.echo(f"{e.id:<40} {e.type:<13} {name}")


def _matches(e: Entity, q: str) -> bool:
    """``q`` (lowercased) is one of the entity's forms or variants."""
    forms = (
        f for kind in ("names", "short", "article") for fs in e.forms(kind).values() for f in fs
    )
    return any(f.lower() == q for f in forms) or any(v.lower() == q for v in e.variants)


def show(query: Annotated[str, typer.Argument(help="An entity id or any of its forms.")]) -> None:
    """Show one entity: every form in every language."""
    data = _load()
    q = query.lower()
    hits = [e for e in data.entities if e.id == q] or [e for e in data.entities if _matches(e, q)]
    if not hits:
        raise RetransError(f"no entity with id or form {query!r}")
    for e in hits:
        typer.echo(f"{e.id} ({e.type}) — {e.file}:{e.line}")
        for kind in ("names", "short", "article"):
            for lang, forms in sorted(e.forms(kind).items()):
                typer.echo(f"  {kind:<8} {lang}: {' | '.join(forms)}")
        if e.variants:
            typer.echo(f"  variants   : {' | '.join(e.variants)}")
        if e.guards:
            typer.echo(f"  guards     : {', '.join(e.guards)}")


def _glossary_files(files: list[Path] | None) -> list[Path]:
    """The files to check: the given ones plus the shipped ones (a newsroom file is checked
    against the shipped data too), or only the shipped ones."""
    from retrans import paths
    from retrans.glossary.model import entity_files

    roots = list(files) if files else [paths.glossary_dir()]
    gfiles: list[Path] = []
    for r in roots:
        if not r.exists():
            raise InputError("no such file or folder", str(r))
        gfiles.extend(entity_files(r))
    if files:
        shipped = [f.resolve() for f in entity_files(paths.glossary_dir())]
        gfiles = shipped + [f.resolve() for f in gfiles if f.resolve() not in shipped]
    return gfiles


def check_(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Glossary files or folders (default: the shipped ones)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict/--no-strict", help="Missing languages are errors too.")
    ] = True,
) -> None:
    """Validate glossaries: schema, duplicate ids, forms claimed twice, missing languages."""
    from retrans import paths
    from retrans.glossary.model import conflicts, load_entities, load_styles, missing_languages

    gfiles = _glossary_files(files)
    for f in gfiles:
        validate_file(f, "glossary")
    ents = load_entities(gfiles)
    problems = [str(e) for e in conflicts(ents)]
    if strict:
        problems += missing_languages(ents)
    for r in files or [paths.glossary_dir()]:
        if r.is_dir():
            for f in sorted((r / "styles").glob("*.yaml")):
                validate_file(f, "house-style")
            load_styles(r, {e.id: e for e in ents})
    for p in problems:
        sys.stderr.write(p + "\n")
    if problems:
        raise typer.Exit(2)
    typer.echo(f"{len(ents)} entities in {len(gfiles)} files: OK")


def validate_file(path: Path, kind: str) -> None:
    """Check one YAML data file against its schema (``retrans.schema``); DataError naming the
    file and line otherwise."""
    from retrans import schema, yamlio

    schema.check_data(
        yamlio.load(path), schema.SCHEMAS[kind], str(path), yamlio.strip_lines, yamlio.line_at
    )


def import_(
    csv_file: Annotated[Path, typer.Argument(help="CSV with columns id,type,lang,name,variants")],
    out: Annotated[Path | None, typer.Option("--out", help="YAML file to write.")] = None,
) -> None:
    """Import a newsroom's CSV name list into a glossary YAML file (next to the CSV by
    default; never into the shipped glossaries). The file is validated as every later
    command will load it: it is written only if ``glossary check --no-strict`` accepts it."""
    from retrans.paths import atomic_write

    entities = read_csv(csv_file)
    target = out or csv_file.with_suffix(".yaml")
    if out is None and target.exists():
        raise InputError("exists; give --out FILE to choose the output", str(target))
    text = dump_yaml(entities, f"imported from {csv_file.name}")
    for warning in validate_import(text, target):
        sys.stderr.write(warning + "\n")
    try:
        atomic_write(target, text.encode())
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", str(target)) from None
    typer.echo(f"{len(entities)} entities → {target}")


def read_csv(path: Path) -> list[dict[str, object]]:
    """Rows (id, type, lang, name, variants) → entity dicts; errors name file and line."""
    if not path.is_file():
        raise InputError("no such file", str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid UTF-8 at byte {exc.start}", str(path)) from None
    import io

    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _rows(reader, path)
    except csv.Error as exc:  # e.g. a field over csv's 128 KB limit, a stray NUL
        raise DataError(f"invalid CSV: {exc}", str(path), reader.line_num + 1) from None


def _rows(reader: csv.DictReader[str], path: Path) -> list[dict[str, object]]:
    from retrans.glossary.model import TYPES

    need = {"id", "type", "lang", "name"}
    if reader.fieldnames is None or not need <= set(reader.fieldnames):
        raise DataError("CSV needs columns id,type,lang,name[,variants]", str(path), 1)
    ents: dict[str, dict[str, object]] = {}
    for row in reader:
        i = reader.line_num
        eid, etype = (row.get("id") or "").strip(), (row.get("type") or "").strip()
        lang, name = (row.get("lang") or "").strip(), (row.get("name") or "").strip()
        if not eid or not lang or not name:
            raise DataError("id, lang and name are required", str(path), i)
        if etype not in TYPES:
            raise DataError(f"type must be one of {', '.join(TYPES)}", str(path), i)
        ent = ents.setdefault(eid, {"id": eid, "type": etype, "names": {}})
        if ent["type"] != etype:
            raise DataError(f"{eid}: type {etype!r} differs from an earlier row", str(path), i)
        names = ent["names"]
        assert isinstance(names, dict)
        forms = names.setdefault(lang, [])
        if name not in forms:
            forms.append(name)
        variants = [v.strip() for v in (row.get("variants") or "").replace(";", "|").split("|")]
        if any(variants):
            vs = ent.setdefault("variants", [])
            assert isinstance(vs, list)
            vs.extend(v for v in variants if v and v not in vs)
    return list(ents.values())


def dump_yaml(entities: list[dict[str, object]], comment: str) -> str:
    import yaml

    body = yaml.safe_dump({"entities": entities}, allow_unicode=True, sort_keys=False, width=100)
    return f"# {comment}\n{body}"


def validate_import(text: str, target: Path) -> list[str]:
    """Load the YAML about to be written as later commands will (with the shipped glossary):
    bad ids, duplicate ids and forms claimed twice are errors; missing languages are warnings."""
    from retrans import paths, yamlio
    from retrans.glossary.model import (
        conflicts,
        entity_files,
        load_entities,
        missing_languages,
        parse_entity,
    )

    data = yamlio.load(target, text)
    mine = [parse_entity(raw, str(target)) for raw in data["entities"]]
    shipped = load_entities(entity_files(paths.glossary_dir()))
    ids = {e.id: e for e in shipped}
    for ent in mine:
        first = ids.get(ent.id)
        if first is not None:
            raise DataError(
                f"id {ent.id!r} is already a shipped entity ({first.file}:{first.line})",
                str(target),
                ent.line,
            )
    errs = [e for e in conflicts(shipped + mine) if e.path == str(target)]
    if errs:
        raise errs[0]
    missing = missing_languages(mine)
    out = [f"retrans: warning: {m}" for m in missing[:3]]
    if len(missing) > 3:
        out.append(f"retrans: warning: {len(missing) - 3} more entities lack some languages")
    return out
