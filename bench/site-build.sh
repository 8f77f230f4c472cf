#!/usr/bin/env bash
# Times `./build.sh Package` on a generated blog (site/scripts/generate-blog.mjs), built by the real site code
# through --site-content, in one run: cold (no Gatsby cache), no-op (nothing changed), one post changed (its text
# and its cover), and then, unless BENCH_VERIFY=0, a clean build of the changed sources compared file by file
# with the incremental one. Prints one table (markdown) and keeps the logs in .nuke/temp/site-bench/logs.
#
#   bench/site-build.sh [posts]        # default 1000 (or BENCH_POSTS); seed BENCH_SEED (default 1)
#
# It builds in site/ like ./build.sh does, so site/.cache and site/public hold the generated blog afterwards:
# the next ./build.sh CompileSite of the real blog starts from nothing (its cache key names the content folder).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
posts=${1:-${BENCH_POSTS:-1000}}
seed=${BENCH_SEED:-1}
if ! [[ $posts =~ ^[1-9][0-9]*$ ]]; then
  echo "bench/site-build.sh: posts must be a whole number above 0 (got '$posts')" >&2
  exit 2
fi
work=$root/.nuke/temp/site-bench
content=$work/content
logs=$work/logs
mkdir -p "$logs"

generated_at=$(date +%s.%N)
node "$root/site/scripts/generate-blog.mjs" "$content" --posts "$posts" --seed "$seed"
generate_seconds=$(echo "$(date +%s.%N) - $generated_at" | bc)

forget_site_build() {
  rm -rf "$root/site/.cache" "$root/site/public" "$root/.nuke/temp/fingerprints/CompileSite.json"
}

# Runs ./build.sh with the generated content; prints the wall seconds.
timed_build() {
  local name=$1
  shift
  local started
  started=$(date +%s.%N)
  if ! (cd "$root" && ./build.sh "$@" --site-content "$content" --no-logo >"$logs/$name.log" 2>&1); then
    echo "bench/site-build.sh: ./build.sh $* failed in the $name run; see $logs/$name.log" >&2
    exit 1
  fi
  echo "$(date +%s.%N) - $started" | bc
}

# Seconds the build's summary table gives a target (m:ss.f), or "UpToDate"/"Skipped".
target_time() {
  awk -v target="$2" '$1 == target {
      if ($2 != "Succeeded") { print $2; exit }
      split($3, t, ":"); printf "%.1f\n", t[1] * 60 + t[2]; exit }' "$logs/$1.log"
}

# Gatsby's image activity: "<seconds> s, <jobs> jobs", or "0 jobs" when it had nothing to do.
image_step() {
  local line
  line=$(grep -o 'Running gatsby-plugin-sharp.IMAGE_PROCESSING jobs - [0-9.]*s - [0-9]*/[0-9]*' "$logs/$1.log" | tail -1 || true)
  if [[ -z $line ]]; then echo "0 jobs"; return; fi
  sed -E 's/.* - ([0-9.]+)s - ([0-9]+)\/[0-9]+/\1 s, \2 jobs/' <<<"$line"
}

gatsby_time() {
  grep -o 'Done building in [0-9.]*' "$logs/$1.log" | tail -1 | awk '{ printf "%.1f\n", $4 }' || true
}

forget_site_build
cold=$(timed_build cold Package)
noop=$(timed_build noop Package)

# One post changed: a word of its text and its cover (mirrored), as an author's edit would.
changed=$(find "$content/posts" -maxdepth 1 -name '*.md' | sort | sed -n "$(((posts + 1) / 2))p")
cover=$content/posts/images/$(basename "$changed" .md).png
sed -i '0,/^## /s//## Revised: /' "$changed"
(cd "$root/site" && node -e 'const sharp = require("sharp"); const [file] = process.argv.slice(1);
  sharp(file).flop().png({ compressionLevel: 9 }).toBuffer().then((png) => require("fs").writeFileSync(file, png));' "$cover")
one=$(timed_build one-post Package)

verdict="not checked (BENCH_VERIFY=0)"
if [[ ${BENCH_VERIFY:-1} != 0 ]]; then
  rm -rf "$work/incremental-public"
  cp -a "$root/site/public" "$work/incremental-public"
  forget_site_build
  timed_build clean-check CompileSite >/dev/null
  differing=$(diff -rq "$work/incremental-public" "$root/site/public" | wc -l || true)
  verdict=$([[ $differing == 0 ]] && echo "byte-identical to a clean build ($(find "$root/site/public" -type f | wc -l) files)" || echo "$differing files differ from a clean build (diff -rq $work/incremental-public site/public)")
fi

ratio=$(awk -v one="$(target_time one-post CompileSite)" -v cold="$(target_time cold CompileSite)" 'BEGIN { printf "%.0f%%", 100 * one / cold }')
cat <<EOF

Generated blog: $posts posts (seed $seed), written in $(printf '%.1f' "$generate_seconds") s; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)

| run | ./build.sh Package (s) | CompileSite (s) | gatsby build (s) | image step |
| --- | --- | --- | --- | --- |
| cold (no .cache, no public) | $(printf '%.1f' "$cold") | $(target_time cold CompileSite) | $(gatsby_time cold) | $(image_step cold) |
| no-op | $(printf '%.1f' "$noop") | $(target_time noop CompileSite) | $(gatsby_time noop) | $(image_step noop) |
| one post changed (text and cover) | $(printf '%.1f' "$one") | $(target_time one-post CompileSite) | $(gatsby_time one-post) | $(image_step one-post) |

One post changed: CompileSite took $ratio of the cold one (goal: at most 25%); the output is $verdict.
EOF
