"""The doc set: every page of a docs folder, read (text step) and parsed by its format.

The format comes from the file name, as the pages are stored: ``fal-*.api-reference``,
``fal-*.client-guide`` and ``magnific-*.api-reference``, each as ``.txt`` or as fetched ``.html``.
Pages are keyed by their ``.txt`` name because that is how specs cite them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.drift import fal_guide, fal_reference, magnific
from generator.drift.model import DocPage, PageError
from generator.drift.text import HTML_SUFFIXES, read_page

Parser = Callable[[str, str, str], DocPage]


def parser_for(name: str) -> Parser | None:
    stem = name.removesuffix(".txt")
    if stem.startswith("magnific-") and stem.endswith(".api-reference"):
        return magnific.parse
    if stem.startswith("fal-") and stem.endswith(".api-reference"):
        return fal_reference.parse
    if stem.startswith("fal-") and stem.endswith(".client-guide"):
        return fal_guide.parse
    return None


@dataclass(frozen=True)
class DocSet:
    """Parsed pages and their texts, by ``.txt`` name."""

    folder: Path
    pages: dict[str, DocPage]
    texts: dict[str, str]


def display_path(root: Path, folder: Path, name: str) -> str:
    try:
        return (folder / name).relative_to(root).as_posix()
    except ValueError:
        return str(folder / name)


@lru_cache(maxsize=64)
def _parse(parse: Parser, name: str, display: str, text: str) -> DocPage:
    """Parsed pages are immutable, so an unchanged page is parsed once per process."""
    return parse(name, display, text)


def load_docs(root: Path, folder: Path) -> DocSet:
    """Read and parse every page in ``folder``; a page that is not in its format raises PageError."""
    if not folder.is_dir():
        raise PageError(str(folder), None, "no such docs folder")
    files: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in HTML_SUFFIXES and path.is_file():
            files.setdefault(path.stem + ".txt", path)
    for path in sorted(folder.glob("*.txt")):
        files[path.name] = path  # a text copy wins over a fetched page of the same name
    pages: dict[str, DocPage] = {}
    texts: dict[str, str] = {}
    for name, path in sorted(files.items()):
        display = display_path(root, folder, path.name)
        parse = parser_for(name)
        if parse is None:
            raise PageError(
                display,
                None,
                "unknown page format (expected fal-*.api-reference, fal-*.client-guide or magnific-*.api-reference)",
            )
        texts[name] = read_page(path, display)
        pages[name] = _parse(parse, name, display, texts[name])
    if not pages:
        raise PageError(str(folder), None, "no pages (*.txt or *.html)")
    return DocSet(folder, pages, texts)
