"""The unasync step: the sync twin of each async runtime module, rewritten token by token.

The runtime's client and transport modules are written once, async, under
``static/src/ideogram_clients/_async/``; this step writes their sync twins to ``…/_sync/`` (httpcore's
approach). The rewrite is mechanical and small on purpose: ``async``/``await`` keywords are dropped,
and every name in :data:`REPLACEMENTS` becomes its sync counterpart wherever it stands as a whole
name (in code, and as a word in strings and comments, so docstrings read right). Nothing else
changes; what cannot be said with this table (a sleep, a stall bound, awaiting a callback's result)
lives in the hand-written ``_io`` module, which has both forms.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

#: async name -> sync name. Whole names only; order does not matter.
REPLACEMENTS: dict[str, str] = {
    # language and standard library
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "aclose": "close",
    "aclosing": "closing",
    "asynccontextmanager": "contextmanager",
    "AsyncGenerator": "Generator",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    # httpx and httpx-sse
    "AsyncClient": "Client",
    "AsyncByteStream": "SyncByteStream",
    "AsyncBaseTransport": "BaseTransport",
    "AsyncHTTPTransport": "HTTPTransport",
    "handle_async_request": "handle_request",
    "aiter_bytes": "iter_bytes",
    "aiter_sse": "iter_sse",
    # the runtime's own twins
    "_async": "_sync",
    "AsyncSleep": "Sleep",
    "asleep": "sleep",
    "anotify": "notify",
    "astall_bound": "stall_bound",
    "AsyncLock": "Lock",
    "amap_bounded": "map_bounded",
    "arun_blocking": "run_blocking",
    "AsyncStorage": "SyncStorage",
    "AsyncHTTP": "SyncHTTP",
    "AsyncShardedTransport": "ShardedTransport",
    "AsyncClientBase": "SyncClientBase",
    "_AsyncGuardedStream": "_GuardedStream",
    "AsyncFalClient": "SyncFalClient",
    "AsyncQueueHandle": "QueueHandle",
    "AsyncMagnificClient": "SyncMagnificClient",
}
#: Keywords the sync twin drops (with the blank that follows them).
DROPPED = frozenset({"async", "await"})

_WORD = re.compile(r"\b(" + "|".join(sorted(map(re.escape, REPLACEMENTS), key=len, reverse=True)) + r")\b")
_AWAIT_IN_FSTRING = re.compile(r"^[rRbB]*[fF][rRbB]*['\"].*\{[^}]*\bawait\b", re.DOTALL)
_TEXT_TOKENS = frozenset({tokenize.STRING, tokenize.COMMENT})


class UnasyncError(ValueError):
    """An async source the rewrite cannot express (the message says where)."""


def header(source: str) -> str:
    """The first line of every generated twin."""
    return f"# generated from {source} by the unasync step, do not edit\n"


def unasync(text: str) -> str:
    """``text`` (an async module) rewritten as its sync twin."""
    lines = text.splitlines(keepends=True)
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    edits: list[tuple[int, int, int, str]] = []  # (row, start col, end col, replacement), rows 1-based
    for index, token in enumerate(tokens):
        (row, start), (end_row, end) = token.start, token.end
        if token.type == tokenize.NAME and token.string in DROPPED:
            following = tokens[index + 1]
            stop = following.start[1] if following.start[0] == row else end
            edits.append((row, start, stop, ""))
        elif token.type == tokenize.NAME and token.string in REPLACEMENTS:
            edits.append((row, start, end, REPLACEMENTS[token.string]))
        elif token.type == tokenize.STRING and _AWAIT_IN_FSTRING.search(token.string):
            raise UnasyncError(f"line {row}: an await inside an f-string is not rewritten; await it before")
        elif token.type in _TEXT_TOKENS and row == end_row:
            edits.append((row, start, end, _WORD.sub(lambda m: REPLACEMENTS[m.group(1)], token.string)))
        elif token.type in _TEXT_TOKENS:  # a multi-line string: rewrite it line by line
            for offset in range(end_row - row + 1):
                first = start if offset == 0 else 0
                last = end if row + offset == end_row else len(lines[row + offset - 1])
                piece = lines[row + offset - 1][first:last]
                edits.append((row + offset, first, last, _WORD.sub(lambda m: REPLACEMENTS[m.group(1)], piece)))
    for row, start, stop, replacement in sorted(edits, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:start] + replacement + line[stop:]
    return "".join(lines)


def twins(package: Path, source_root: Path) -> dict[str, str]:
    """``{path of the sync twin: its text}`` for every module of ``package/_async`` (paths relative to
    ``source_root``, the folder the package's files are copied from)."""
    if (package / "_sync").exists():
        raise UnasyncError(f"{package.name}/_sync/ is generated from _async/: write the async source instead")
    found: dict[str, str] = {}
    for path in sorted((package / "_async").glob("*.py")):
        source = f"generator/static/{path.relative_to(source_root).as_posix()}"
        target = (path.parent.parent / "_sync" / path.name).relative_to(source_root).as_posix()
        try:
            text = _SYNC_INIT if path.name == "__init__.py" else unasync(path.read_text(encoding="utf-8"))
        except UnasyncError as exc:
            raise UnasyncError(f"{source}: {exc}") from None
        found[target] = header(source) + text
    return found


_SYNC_INIT = '''"""The sync twins of the modules in ``_async/``; import the public names from ``_http``, ``_fal``
and ``_magnific``."""
'''
