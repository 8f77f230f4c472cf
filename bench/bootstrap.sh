#!/usr/bin/env bash
# Warm start of the build: our bootstrap (content fingerprint, then run the built dll) against the
# Nuke-style bootstrap of the same project (dotnet build, then dotnet run --no-build), in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }

./build.sh --help >/dev/null   # warm: the build project is built and the stamp is current
dotnet build build/_build.csproj -nologo -v q >/dev/null

hyperfine --warmup 2 --runs "${RUNS:-10}" --export-markdown .nuke/temp/bench-bootstrap.md \
  --command-name "./build.sh --help" "./build.sh --help" \
  --command-name "dotnet build + dotnet run --no-build" \
    "dotnet build build/_build.csproj -nologo -v q && dotnet run --project build/_build.csproj --no-build -- --help"
cat .nuke/temp/bench-bootstrap.md
