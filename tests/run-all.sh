#!/usr/bin/env bash
# Runs every ModelHub test: unit, integration (WebApplicationFactory + SQLite), the database-facing integration
# tests again on a throwaway PostgreSQL (tests/postgres.sh), browser (Playwright + Chromium) and a smoke test of
# the published app in Production (tests/publish-smoke.sh).
# On a fresh machine it first installs what the tests need and the repository cannot carry: Debian's Chromium,
# redis-server and haproxy (here) and PostgreSQL (in tests/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests start: Chromium (browser tests), redis-server (multi-instance and health tests) and
# haproxy (the two-instance topology test, through infra/local/topology.sh).
missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if ! command -v redis-server >/dev/null 2>&1; then missing+=(redis-server); fi
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then missing+=(haproxy); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages the tests need: ${missing[*]}..."
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=""; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  # The package starts a system Redis on 6379; the tests start their own on free ports.
  if [[ " ${missing[*]} " == *" redis-server "* ]]; then $SUDO service redis-server stop >/dev/null 2>&1 || true; fi
  # Likewise a system haproxy on port 80; the topology test starts its own.
  if [[ " ${missing[*]} " == *" haproxy "* ]]; then $SUDO service haproxy stop >/dev/null 2>&1 || true; fi
fi

dotnet tool restore >/dev/null
dotnet build ModelHub.sln -c Release --nologo -v quiet

status=0
passed=0
failed=0
# Each entry: a project, optionally followed by "|postgres" to run its Database-trait tests on PostgreSQL, or by
# "|topology" to run its Topology-trait tests (two instances behind haproxy) on PostgreSQL.
for run in tests/ModelHub.UnitTests tests/ModelHub.ComponentTests tests/ModelHub.IntegrationTests "tests/ModelHub.IntegrationTests|postgres" \
    tests/ModelHub.BrowserTests "tests/ModelHub.BrowserTests|topology"; do
  project=${run%|*}
  log=$(mktemp)
  if [ "$run" = "tests/ModelHub.BrowserTests" ]; then
    echo "== $project (without Topology=true)"
    dotnet test "$project" -c Release --no-build --nologo --filter "Topology!=true" 2>&1 | tee "$log" || status=1
  elif [ "$run" = "$project" ]; then
    echo "== $project"
    dotnet test "$project" -c Release --no-build --nologo 2>&1 | tee "$log" || status=1
  elif [ "${run#*|}" = "topology" ]; then
    echo "== $project on PostgreSQL (Topology=true: two instances behind haproxy)"
    tests/postgres.sh dotnet test "$project" -c Release --no-build --nologo --filter "Topology=true" 2>&1 | tee "$log" || status=1
  else
    # Far from UTC on purpose: times must be stored and read back as UTC whatever the machine's zone.
    echo "== $project on PostgreSQL (Database=true, TZ=Pacific/Chatham)"
    TZ=Pacific/Chatham tests/postgres.sh dotnet test "$project" -c Release --no-build --nologo --filter "Database=true" 2>&1 | tee "$log" || status=1
  fi
  # dotnet test's summary: "Passed!  - Failed:     0, Passed:    28, Skipped: ..."
  summary=$(grep -E "^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+" "$log" | tail -n 1 || true)
  if [ -z "$summary" ]; then
    echo "No test summary from $project: counting it as failed."
    status=1
    failed=$((failed + 1))
  else
    failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")))
    passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")))
  fi
  rm -f "$log"
done

echo "== published app (Release, Production)"
if tests/publish-smoke.sh; then
  passed=$((passed + 1))
else
  status=1
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
exit $status
