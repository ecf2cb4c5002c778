#!/usr/bin/env bash
# `make dist`: build the sdist and wheel of generated/, check them, install the wheel (not editable)
# into a fresh venv and test the *installed* package: import smoke test, mypy --strict on examples/,
# and the contract suite. Usage: scripts/dist.sh <dev-venv-bin>
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.venv/bin}
OUT=build/dist
VENV=build/dist-venv
started=$(date +%s)

rm -rf "$OUT" "$VENV" generated/build generated/src/*.egg-info
"$BIN/python" -m build --outdir "$OUT" generated >/dev/null
"$BIN/python" -m twine check --strict "$OUT"/*
rm -rf generated/build generated/src/*.egg-info  # setuptools' scratch space: not part of generated/

"$BIN/python" -m venv "$VENV"
WHEEL=$(ls "$OUT"/*.whl)
# The wheel with every extra, plus the test tools at the dev pins; ideogram_clients only from the wheel.
"$VENV/bin/python" -m pip install --quiet "${WHEEL}[all]" -c requirements-dev.txt \
    pytest pytest-xdist pytest-asyncio hypothesis respx pyyaml jinja2 mypy
"$VENV/bin/python" scripts/dist_smoke.py "$WHEEL"

# mypy --strict on the README examples, from a folder where only the installed package is importable.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp examples/*.py "$tmp"/
(cd "$tmp" && "$OLDPWD/$VENV/bin/mypy" --strict --no-incremental --cache-dir=/dev/null .)

# The contract suite against the installed package (the repo root holds no ideogram_clients).
"$VENV/bin/python" -m pytest -n 2 -q contract_tests
echo "make dist: OK in $(( $(date +%s) - started ))s ($(ls "$OUT" | tr '\n' ' '))"
