#!/usr/bin/env bash
# Our site sync vs `aws s3 sync` vs gatsby-plugin-s3 against a local s3rver, side by side in one run:
#   (a) first upload, (b) redeploy after a rebuild that only touched mtimes, (c) one changed page,
#   (d) redeploy with no change of a site holding one 20 MiB file (uploaded multipart by every tool).
# Needs: dotnet, node/npm, Debian's awscli 2 and hyperfine (apt-get install -y awscli hyperfine).
# Usage: bench/run.sh [runs]   (default 5 runs per command and scenario)
#        BENCH_SITE=generated bench/run.sh   (the generated ~1,000-file site even when site/public exists)
#        BENCH_S3RVER=stock bench/run.sh   (s3rver as it is: its listing order and plain-MD5 ETags for multipart objects)
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

# --- the S3 server (the same package the Deploy integration tests use), answering as S3 does (bench/s3rver-as-s3.cjs)
s3rver_dir="$repo/build/Deploy.Tests/s3rver"
[ -f "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" ] || (cd "$s3rver_dir" && npm ci --no-audit --no-fund --loglevel=error)
as_s3="--require=$repo/bench/s3rver-as-s3.cjs"; server_kind="S3's listing order and multipart ETags"
[ "${BENCH_S3RVER:-}" = stock ] && { as_s3=""; server_kind="its own listing order and multipart ETags"; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$work/s3"
S3RVER_LIB="$s3rver_dir/node_modules/s3rver/lib" NODE_OPTIONS="--openssl-legacy-provider $as_s3" node "$s3rver_dir/node_modules/s3rver/bin/s3rver.js" \
  --directory "$work/s3" --port "$port" --address 127.0.0.1 --silent &
server_pid=$!
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# One identity and region for all three tools (gatsby-plugin-s3's AWS SDK v2 reads the same variables).
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=eu-central-1 AWS_REGION=eu-central-1
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1
# awscli 2.9 over http: no aws-chunked trailers for s3rver either
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required

# --- our side, built once (Release) so startup is the program's, not the build's
dotnet build "$repo/bench/SyncBench/SyncBench.csproj" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
ours="dotnet $work/bin/SyncBench.dll"

# --- gatsby-plugin-s3, installed in its own package (never a site dependency)
plugin="$repo/bench/gatsby-plugin-s3"
[ -f "$plugin/node_modules/gatsby-plugin-s3/bin.js" ] || (cd "$plugin" && npm ci --no-audit --no-fund --loglevel=error)

# --- the site: the real Gatsby build when there is one, else a generated one of about 1,000 files.
# It sits in a folder laid out as gatsby-plugin-s3 expects: public/ and the .cache/ its onPostBuild writes.
deploy="$work/deploy"; site="$deploy/public"; mkdir -p "$deploy"
if [ "${BENCH_SITE:-}" != generated ] && [ -f "$repo/site/public/index.html" ]; then
  cp -r "$repo/site/public" "$site"; site_kind="site/public (real Gatsby build)"
else
  $ours generate --folder "$site" --pages 330; site_kind="generated Gatsby-shaped site"
fi
node "$plugin/write-cache.mjs" "$deploy" gatsby "$endpoint" "$AWS_REGION"
files="$(find "$site" -type f | wc -l)"; bytes="$(du -sb "$site" | cut -f1)"
echo "site: $site_kind, $files files, $bytes bytes; s3rver at $endpoint with $server_kind; $runs runs each"

buckets="ours theirs gatsby"
reset_buckets="for b in $buckets; do $aws_cli --endpoint-url $endpoint s3 rb s3://\$b --force >/dev/null 2>&1 || true; $aws_cli --endpoint-url $endpoint s3 mb s3://\$b >/dev/null; done"
use_site() { # the folder holding public/ that the three commands deploy
  sync_ours="$ours sync --endpoint $endpoint --bucket ours --folder $1/public"
  sync_aws="$aws_cli --endpoint-url $endpoint s3 sync $1/public s3://theirs --delete --only-show-errors"
  sync_gatsby="cd $1 && node --require $plugin/path-style.cjs $plugin/node_modules/gatsby-plugin-s3/bin.js deploy --yes"
}
sync_all() { eval "$sync_ours" >/dev/null; eval "$sync_aws"; eval "$sync_gatsby" >/dev/null; }
touch_all="find $site -type f -exec touch {} +"
one_page="$(find "$site" -mindepth 2 -name index.html -print -quit)"
[ -n "$one_page" ] || one_page="$site/index.html"
edit_page="echo \"<!-- edit \$(date +%s%N) -->\" >> $one_page"

bench() { # name, prepare (run before every timed run of every command)
  local name="$1" prepare="$2"
  hyperfine --runs "$runs" --style basic --export-json "$work/$name.json" \
    --prepare "$prepare" -n "ours: $name" "$sync_ours" \
    --prepare "$prepare" -n "aws s3 sync: $name" "$sync_aws" \
    --prepare "$prepare" -n "gatsby-plugin-s3: $name" "$sync_gatsby" >"$work/$name.txt"
}

# What one deploy wrote: objects whose LastModified or ETag changed, or that are new (s3rver's LastModified has
# whole seconds, hence the pause before the deploy).
listing() { "$aws_cli" --endpoint-url "$endpoint" s3api list-objects-v2 --bucket "$1" --output json >"$2"; }
written() { # label, bucket, deploy command, key to name
  listing "$2" "$work/before.json"; sleep 1.1; eval "$3" >/dev/null; listing "$2" "$work/after.json"
  python3 - "$work/before.json" "$work/after.json" "$1" "$4" <<'PY'
import json, sys
def objects(path):
    try: return {o["Key"]: (o["LastModified"], o["ETag"]) for o in json.load(open(path)).get("Contents", [])}
    except json.JSONDecodeError: return {}  # an empty bucket lists as nothing
before, after, label, key = objects(sys.argv[1]), objects(sys.argv[2]), sys.argv[3], sys.argv[4]
changed = sorted(k for k, v in after.items() if before.get(k) != v)
note = f", {key} {'among them' if key in changed else 'not among them'} (ETag {after.get(key, ('', 'none'))[1]})" if key else ""
print(f"  {label:<18}{len(changed):>5} of {len(after)} objects written{note}")
PY
}

use_site "$deploy"
eval "$reset_buckets"
bench first-upload "$reset_buckets"
sync_all   # all three buckets now hold the site
bench mtime-only-rebuild "$touch_all"
bench one-page-change "$edit_page"

# What each tool writes after a rebuild that changed nothing but mtimes (the point of (b))
sync_all; sleep 1.1; eval "$touch_all"
{ echo "after an mtime-only rebuild:"
  written ours ours "$sync_ours" ""; written "aws s3 sync" theirs "$sync_aws" ""; written gatsby-plugin-s3 gatsby "$sync_gatsby" ""
} >"$work/written.txt"

# (d) the same site plus one 20 MiB file: above every tool's multipart threshold (ours and awscli 8 MiB parts,
# gatsby-plugin-s3's SDK v2 5 MiB), deployed once, then redeployed with nothing changed.
large="$work/large"; large_key="static/videos/intro.mp4"
cp -r "$deploy" "$large"; mkdir -p "$large/public/static/videos"
head -c $((20 * 1024 * 1024)) /dev/urandom >"$large/public/$large_key"
use_site "$large"
sync_all
bench large-file-redeploy "true"
{ echo "after a no-change redeploy of the site with a 20 MiB file:"
  written ours ours "$sync_ours" "$large_key"; written "aws s3 sync" theirs "$sync_aws" "$large_key"
  written gatsby-plugin-s3 gatsby "$sync_gatsby" "$large_key"
} >>"$work/written.txt"

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def cell(r): return f"{r['mean']:.3f} ±{r['stddev'] or 0:.2f}"
print(f"{'scenario':<22}{'ours (s)':>14}{'aws s3 sync (s)':>17}{'gatsby-plugin-s3 (s)':>22}{'aws/ours':>10}{'gatsby/ours':>13}")
for name in ["first-upload", "mtime-only-rebuild", "one-page-change", "large-file-redeploy"]:
    ours, aws, gatsby = json.load(open(f"{work}/{name}.json"))["results"]
    print(f"{name:<22}{cell(ours):>14}{cell(aws):>17}{cell(gatsby):>22}"
          f"{aws['mean']/ours['mean']:>9.1f}x{gatsby['mean']/ours['mean']:>12.1f}x")
PY
cat "$work/written.txt"
