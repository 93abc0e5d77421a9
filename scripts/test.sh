#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium) and run them all,
# real-browser tests included. Used as-is by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# Debian's packages the tests use: chromium (the browser tests), postgresql (the store and the
# browser tests on both backends), nginx with its brotli module (several app processes behind it,
# deploy/).
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
command -v "${REVIEW_CHROMIUM:-chromium}" >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A PostgreSQL server on loopback, unless REVIEW_TEST_DATABASE_URL names one: a cluster of our own
# in .test-postgres (owned by the postgres user, as PostgreSQL refuses to run as root), on a free
# port, stopped when the tests end. Each test makes and drops a schema of its own in it.
if [ -z "${REVIEW_TEST_DATABASE_URL:-}" ]; then
  eval "$("$PYTHON" scripts/test_postgres.py start --fast)"
  trap '"$PYTHON" scripts/test_postgres.py stop' EXIT
fi

"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check .

run_pytest() {
  set +e
  "$PYTHON" -m pytest "$@"
  local status=$?
  set -e
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure, not a pass" >&2
    return 1
  fi
  return "$status"
}

if [ "$#" -gt 0 ]; then
  run_pytest "$@"  # what was asked for, as asked
else
  # Everything: the unit and page tests, then the real-browser tests, each on one worker per core
  # (each browser worker starts servers and a chromium of its own; a third worker on two cores made
  # every wait slower). Every wait in the browser tests is for a state, with a limit a loaded machine
  # meets (tests/e2e/conftest.py STATE_TIMEOUT).
  unit=0
  run_pytest -n 2 --ignore=tests/e2e || unit=$?
  run_pytest -n 2 tests/e2e
  exit "$unit"
fi
