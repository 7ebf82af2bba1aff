#!/usr/bin/env bash
# Regenerates the goldens of the HTTP requests (scapscope http) with sysdig 0.29.3
# (apt-get install -y sysdig): for every capture in ../shared/captures that sysdig reads,
#   * src/test/resources/golden/CAPTURE/http.txt: sysdig -r CAPTURE -c httplog, and the same with the
#     filter proc.name=haproxy, each after a line "## FILTER" ("## " alone for none);
#   * src/test/resources/golden/CAPTURE/http-top.txt: sysdig -r CAPTURE -c httptop BY for BY in
#     ncalls, time and bytes, each after a line "## BY", its rows sorted (rows of equal value come in
#     hash order).
# and the same two files, http-edge.txt and http-edge-top.txt in
# src/test/resources/org/scapscope/view/, of the synthetic capture HttpEdgeCapture writes (long
# buffers, pipelining, streams that never pair), from the compiled tests in BUILD_DIR (default
# target: run mvn -B test-compile first).
# Times print in UTC. Checked by HttpLogTest.
#
# Usage: tools/make-http-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
. "$here/tools/goldens-lib.sh"
require_029 sysdig
while IFS= read -r f; do
  name=$(basename "$f")
  mkdir -p "$out/$name"
  {
    echo "## "
    sysdig -r "$f" -c httplog 2>/dev/null
    echo "## proc.name=haproxy"
    sysdig -r "$f" -c httplog 'proc.name=haproxy' 2>/dev/null
  } > "$out/$name/http.txt.part"
  mv "$out/$name/http.txt.part" "$out/$name/http.txt"
  for by in ncalls time bytes; do
    echo "## $by"
    sysdig -r "$f" -c httptop "$by" 2>/dev/null | LC_ALL=C sort
  done > "$out/$name/http-top.txt.part"
  mv "$out/$name/http-top.txt.part" "$out/$name/http-top.txt"
  echo "HTTP goldens for $name: $(grep -vc '^##' "$out/$name/http.txt") lines"
done < <(readable_captures "$captures")

build=${BUILD_DIR:-$here/target}
edge=$(mktemp --suffix=.scap)
trap 'rm -f "$edge"' EXIT
java -cp "$build/test-classes:$build/classes" org.scapscope.view.HttpEdgeCapture "$edge"
view=$here/src/test/resources/org/scapscope/view
sysdig -r "$edge" -c httplog 2>/dev/null > "$view/http-edge.txt"
for by in ncalls time bytes; do
  echo "## $by"
  sysdig -r "$edge" -c httptop "$by" 2>/dev/null | LC_ALL=C sort
done > "$view/http-edge-top.txt"
echo "HTTP goldens of the edge capture: $(wc -l < "$view/http-edge.txt") lines"
