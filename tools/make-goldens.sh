#!/usr/bin/env bash
# Regenerates the golden outputs of the conformance tests with sysdig 0.29.3
# (apt-get install -y sysdig). The captures stay in ../shared/captures; only
# sysdig's output is committed, under src/test/resources/golden/CAPTURE/.
#
# Usage: tools/make-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
export TZ=UTC
command -v sysdig >/dev/null || { echo "sysdig is not installed (apt-get install -y sysdig)" >&2; exit 1; }
sysdig --version | grep -q '0.29.3' || echo "warning: goldens are meant to come from sysdig 0.29.3" >&2

# name<TAB>sysdig -p format (empty: sysdig's default output)
formats=$(cat <<'FORMATS'
events-basic	%evt.num %evt.rawtime %evt.cpu %evt.dir %evt.type %thread.tid
events-time	*%evt.num %evt.time %evt.time.s %evt.datetime %evt.datetime.s %evt.rawtime.s %evt.rawtime.ns %evt.reltime %evt.reltime.s %evt.reltime.ns
events-result	*%evt.num %evt.type %evt.res %evt.rawres %evt.failed
events-latency	*%evt.num %evt.latency %evt.latency.s %evt.latency.ns
events-skip	%evt.num %evt.type %evt.rawarg.res
FORMATS
)
for f in "$captures"/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  # only captures sysdig reads become goldens
  if ! sysdig -r "$f" -p '%evt.num' > /dev/null 2>&1; then
    echo "skip $name: sysdig cannot read it" >&2
    continue
  fi
  mkdir -p "$out/$name"
  while IFS=$'\t' read -r key fmt; do
    sysdig -r "$f" -p "$fmt" > "$out/$name/$key.txt" 2>/dev/null || true
    printf '%s\n' "$fmt" > "$out/$name/$key.format"
  done <<< "$formats"
  sysdig -r "$f" -p '%evt.num' 2>/dev/null | wc -l | tr -d ' ' > "$out/$name/count.txt"
  echo "goldens for $name"
done
