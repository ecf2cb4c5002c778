"""``python -m generator release [--check]``.

release: load specs/, classify changes against ``release/spec-lock.json``, bump the version file,
prepend the changelog entry (with the hand-written runtime notes of its ``## Unreleased`` section),
rewrite the lock, regenerate ``generated/``. Runtime notes alone also make a release. Exit 0.
--check: change nothing; exit 1 when specs/ changed since the lock but the version was not bumped
at least as far as the changes require (CI runs this in ``make check``). Exit 2: invalid spec/lock.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from generator.release import changelog, semver
from generator.release.change import Change
from generator.release.classify import classify
from generator.release.lock import Model, dump_lock, read_lock, spec_model
from generator.release.version import read_version, write_version

LOCK = Path("release/spec-lock.json")
CHANGELOG = Path("CHANGELOG.md")


def _load(root: Path) -> Model | None:
    from generator.spec.errors import SpecError
    from generator.spec.loader import load_specs

    try:
        return spec_model(load_specs(root))
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _print_changes(changes: list[Change]) -> None:
    for change in changes:
        print(f"  [{change.level}] {change}")


def check(root: Path) -> int:
    model = _load(root)
    if model is None:
        return 2
    locked = read_lock(root / LOCK)
    version = read_version(root)
    if locked is None:
        print(f"error: no {LOCK}; run `python -m generator release` to make the first release", file=sys.stderr)
        return 1
    locked_version, locked_model = locked
    changes = classify(locked_model, model)
    level = semver.highest([change.level for change in changes])
    if level is None:
        print(f"release: specs/ match the {locked_version} lock ({version = })")
        return 0
    needed = semver.bump(locked_version, level)
    if semver.parse(version) >= semver.parse(needed):
        print(f"release: version {version} covers {len(changes)} {level} change(s) since {locked_version}")
        return 0
    print(
        f"error: specs/ changed since release {locked_version} ({len(changes)} change(s), {level}) but the "
        f"version is still {version}; run `python -m generator release` (would make {needed}):",
        file=sys.stderr,
    )
    for change in changes:
        print(f"  [{change.level}] {change}", file=sys.stderr)
    return 1


def release(root: Path, *, date: str | None = None, regenerate: bool = True) -> int:
    model = _load(root)
    if model is None:
        return 2
    locked = read_lock(root / LOCK)
    today = date or datetime.datetime.now(datetime.UTC).date().isoformat()
    runtime = changelog.unreleased(root / CHANGELOG)
    if locked is None:
        version, changes = read_version(root), []
        print(f"release: first release {version}; locking {len(model['endpoints'])} endpoints")
    else:
        locked_version, locked_model = locked
        changes = classify(locked_model, model)
        level = semver.highest([change.level for change in changes])
        if level is None and not runtime:
            print(f"release: nothing to release; specs/ match {locked_version}")
            return 0
        if runtime:  # runtime notes count as additive at least (a patch before 1.0)
            level = semver.highest([level or "additive", "additive"])
        assert level is not None
        version = semver.bump(locked_version, level)
        print(
            f"release: {locked_version} → {version} ({level}, {len(changes)} spec change(s)"
            f"{', runtime notes' if runtime else ''})"
        )
        _print_changes(changes)
    write_version(root, version)
    changelog.prepend(root / CHANGELOG, changelog.entry(version, today, changes, runtime, first=locked is None))
    (root / LOCK).parent.mkdir(parents=True, exist_ok=True)
    (root / LOCK).write_text(dump_lock(version, model), encoding="utf-8")
    if regenerate:
        from generator.cli import generate

        return generate(root, root / "generated", check=False)
    return 0
