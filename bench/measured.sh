#!/usr/bin/env bash
# One timed deploy, as hyperfine runs it: the command file runs under GNU time, and one line goes to $BENCH_MEASURES:
#   <tool> <scenario> <request-log offset before> <offset after> <peak RSS in KiB> <exit code>
# The offsets mark the slice of s3rver's request log ($BENCH_REQUEST_LOG, see s3rver-request-log.cjs) that is this
# deploy's own: the server writes each line as the request arrives, so all of them are in before the deploy exits.
# Usage: bench/measured.sh TOOL SCENARIO COMMAND-FILE
set -uo pipefail
tool="$1" scenario="$2" command="$3"
rss="$(mktemp)"
before="$(stat -c %s "$BENCH_REQUEST_LOG")"
/usr/bin/time -f %M -o "$rss" bash "$command" >/dev/null
code=$?
after="$(stat -c %s "$BENCH_REQUEST_LOG")"
echo "$tool $scenario $before $after $(tail -n 1 "$rss") $code" >>"$BENCH_MEASURES"
rm -f "$rss"
exit "$code"
