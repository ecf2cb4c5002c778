"""The unasync step: sync twins are a fixed, mechanical rewrite of the async sources, and current."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator.render.unasync import REPLACEMENTS, UnasyncError, header, twins, unasync

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "generator" / "static"
PACKAGE = STATIC / "src" / "ideogram_clients"

SOURCE = '''\
class AsyncThing(AsyncHTTP):
    """The async twin; uses :class:`AsyncHTTP` and ``aclose``."""

    async def run(self) -> AsyncIterator[int]:
        async with aclosing(self.items()) as items:  # AsyncHTTP in a comment
            async for item in items:
                yield await self.get(item, "AsyncHTTP-ish text", f"{self.n}")
        await self.client.aclose()
'''


def test_keywords_are_dropped_and_names_replaced_keeping_layout() -> None:
    out = unasync(SOURCE)
    assert out == (
        "class AsyncThing(SyncHTTP):\n"
        '    """The async twin; uses :class:`SyncHTTP` and ``close``."""\n'
        "\n"
        "    def run(self) -> Iterator[int]:\n"
        "        with closing(self.items()) as items:  # SyncHTTP in a comment\n"
        "            for item in items:\n"
        '                yield self.get(item, "SyncHTTP-ish text", f"{self.n}")\n'
        "        self.client.close()\n"
    )
    ast.parse(out)


def test_only_whole_names_are_replaced() -> None:
    assert unasync("asleepy = aclosed + _asyncx\n") == "asleepy = aclosed + _asyncx\n"
    assert unasync("x = asleep\n") == "x = sleep\n"


def test_every_async_module_has_a_generated_sync_twin_with_its_header() -> None:
    found = twins(PACKAGE, STATIC)
    names = {Path(path).name for path in found}
    assert names == {path.name for path in (PACKAGE / "_async").glob("*.py")}
    for path, text in found.items():
        assert path.startswith("src/ideogram_clients/_sync/")
        source = f"generator/static/src/ideogram_clients/_async/{Path(path).name}"
        assert text.startswith(header(source))
        assert "async def" not in text and "await " not in text
        generated = (ROOT / "generated" / path).read_text(encoding="utf-8")
        assert generated.startswith(header(source))


def test_the_table_maps_async_names_to_distinct_sync_names() -> None:
    assert len(set(REPLACEMENTS.values())) == len(REPLACEMENTS)
    assert not set(REPLACEMENTS) & set(REPLACEMENTS.values())


def test_an_await_inside_an_f_string_is_refused_not_left_in_the_sync_twin() -> None:
    with pytest.raises(UnasyncError, match="line 2: an await inside an f-string"):
        unasync('async def f() -> str:\n    return f"{await g()}"\n')


def test_a_hand_written_sync_folder_is_refused(tmp_path: Path) -> None:
    package = tmp_path / "src" / "pkg"
    (package / "_async").mkdir(parents=True)
    (package / "_async" / "x.py").write_text("async def f() -> None:\n    await g()\n", encoding="utf-8")
    assert twins(package, tmp_path)["src/pkg/_sync/x.py"].endswith("def f() -> None:\n    g()\n")
    (package / "_sync").mkdir()
    with pytest.raises(UnasyncError, match="_sync/ is generated"):
        twins(package, tmp_path)
