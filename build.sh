#!/usr/bin/env bash
# Bootstrap, as in Nuke: find or install the .NET SDK global.json asks for, rebuild the build
# project only when its sources changed, then run it with all arguments.
set -eo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_PROJECT="$SCRIPT_DIR/build/_build.csproj"
TEMP_DIRECTORY="$SCRIPT_DIR/.nuke/temp"
BUILD_OUTPUTS="$TEMP_DIRECTORY/build-bin"
DOTNET_GLOBAL_FILE="$SCRIPT_DIR/global.json"
DOTNET_INSTALL_URL="${DOTNET_INSTALL_URL:-https://dot.net/v1/dotnet-install.sh}"
DOTNET_INSTALL_DIRECTORY="${DOTNET_INSTALL_DIRECTORY:-$TEMP_DIRECTORY/dotnet-unix}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_MULTILEVEL_LOOKUP=0

fail() { echo "build.sh: $*" >&2; exit 1; }

# The SDK version and roll-forward policy global.json asks for.
wanted_version=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$DOTNET_GLOBAL_FILE" | head -n1)
roll_forward=$(sed -n 's/.*"rollForward"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$DOTNET_GLOBAL_FILE" | head -n1)
[ -n "$wanted_version" ] || fail "global.json names no sdk.version: add one (e.g. \"10.0.100\")."

# sdk_satisfies INSTALLED: does an installed SDK version meet global.json under its rollForward policy?
# SDK versions are MAJOR.MINOR.FPP where F is the feature band and PP the patch.
sdk_satisfies() {
  local have="${1%%-*}" want="${wanted_version%%-*}"
  local hM hm hp wM wm wp
  IFS=. read -r hM hm hp <<<"$have"; IFS=. read -r wM wm wp <<<"$want"
  [[ "$hM$hm$hp$wM$wm$wp" =~ ^[0-9]+$ ]] || return 1
  local hband=$((10#$hp / 100)) wband=$((10#$wp / 100))
  case "${roll_forward:-latestPatch}" in
    disable)                   [ "$have" = "$want" ] ;;
    patch|latestPatch)         [ "$hM" = "$wM" ] && [ "$hm" = "$wm" ] && [ "$hband" = "$wband" ] && [ $((10#$hp)) -ge $((10#$wp)) ] ;;
    feature|latestFeature)     [ "$hM" = "$wM" ] && [ "$hm" = "$wm" ] && [ $((10#$hp)) -ge $((10#$wp)) ] ;;
    minor|latestMinor)         [ "$hM" = "$wM" ] && { [ "$hm" -gt "$wm" ] || { [ "$hm" = "$wm" ] && [ $((10#$hp)) -ge $((10#$wp)) ]; }; } ;;
    major|latestMajor)         [ "$hM" -gt "$wM" ] || { [ "$hM" = "$wM" ] && { [ "$hm" -gt "$wm" ] || { [ "$hm" = "$wm" ] && [ $((10#$hp)) -ge $((10#$wp)) ]; }; }; } ;;
    *) fail "global.json has an unknown rollForward '$roll_forward': use one of disable, patch, feature, minor, major, latestPatch, latestFeature, latestMinor, latestMajor." ;;
  esac
}

find_dotnet() {
  local candidate
  for candidate in "${DOTNET_EXE:-}" "$(command -v dotnet 2>/dev/null || true)" "$DOTNET_INSTALL_DIRECTORY/dotnet"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    while read -r version _; do
      if sdk_satisfies "$version"; then echo "$candidate"; return 0; fi
    done < <("$candidate" --list-sdks 2>/dev/null || true)
  done
  return 1
}

install_dotnet() {
  mkdir -p "$TEMP_DIRECTORY"
  local script="$TEMP_DIRECTORY/dotnet-install.sh"
  echo "build.sh: no .NET SDK satisfying $wanted_version ($roll_forward) found; installing it into $DOTNET_INSTALL_DIRECTORY" >&2
  if [[ "$DOTNET_INSTALL_URL" == file://* ]]; then
    cp "${DOTNET_INSTALL_URL#file://}" "$script"
  else
    curl -sSfL --retry 3 "$DOTNET_INSTALL_URL" -o "$script" \
      || fail "could not download $DOTNET_INSTALL_URL: install the .NET SDK $wanted_version yourself (https://dot.net) and put dotnet on PATH."
  fi
  chmod +x "$script"
  "$script" --install-dir "$DOTNET_INSTALL_DIRECTORY" --version "$wanted_version" --no-path >&2 \
    || fail "dotnet-install.sh failed: install the .NET SDK $wanted_version yourself and put dotnet on PATH."
}

DOTNET=$(find_dotnet) || { install_dotnet; DOTNET=$(find_dotnet) || fail "the installed SDK does not satisfy global.json ($wanted_version, $roll_forward)."; }
export DOTNET_ROOT="$(dirname "$(readlink -f "$DOTNET")")"

if [ "${NUKE_BOOTSTRAP_ONLY:-}" = "1" ]; then echo "$DOTNET"; exit 0; fi

# Rebuild the build project only when something it is built from changed (content, not mtimes).
fingerprint() {
  cd "$SCRIPT_DIR"
  {
    "$DOTNET" --version
    find build -type d \( -name bin -o -name obj -o -name '*.Tests' -o -name node_modules \) -prune -o \
      -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' \) -print | LC_ALL=C sort | xargs sha256sum
    sha256sum global.json Directory.Build.props Directory.Packages.props
  } | sha256sum | cut -d' ' -f1
}
# Each version of the build project gets its own output folder, named by its fingerprint: a build that
# runs another build (the end-to-end test) never overwrites the assemblies it is running from.
current=$(fingerprint)
BUILD_OUTPUT="$BUILD_OUTPUTS/${current:0:16}"
if [ ! -f "$BUILD_OUTPUT/.complete" ]; then
  mkdir -p "$BUILD_OUTPUTS"
  rm -rf "$BUILD_OUTPUT"
  if ! "$DOTNET" build "$BUILD_PROJECT" -c Release -o "$BUILD_OUTPUT" -nologo -v q -clp:NoSummary >"$TEMP_DIRECTORY/build.log" 2>&1; then
    grep -E "error|Error" "$TEMP_DIRECTORY/build.log" | sort -u | head -20 >&2
    fail "the build project does not compile (full log: .nuke/temp/build.log)."
  fi
  touch "$BUILD_OUTPUT/.complete"
  # Keep the three newest builds; older ones are no longer run by anything.
  ls -1dt "$BUILD_OUTPUTS"/*/ 2>/dev/null | tail -n +4 | xargs -r rm -rf
fi

exec "$DOTNET" "$BUILD_OUTPUT/_build.dll" --root "$SCRIPT_DIR" "$@"
