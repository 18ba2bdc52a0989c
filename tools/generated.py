"""Writing the files a tool generates, or checking them (``--check``), in one place."""

from __future__ import annotations

from pathlib import Path


def write_or_check(files: dict[Path, str], check: bool, root: Path) -> list[Path]:
    """Write each file (saying so), or with ``check`` write nothing; the files whose content
    differs from what the tool would write (all of them missing or stale)."""
    stale: list[Path] = []
    for path, text in sorted(files.items()):
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(root)} ({len(text.encode()) // 1024} KiB)")
    return stale
