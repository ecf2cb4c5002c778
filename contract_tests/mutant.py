"""One mutant: byte-offset edits to one file of the generated package, and where it can be seen.

Sites are found with :mod:`ast` (:class:`Source` maps nodes to byte offsets) and changed by edits,
so the rest of the file stays as generated. :attr:`Mutant.ident` is a stable id (a digest of the
file and the edits) used to compare the kill sets of the two runners.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PRELUDE", "Edit", "Mutant", "Source"]

PRELUDE = b"import typing as _mutant_typing\nimport pydantic as _mutant_pydantic\n"


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: bytes


@dataclass(frozen=True)
class Mutant:
    """One mutation: edits to one file, and which endpoints/test groups can see it."""

    file: str
    kind: str
    description: str
    edits: tuple[Edit, ...]
    endpoints: tuple[str, ...]
    groups: tuple[str, ...] | None = None  # None: every test of those endpoints
    #: ``<owner>:<field>`` prefixes of the constraint ids (contract_tests.constraints) it breaks
    constraints: tuple[str, ...] = ()
    #: the mutated line, for runtime mutants (which own no constraint): selected by line coverage
    line: int | None = None

    @property
    def ident(self) -> str:
        """Stable across runs and runners: the file and the edits, digested."""
        digest = hashlib.sha1(self.file.encode())
        for edit in self.edits:
            digest.update(f"|{edit.start}:{edit.end}:".encode() + edit.text)
        return digest.hexdigest()[:12]

    def __str__(self) -> str:
        return f"[{self.kind}] {self.file}: {self.description}"

    def apply(self, source: bytes) -> bytes:
        for edit in sorted(self.edits, key=lambda edit: edit.start, reverse=True):
            source = source[: edit.start] + edit.text + source[edit.end :]
        return source


class Source:
    """A parsed file with byte offsets for AST nodes (col_offset counts UTF-8 bytes)."""

    def __init__(self, path: Path) -> None:
        self.data = path.read_bytes()
        self.tree = ast.parse(self.data)
        self.starts = [0]
        for line in self.data.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end = self.starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
        return start, end

    def text(self, node: ast.AST) -> bytes:
        start, end = self.span(node)
        return self.data[start:end]

    def replace(self, node: ast.AST, text: str | bytes) -> Edit:
        start, end = self.span(node)
        return Edit(start, end, text.encode() if isinstance(text, str) else text)

    def prelude(self) -> Edit:
        """Imports the alias/strict mutants need, right after ``from __future__ import annotations``."""
        for node in self.tree.body:
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                end = self.span(node)[1]
                return Edit(end, end, b"\n" + PRELUDE.rstrip(b"\n"))
        return Edit(0, 0, PRELUDE)
