#!/usr/bin/env bash
# Set up (once) and run cleaner.
#   ./run.sh clean FILE       clean one article (any cleaner subcommand works: explain, batch, serve...)
#   ./run.sh test [ARGS]      run the test suite (pytest ARGS)
# The virtual environment lives in .venv (override with VENV=...); it is rebuilt when
# pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")"
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
if [ ! -x "$VENV/bin/cleaner" ] || [ ! -f "$VENV/.installed" ] || [ pyproject.toml -nt "$VENV/.installed" ]; then
  echo "run.sh: setting up $VENV (first run or pyproject.toml changed)..." >&2
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >&2
  "$VENV/bin/python" -m pip install -q -e ".[test]" >&2
  touch "$VENV/.installed"
fi
case "${1:-}" in
  test) shift; exec "$VENV/bin/python" -m pytest "$@" ;;
  "") exec "$VENV/bin/cleaner" --help ;;
  *) exec "$VENV/bin/cleaner" "$@" ;;
esac
