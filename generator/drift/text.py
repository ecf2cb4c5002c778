"""The text step: a fetched page as the plain text the parsers read.

Pages are stored as text copies; a freshly fetched page may be HTML. Converting is kept apart from
parsing so that either form can be fed in: block elements become line breaks, list items become
``  • `` bullets (as in the text copies), scripts and styles are dropped, entities are decoded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator.drift.model import PageError

_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "form"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre"),
        *("section", "table", "tbody", "td", "th", "thead", "tr", "ul"),
    }
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg"})
HTML_SUFFIXES = (".html", ".htm")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("  • ")
            if tag == "pre":
                self._pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self.parts.append(data if self._pre else re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html: str) -> str:
    """The page's visible text, one block per line (blank lines dropped: no parser needs them)."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [
        line.strip() if not line.startswith("  • ") else line.rstrip() for line in "".join(extractor.parts).split("\n")
    ]
    text = "\n".join(lines)
    return re.sub(r"\n(?:[ \t]*\n)+", "\n", text).strip("\n") + "\n"


def read_page(path: Path, display: str) -> str:
    """The text of a page file: ``.txt`` as is, ``.html``/``.htm`` through :func:`html_to_text`."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PageError(display, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise PageError(display, None, f"cannot read: {exc.strerror}") from None
    return html_to_text(raw) if path.suffix.lower() in HTML_SUFFIXES else raw
