#!/usr/bin/env bash
# Our site sync against an oracle, `aws s3 sync` and gatsby-plugin-s3 on a local s3rver, side by side in one run:
#   (a) first upload, (b) redeploy after a rebuild that only touched mtimes, (c) one changed page,
#   (d) redeploy with no change of a site holding one 20 MiB file (uploaded multipart by every tool).
# The oracle is told which files changed and uploads only those (the floor). Every timed deploy also records its peak
# RSS and, counted at the server, its requests by S3 operation and the bytes it uploaded; the run ends by writing its
# site's entry into bench/results/latest.json and drawing bench/results/latest.svg from it.
# Needs: dotnet, node/npm, Debian's awscli 2, hyperfine and GNU time (apt-get install -y awscli hyperfine time).
# Usage: bench/run.sh [runs]                  (default 5 runs per tool and scenario; a generated site of 5,000 files)
#        BENCH_FILES=50000 bench/run.sh 1     (the generated site's size; 50,000 took 50 minutes here, at a load of 7 to 45)
#        BENCH_SITE=real bench/run.sh         (site/public, the real Gatsby build, instead of a generated site)
#        BENCH_TOOLS="ours oracle aws" ...    (which tools: ours release oracle aws gatsby; ours and the oracle always run;
#                                              release is ours in release mode, the default deploy mode)
#        BENCH_RESULTS=/tmp/x.json ...        (where the results go; default bench/results/latest.json, chart beside it)
#        BENCH_S3RVER=stock bench/run.sh      (s3rver as it is: its listing order and plain-MD5 ETags for multipart objects)
set -euo pipefail

runs="${1:-5}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
aws_cli="${AWS_CLI:-/usr/bin/aws}"
files="${BENCH_FILES:-5000}"
results="${BENCH_RESULTS:-$repo/bench/results/latest.json}"
for tool in dotnet node npm hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing; fix: install it (apt-get install -y awscli hyperfine time)" >&2; exit 1; }
done
[ -x "$aws_cli" ] || { echo "bench: $aws_cli is missing; fix: apt-get install -y awscli (or set AWS_CLI)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time, for peak memory) is missing; fix: apt-get install -y time" >&2; exit 1; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench: runs '$runs' is not a positive whole number; fix: bench/run.sh 3" >&2; exit 1; }
[[ "$files" =~ ^[0-9]+$ ]] && [ "$files" -ge 30 ] || { echo "bench: BENCH_FILES '$files' is not a whole number of at least 30; fix: BENCH_FILES=5000" >&2; exit 1; }

declare -A name=([ours]="ours" [release]="ours (release mode)" [oracle]="oracle" [aws]="aws s3 sync" [gatsby]="gatsby-plugin-s3")
declare -A bucket=([ours]=ours [release]=release [oracle]=oracle [aws]=theirs [gatsby]=gatsby)
tools="ours oracle"
for t in ${BENCH_TOOLS:-release aws gatsby}; do
  [ -n "${name[$t]:-}" ] || { echo "bench: unknown tool '$t' in BENCH_TOOLS; fix: name some of: ours release oracle aws gatsby" >&2; exit 1; }
  [[ " $tools " == *" $t "* ]] || tools="$tools $t"
done

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "bench: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR

# --- the S3 server (the same package the Deploy integration tests use), answering as S3 does (bench/s3rver-as-s3.cjs)
# and logging every request (bench/s3rver-request-log.cjs) so requests and bytes are counted alike for every tool
s3rver_dir="$repo/build/Deploy.Tests/s3rver"
[ -f "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" ] || (cd "$s3rver_dir" && npm ci --no-audit --no-fund --loglevel=error)
as_s3="--require=$repo/bench/s3rver-as-s3.cjs"; server_kind="S3's listing order and multipart ETags"
[ "${BENCH_S3RVER:-}" = stock ] && { as_s3=""; server_kind="its own listing order and multipart ETags"; }
export BENCH_REQUEST_LOG="$work/requests.log" BENCH_MEASURES="$work/measures.txt"
: >"$BENCH_REQUEST_LOG"; : >"$BENCH_MEASURES"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$work/s3"
S3RVER_LIB="$s3rver_dir/node_modules/s3rver/lib" NODE_OPTIONS="--openssl-legacy-provider $as_s3 --require=$repo/bench/s3rver-request-log.cjs" \
  node "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" --directory "$work/s3" --port "$port" --address 127.0.0.1 --silent &
server_pid=$!
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# One identity and region for all tools (gatsby-plugin-s3's AWS SDK v2 reads the same variables).
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=eu-central-1 AWS_REGION=eu-central-1
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1
# awscli 2.9 over http: no aws-chunked trailers for s3rver either
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required

# --- our side and the oracle, built once (Release) so startup is the program's, not the build's
dotnet build "$repo/bench/SyncBench/SyncBench.csproj" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
ours="dotnet $work/bin/SyncBench.dll"

# --- gatsby-plugin-s3, installed in its own package (never a site dependency); the report's chart packages
plugin="$repo/bench/gatsby-plugin-s3"
[ -f "$plugin/node_modules/gatsby-plugin-s3/bin.js" ] || (cd "$plugin" && npm ci --no-audit --no-fund --loglevel=error)
[ -d "$repo/bench/report/node_modules/vega-lite" ] || (cd "$repo/bench/report" && npm ci --no-audit --no-fund --loglevel=error)

# --- the site: generated (deterministic, BENCH_FILES files) unless BENCH_SITE=real asks for the Gatsby build.
# It sits in a folder laid out as gatsby-plugin-s3 expects: public/ and the .cache/ its onPostBuild writes.
deploy="$work/deploy"; site="$deploy/public"; mkdir -p "$deploy"
if [ "${BENCH_SITE:-}" = real ]; then
  [ -f "$repo/site/public/index.html" ] || { echo "bench: site/public has no build; fix: ./build.sh CompileSite first" >&2; exit 1; }
  cp -r "$repo/site/public" "$site"; site_key="real-site"; site_kind="site/public (real Gatsby build)"
else
  $ours generate --folder "$site" --files "$files"; site_key="generated-$files"; site_kind="generated Gatsby-shaped site"
fi
node "$plugin/write-cache.mjs" "$deploy" gatsby "$endpoint" "$AWS_REGION"
count="$(find "$site" -type f | wc -l)"; bytes="$(du -sb "$site" | cut -f1)"
(cd "$site" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$work/all-keys.txt"
echo "site: $site_kind, $count files, $bytes bytes; s3rver at $endpoint with $server_kind; tools: $tools; $runs runs each"
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"   # the machine is shared: the results say how busy it was

# Each tool's deploy of the folder holding public/, as a command file bench/measured.sh runs. The oracle reads the
# keys that changed from changed.txt, which each scenario writes.
use_site() {
  mkdir -p "$work/cmd"
  echo "exec $ours sync --endpoint $endpoint --bucket ours --folder $1/public" >"$work/cmd/ours.sh"
  echo "exec $ours release --endpoint $endpoint --bucket release --folder $1/public --switch $work/switch-release.json" >"$work/cmd/release.sh"
  echo "exec $ours oracle --endpoint $endpoint --bucket oracle --folder $1/public --changed $work/changed.txt" >"$work/cmd/oracle.sh"
  echo "exec $aws_cli --endpoint-url $endpoint s3 sync $1/public s3://theirs --delete --only-show-errors" >"$work/cmd/aws.sh"
  echo "cd $1 && exec node --require $plugin/path-style.cjs $plugin/node_modules/gatsby-plugin-s3/bin.js deploy --yes" >"$work/cmd/gatsby.sh"
}
# An empty bucket, quickly: s3rver keeps a bucket as a folder, so removing it beats deleting 50,000 objects one by one.
reset_bucket="rm -rf $work/s3/@BUCKET@ $work/switch-@BUCKET@.json && $aws_cli --endpoint-url $endpoint s3 mb s3://@BUCKET@ >/dev/null"
touch_all="find $site -type f -exec touch {} +"
one_page="$(find "$site" -mindepth 2 -name index.html -print | LC_ALL=C sort | sed -n 1p)"   # sed reads it all: no SIGPIPE
[ -n "$one_page" ] || one_page="$site/index.html"
edit_page="echo \"<!-- edit \$(date +%s%N) -->\" >> $one_page"

bench() { # scenario, prepare (run before every timed run; @BUCKET@ stands for the tool's bucket)
  local scenario="$1" prepare="$2" args=() t
  for t in $tools; do
    args+=(--prepare "${prepare//@BUCKET@/${bucket[$t]}}" -n "${name[$t]}" "$repo/bench/measured.sh '${name[$t]}' $scenario $work/cmd/$t.sh")
  done
  echo "bench: $scenario ($(date -u +%H:%M:%S))"
  hyperfine --runs "$runs" --style basic --export-json "$work/$scenario.json" "${args[@]}" >"$work/$scenario.txt"
}
untimed_deploy() { local t; for t in $tools; do bash "$work/cmd/$t.sh" >/dev/null; done; }

use_site "$deploy"
for b in $tools; do eval "${reset_bucket//@BUCKET@/${bucket[$b]}}"; done
cp "$work/all-keys.txt" "$work/changed.txt"
bench first-upload "$reset_bucket"   # the last run of each tool leaves its bucket holding the site
: >"$work/changed.txt"
bench mtime-only-rebuild "$touch_all"
# The mtime-only runs touched the site after some tools' last deploy (`aws s3 sync` would re-send it all): first
# bring every bucket up to date, so each tool starts one-page-change one edit behind, as a real redeploy would.
untimed_deploy
LC_ALL=C realpath --relative-to="$site" "$one_page" >"$work/changed.txt"
bench one-page-change "$edit_page"

# (d) the same site plus one 20 MiB file: above every tool's multipart threshold (ours and awscli 8 MiB parts,
# gatsby-plugin-s3's SDK v2 5 MiB), deployed once, then redeployed with nothing changed. Hard links: no copy of the site.
large="$work/large"; large_key="static/videos/intro.mp4"
cp -al "$deploy" "$large"; mkdir -p "$large/public/static/videos"
head -c $((20 * 1024 * 1024)) /dev/urandom >"$large/public/$large_key"
use_site "$large"
echo "$large_key" >"$work/changed.txt"; untimed_deploy
: >"$work/changed.txt"
bench large-file-redeploy "true"
echo "ETag of $large_key after (d), per bucket (…-3: 8 MiB parts, …-4: 5 MiB parts):"
for t in $tools; do
  if [ "$t" = release ]; then   # a release stores it under _releases/<id>/
    etag="$("$aws_cli" --endpoint-url "$endpoint" s3api list-objects-v2 --bucket "${bucket[$t]}" --prefix _releases/ --query "Contents[?ends_with(Key, '/$large_key')].ETag" --output text | grep -v '^None$' | head -n 1)"
  else
    etag="$("$aws_cli" --endpoint-url "$endpoint" s3api head-object --bucket "${bucket[$t]}" --key "$large_key" --query ETag --output text)"
  fi
  echo "  ${name[$t]}: $etag"
done

python3 - "$work/site.json" "$site_key" "$site_kind" "$count" "$bytes" "$runs" "$load_at_start" <<'PY'
import json, os, sys
path, key, kind, count, size, runs, load = sys.argv[1:]
json.dump({"site": key, "description": kind, "files": int(count), "bytes": int(size), "runs": int(runs),
           "cpus": os.cpu_count(), "loadAverage": {"start": [float(x) for x in load.split()], "end": list(os.getloadavg())}},
          open(path, "w"))
PY
node "$repo/bench/report/cli.mjs" collect "$work" "$results"
node "$repo/bench/report/cli.mjs" render "$results" "${results%.json}.svg"
echo "results: $results, chart: ${results%.json}.svg"
