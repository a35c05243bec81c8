#!/usr/bin/env bash
# Install the third-party tools the interop tests run against. Idempotent: a second run
# finds both installed and does nothing.
#   scripts/install-interop.sh [PYTHON]
# PYTHON is the interpreter of the venv that receives arguebuf (default: python3 on PATH,
# or .venv/bin/python when it exists). @argdown/cli goes into .cache/argdown in the repo.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARGDOWN_VERSION="1.7.5"
ARGUEBUF_SPEC="arguebuf>=2,<3"
PREFIX="$ROOT/.cache/argdown"

if [[ $# -ge 1 ]]; then
    PYTHON="$1"
    # Accept a venv folder as well as an interpreter.
    [[ -d "$PYTHON" ]] && PYTHON="$PYTHON/bin/python"
elif [[ -x "$ROOT/.venv/bin/python" ]]; then
    PYTHON="$ROOT/.venv/bin/python"
else
    PYTHON="$(command -v python3)"
fi

installed_argdown() {
    node -e "process.exit(require('$PREFIX/node_modules/@argdown/cli/package.json').version === '$ARGDOWN_VERSION' ? 0 : 1)" 2>/dev/null
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "install-interop: node or npm not found; the Argdown interop tests will skip (fail under CI)" >&2
elif installed_argdown; then
    echo "install-interop: @argdown/cli@$ARGDOWN_VERSION already in $PREFIX"
else
    mkdir -p "$PREFIX"
    npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "@argdown/cli@$ARGDOWN_VERSION"
fi

if "$PYTHON" -c "import arguebuf" 2>/dev/null; then
    echo "install-interop: arguebuf already installed for $PYTHON"
else
    "$PYTHON" -m pip install --quiet "$ARGUEBUF_SPEC"
fi
