#!/usr/bin/env bash
# Our site sync vs `aws s3 sync` against a local s3rver, side by side in one run:
#   (a) first upload, (b) redeploy after a rebuild that only touched mtimes, (c) one changed page.
# Needs: dotnet, node/npm, Debian's awscli 2 and hyperfine (apt-get install -y awscli hyperfine).
# Usage: bench/run.sh [runs]   (default 5 runs per command and scenario)
#        BENCH_SITE=generated bench/run.sh   (the generated ~1,000-file site even when site/public exists)
set -euo pipefail

runs="${1:-5}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
aws_cli="${AWS_CLI:-/usr/bin/aws}"
for tool in dotnet node npm hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing; fix: install it (apt-get install -y awscli hyperfine)" >&2; exit 1; }
done
[ -x "$aws_cli" ] || { echo "bench: $aws_cli is missing; fix: apt-get install -y awscli (or set AWS_CLI)" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- the S3 server (the same package the Deploy integration tests use)
s3rver_dir="$repo/build/Deploy.Tests/s3rver"
[ -f "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" ] || (cd "$s3rver_dir" && npm ci --no-audit --no-fund --loglevel=error)
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$work/s3"
NODE_OPTIONS=--openssl-legacy-provider node "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" \
  --directory "$work/s3" --port "$port" --address 127.0.0.1 --silent &
server_pid=$!
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=eu-central-1 AWS_PAGER="" AWS_CONFIG_FILE=/dev/null
# awscli 2.9 over http: no aws-chunked trailers for s3rver either
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
s3() { "$aws_cli" --endpoint-url "$endpoint" s3 "$@" >/dev/null; }

# --- our side, built once (Release) so startup is the program's, not the build's
dotnet build "$repo/bench/SyncBench/SyncBench.csproj" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
ours="dotnet $work/bin/SyncBench.dll"

# --- the site: the real Gatsby build when there is one, else a generated one of about 1,000 files
site="$work/site"
if [ "${BENCH_SITE:-}" != generated ] && [ -f "$repo/site/public/index.html" ]; then
  cp -r "$repo/site/public" "$site"; site_kind="site/public (real Gatsby build)"
else
  $ours generate --folder "$site" --pages 330; site_kind="generated Gatsby-shaped site"
fi
files="$(find "$site" -type f | wc -l)"; bytes="$(du -sb "$site" | cut -f1)"
echo "site: $site_kind, $files files, $bytes bytes; s3rver at $endpoint; $runs runs each"

reset_buckets="$aws_cli --endpoint-url $endpoint s3 rb s3://ours --force >/dev/null 2>&1 || true; $aws_cli --endpoint-url $endpoint s3 rb s3://theirs --force >/dev/null 2>&1 || true; $aws_cli --endpoint-url $endpoint s3 mb s3://ours >/dev/null && $aws_cli --endpoint-url $endpoint s3 mb s3://theirs >/dev/null"
sync_ours="$ours sync --endpoint $endpoint --bucket ours --folder $site"
sync_theirs="$aws_cli --endpoint-url $endpoint s3 sync $site s3://theirs --delete --only-show-errors"
touch_all="find $site -type f -exec touch {} +"
one_page="$(find "$site" -mindepth 2 -name index.html -print -quit)"
[ -n "$one_page" ] || one_page="$site/index.html"
edit_page="echo \"<!-- edit \$(date +%s%N) -->\" >> $one_page"

bench() { # name, prepare, then both commands
  local name="$1" prepare="$2"
  hyperfine --runs "$runs" --style basic --export-json "$work/$name.json" \
    --prepare "$prepare" -n "ours: $name" "$sync_ours" \
    --prepare "$prepare" -n "aws s3 sync: $name" "$sync_theirs" >"$work/$name.txt"
}

eval "$reset_buckets"
bench first-upload "$reset_buckets"
# both buckets now hold the site
eval "$sync_ours" >/dev/null; eval "$sync_theirs"
bench mtime-only-rebuild "$touch_all"
bench one-page-change "$edit_page"

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
print(f"{'scenario':<22}{'ours (s)':>12}{'aws s3 sync (s)':>18}{'aws / ours':>12}")
for name in ["first-upload", "mtime-only-rebuild", "one-page-change"]:
    r = json.load(open(f"{work}/{name}.json"))["results"]
    ours, theirs = r[0], r[1]
    print(f"{name:<22}{ours['mean']:>8.3f} ±{ours['stddev'] or 0:.2f}{theirs['mean']:>13.3f} ±{theirs['stddev'] or 0:.2f}{theirs['mean']/ours['mean']:>11.1f}x")
PY

# What each tool uploads after a rebuild that changed nothing but mtimes (the point of (b)):
eval "$sync_ours" >/dev/null; eval "$sync_theirs"; sleep 1.1; eval "$touch_all"
echo "after an mtime-only rebuild: ours $(eval "$sync_ours");" \
     "aws s3 sync uploaded $("$aws_cli" --endpoint-url "$endpoint" s3 sync "$site" s3://theirs --delete --no-progress | grep -c '^upload:' || true) files"
