"""``retrans hook``: a git pre-commit hook that checks the staged text of drafts.

The hook reads what is staged (``git show :PATH``), not the work tree, so a half-staged file
is judged by what will be committed. It never replaces a hook it did not write unless told to
(``--force``, which keeps the old one beside it).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from retrans.errors import InputError, RetransError

MARKER = "# retrans pre-commit hook"
SUFFIXES = {".txt", ".text", ".md", ".markdown"}

hook_app = typer.Typer(no_args_is_help=True, help="A git pre-commit hook for staged drafts.")


def _git(
    *args: str, cwd: Path | None = None, text: bool = True
) -> subprocess.CompletedProcess[Any]:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=text, cwd=cwd, check=False)
    except FileNotFoundError:
        raise RetransError("git is not installed") from None


def _git_out(*args: str, cwd: Path | None = None) -> str:
    r = _git(*args, cwd=cwd)
    if r.returncode != 0:
        msg = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "git failed"
        raise RetransError(f"git {args[0]}: {msg}")
    return str(r.stdout)


def hook_script(python: str) -> str:
    """The hook: this interpreter's retrans, or the one on PATH if it has gone."""
    py = shlex.quote(python)
    return (
        "#!/bin/sh\n"
        f"{MARKER} (written by `retrans hook install`; `retrans hook uninstall` removes it)\n"
        f'if [ -x {py} ]; then exec {py} -m retrans hook run "$@"; fi\n'
        'exec retrans hook run "$@"\n'
    )


def hook_path(cwd: Path | None = None) -> Path:
    """Where git looks for the pre-commit hook (``core.hooksPath`` respected)."""
    if _git("rev-parse", "--git-dir", cwd=cwd).returncode != 0:
        raise RetransError("not inside a git repository")
    hooks = Path(_git_out("rev-parse", "--git-path", "hooks", cwd=cwd).strip())
    if not hooks.is_absolute():
        hooks = (cwd or Path.cwd()) / hooks
    return hooks / "pre-commit"


@hook_app.command("install")
def install(
    force: Annotated[
        bool, typer.Option("--force", help="Replace another pre-commit hook (kept as .bak).")
    ] = False,
) -> None:
    """Write .git/hooks/pre-commit: check staged .txt/.md files before each commit."""
    target = hook_path()
    if target.exists():
        old = target.read_text(encoding="utf-8", errors="replace")
        if MARKER not in old:
            if not force:
                raise InputError(
                    "a pre-commit hook that retrans did not write is already there; "
                    "--force replaces it (keeping a .bak copy)",
                    str(target),
                )
            os.replace(target, target.with_name("pre-commit.bak"))
            typer.echo(f"kept the old hook as {target.with_name('pre-commit.bak')}")
    target.parent.mkdir(parents=True, exist_ok=True)
    from retrans.paths import atomic_write

    atomic_write(target, hook_script(sys.executable).encode("utf-8"))
    target.chmod(0o755)
    typer.echo(f"installed {target}")


@hook_app.command("uninstall")
def uninstall() -> None:
    """Remove the hook retrans wrote (another hook is left alone)."""
    target = hook_path()
    if not target.exists():
        typer.echo("no pre-commit hook")
        return
    if MARKER not in target.read_text(encoding="utf-8", errors="replace"):
        raise InputError("this pre-commit hook was not written by retrans; left alone", str(target))
    target.unlink()
    typer.echo(f"removed {target}")


def staged_files(top: Path) -> list[str]:
    """Added, copied, modified or renamed files in the index, relative to the top folder."""
    out = _git_out("diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", cwd=top)
    return [p for p in out.split("\0") if p and Path(p).suffix.lower() in SUFFIXES]


@hook_app.command("run")
def run(
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help="error, warning (default) or info.")
    ] = None,
) -> None:
    """Check the staged content of text and Markdown files (what the hook runs)."""
    from retrans import formats, render
    from retrans.findings import Severity
    from retrans.ignorefile import ignored
    from retrans.selection import Resolver

    top = Path(_git_out("rev-parse", "--show-toplevel").strip())
    os.chdir(top)  # paths in messages and config lookup relative to the repository
    resolver = Resolver()
    blocking = 0
    out = sys.stdout
    for path in staged_files(top):
        if ignored(top / path):
            continue
        blob = _git("show", f":{path}", cwd=top, text=False)
        if blob.returncode != 0:
            continue  # e.g. a submodule entry
        text = formats.decode(blob.stdout, path)
        pipe = resolver.pipeline_for(path)
        name = fail_on or pipe.config.fail_on or "warning"
        try:
            threshold = None if name == "never" else Severity.parse(name)
        except ValueError as exc:
            raise RetransError(f"--fail-on: {exc}") from None
        for doc in formats.documents(text, path, formats.detect_format(path)):
            findings, _ = pipe.check(doc)
            for f in findings:
                out.write(render.text_line(doc, f) + "\n")
                if threshold is not None and f.severity >= threshold:
                    blocking += 1
    out.flush()
    if blocking:
        sys.stderr.write(
            f"retrans: commit blocked: {blocking} finding(s) in staged text "
            "(fix them, `retrans fix --interactive FILE`, or commit with --no-verify)\n"
        )
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(hook_app, name="hook")
