#!/usr/bin/env bash
# Install the Argdown CLI the interop tests run against, from the committed npm lock
# (scripts/argdown/package-lock.json) with `npm ci`, into .cache/argdown in the repo.
# Idempotent: a second run finds the locked tree installed and does nothing.
# (arguebuf, the AIF reader, is a Python package: it comes from requirements/lock.txt.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCKED="$ROOT/scripts/argdown"
PREFIX="$ROOT/.cache/argdown"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "install-interop: node or npm not found; the Argdown interop tests will skip (fail under CI)" >&2
    exit 0
fi
# The lock installed last time, kept beside the tree it made: equal means nothing to do.
if [[ -d "$PREFIX/node_modules/@argdown/cli" ]] && cmp -s "$LOCKED/package-lock.json" "$PREFIX/.installed-lock.json"; then
    exit 0
fi
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
cp "$LOCKED/package.json" "$LOCKED/package-lock.json" "$PREFIX/"
npm ci --prefix "$PREFIX" --no-audit --no-fund --loglevel=error
cp "$LOCKED/package-lock.json" "$PREFIX/.installed-lock.json"
