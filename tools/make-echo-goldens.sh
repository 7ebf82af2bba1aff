#!/usr/bin/env bash
# Regenerates the I/O stream goldens with sysdig 0.29.3 (apt-get install -y sysdig): for every capture
# in ../shared/captures that sysdig reads, the header line of each read and write its echo_fds chisel
# prints ("------ Read 566B from /etc/nsswitch.conf (curl)", colours removed), as
# src/test/resources/golden/CAPTURE/echo.txt.gz.
#
# Usage: tools/make-echo-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
export TZ=UTC
command -v sysdig >/dev/null || { echo "sysdig is not installed (apt-get install -y sysdig)" >&2; exit 1; }
sysdig --version | grep -q '0.29.3' || { echo "the echo goldens must come from sysdig 0.29.3, not: $(sysdig --version)" >&2; exit 1; }
for f in "$captures"/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  if ! sysdig -r "$f" -p '%evt.num' > /dev/null 2>&1; then
    echo "skip $name: sysdig cannot read it" >&2
    continue
  fi
  mkdir -p "$out/$name"
  { sysdig -r "$f" -c echo_fds 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep -a '^------ ' || true; } \
    | sed 's/  */ /g' | gzip -9n > "$out/$name/echo.txt.gz"
  echo "echo goldens for $name"
done
