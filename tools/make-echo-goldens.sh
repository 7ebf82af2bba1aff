#!/usr/bin/env bash
# Regenerates the I/O stream goldens with sysdig 0.29.3 (apt-get install -y sysdig): for every capture
# in ../shared/captures that sysdig reads, the header line of each read and write its echo_fds chisel
# prints ("------ Read 566B from /etc/nsswitch.conf (curl)", colours removed, runs of blanks made one),
# as src/test/resources/golden/CAPTURE/echo.txt.gz; and the header with the data line under it (each
# byte captured, printable ASCII as itself and any other byte as a dot) as echo-data.txt.gz.
#
# Usage: tools/make-echo-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
. "$here/tools/goldens-lib.sh"
require_029 sysdig
while IFS= read -r f; do
  name=$(basename "$f")
  mkdir -p "$out/$name"
  { sysdig -r "$f" -c echo_fds 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep -a '^------ ' || true; } \
    | sed 's/  */ /g' | gzip -9n > "$out/$name/echo.txt.gz"
  sysdig -r "$f" -c echo_fds 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' \
    | awk '/^------ / { gsub(/ +/, " "); print; getline; print }' | gzip -9n > "$out/$name/echo-data.txt.gz"
  echo "echo goldens for $name"
done < <(readable_captures "$captures")
