#!/usr/bin/env bash
# Publishes the app as infra/Dockerfile does, starts the published output in Production on a loopback
# port, and checks that the home page and every stylesheet and script it names answer 200.
# Prints "publish smoke: passed" or "publish smoke: failed" last; exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
port=$((10000 + RANDOM % 22000)) # below the kernel's ephemeral range (32768 up), where outgoing connections take ports
base="http://127.0.0.1:$port"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "publish smoke: $1"; echo "publish smoke: failed"; [ -f "$work/app.log" ] && tail -n 40 "$work/app.log"; exit 1; }

dotnet publish src/ModelHub.Web -c Release -o "$work/app" --nologo -v quiet >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log"; fail "dotnet publish failed"; }

(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production \
  App__PublicBaseUrl="$base" \
  ConnectionStrings__Sqlite="Data Source=$work/smoke.db" \
  exec dotnet ModelHub.Web.dll --urls "$base") >"$work/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 120); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || fail "the published app exited at start-up"
  sleep 0.5
done
curl -fs "$base/health" >/dev/null || fail "no answer from /health within 60 s"

home=$(curl -s -o "$work/home.html" -w '%{http_code}' "$base/")
[ "$home" = "200" ] || fail "GET / answered $home"

# Every <link rel=stylesheet href> and <script src> the home page names.
assets=$(grep -oE '<(link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="[^"]+"' "$work/home.html" | sed -E 's/.*(href|src)="([^"]+)"$/\2/' | sort -u)
[ -n "$assets" ] || fail "the home page names no stylesheet or script"
checked=0
for asset in $assets; do
  case "$asset" in http*://*) url="$asset" ;; /*) url="$base$asset" ;; *) url="$base/$asset" ;; esac
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
  echo "  $code $asset"
  [ "$code" = "200" ] || fail "$asset answered $code"
  checked=$((checked + 1))
done

echo "publish smoke: home page and $checked stylesheets and scripts answer 200 from the published app in Production"
echo "publish smoke: passed"
