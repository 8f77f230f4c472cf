#!/usr/bin/env bash
# Release mode vs in-place on one local S3 server (s3rver, answering as S3 does: bench/s3rver-as-s3.cjs), in one run:
# a 5,000-file Gatsby-shaped site deployed once by each mode, then rounds that change 1% of its pages, each round
# deployed in place, as a release (per-path histories, this repository's layout) and as a whole-prefix release with
# server-side copies of the unchanged files (the layout not chosen). Prints each deploy's time and S3 requests.
# Usage: bench/releases.sh [rounds] [pages]   (defaults 5 rounds, 1,657 pages = 5,001 files)
# The switch-to-served and rollback times need the local cloud's edge: see bench/README.md.
set -euo pipefail
rounds="${1:-5}"; pages="${2:-1657}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"; server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

s3rver_dir="$repo/build/Deploy.Tests/s3rver"
[ -f "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" ] || (cd "$s3rver_dir" && npm ci --no-audit --no-fund --loglevel=error)
port="${BENCH_S3_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
mkdir -p "$work/s3/in-place" "$work/s3/release" "$work/s3/prefix-copy"
S3RVER_LIB="$s3rver_dir/node_modules/s3rver/lib" NODE_OPTIONS="--openssl-legacy-provider --require=$repo/bench/s3rver-as-s3.cjs --require=$repo/bench/ReleaseBench/s3rver-copy-source.cjs" \
  node "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" --directory "$work/s3" --port "$port" --address 127.0.0.1 --silent &
server_pid=$!
for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
endpoint="http://127.0.0.1:$port"

dotnet build "$repo/bench/ReleaseBench/ReleaseBench.csproj" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
bench="dotnet $work/bin/ReleaseBench.dll"
site="$work/public"
$bench generate --folder "$site" --pages "$pages"
echo "site: $(find "$site" -type f | wc -l) files, $(du -sb "$site" | cut -f1) bytes; $((pages / 100)) pages (HTML + page data) changed per round; s3rver at $endpoint"

deploy() { $bench "$1" --endpoint "$endpoint" --bucket "$1" --folder "$site" --switch "$work/$1.switch.json"; }
echo "first deploy:"; for mode in in-place release prefix-copy; do deploy "$mode" | sed 's/^/  /'; done
for round in $(seq 1 "$rounds"); do
  $bench edit --folder "$site" --pages "$pages" --round "$round"
  echo "round $round:"; for mode in in-place release prefix-copy; do deploy "$mode" | tee -a "$work/rounds.txt" | sed 's/^/  /'; done
done
python3 - "$work/rounds.txt" <<'PY'
import re, sys, statistics
times = {}
for line in open(sys.argv[1]):
    mode, seconds = line.split()[0], float(line.split()[1])
    times.setdefault(mode, []).append(seconds)
base = statistics.mean(times["in-place"])
for mode, values in times.items():
    print(f"{mode:<12} mean {statistics.mean(values):.3f} s (median {statistics.median(values):.3f}) = {statistics.mean(values) / base:.2f}x in-place")
PY

# --- switch and rollback times against the local cloud's edge (the local environment of infra/environments.json)
state="$work/local-cloud"; mkdir -p "$state"
read -r api_port site_port ses_port s3_port < <(python3 -c '
import socket
ports = []
while len(set(ports)) < 4:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); ports.append(s.getsockname()[1])
print(*sorted(set(ports)))')
[ -d "$repo/infra/local/node_modules" ] || (cd "$repo/infra/local" && npm ci --no-audit --no-fund --loglevel=error)
up="$(node "$repo/infra/local/cli.mjs" up --state-dir "$state" --environments "$repo/infra/environments.json" \
  --api-port "$api_port" --site-port "$site_port" --ses-port "$ses_port" --s3-port "$s3_port" | tail -1)"
trap 'node "$repo/infra/local/cli.mjs" down --state-dir "$state" >/dev/null 2>&1 || true; cleanup' EXIT
api="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["endpoints"]["api"])' "$up")"
edge="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["endpoints"]["site"])' "$up")"
$bench switch --api "$api" --site "$edge" --environments "$repo/infra/environments.json" --folder "$work/switch-site" --pages "$pages" --rounds 10 --counts "$state/requests.json"
