#!/usr/bin/env bash
# Make Graphviz's `dot` available: the reference layout engine, with SVG, PNG and PDF.
# Idempotent; does nothing when `dot` is already on PATH.
set -euo pipefail
if command -v dot >/dev/null 2>&1; then
    exit 0
fi
echo "argmap: installing Graphviz (the 'dot' layout engine)..." >&2
if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
            echo "argmap: need root to run apt-get; install Graphviz yourself: apt-get install graphviz" >&2
            exit 1
        fi
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends graphviz >/dev/null
elif command -v brew >/dev/null 2>&1; then
    brew install graphviz
elif command -v dnf >/dev/null 2>&1; then
    sudo dnf install -y graphviz
else
    echo "argmap: cannot install Graphviz here; install it from https://graphviz.org/download/ and rerun" >&2
    exit 1
fi
command -v dot >/dev/null 2>&1 && dot -V
