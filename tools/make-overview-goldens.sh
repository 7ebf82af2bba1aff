#!/usr/bin/env bash
# Regenerates the overview goldens with sysdig 0.29.3 (apt-get install -y sysdig): for every capture in
# ../shared/captures that sysdig reads and every tile of src/main/resources/org/scapscope/view/overview.json
# that counts events, sums a field or counts its distinct values, what sysdig's own output gives for the
# tile's filter:
#   count     sysdig -r CAPTURE -p %evt.num FILTER | wc -l
#   sum       the sum of sysdig -r CAPTURE -p %FIELD FILTER (missing values count 0); for evt.buflen,
#             %evt.rawres is summed instead: sysdig 0.29.3 prints evt.buflen alone as <NA>, and on the I/O
#             exits these tiles select the result is the byte count
#   distinct  the number of distinct values of sysdig -r CAPTURE -p %FIELD FILTER (missing values left out);
#             for a tile whose filter reads no event field (running processes, containers), together with
#             the row keys of csysdig -r CAPTURE -v VIEW -j for the view it drills into: as that view does,
#             it counts the threads still known at the end of the capture, idle ones too
# as src/test/resources/golden/CAPTURE/overview.tsv.gz, one line per tile: id<TAB>total.
#
# Usage: tools/make-overview-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
tiles=$here/src/main/resources/org/scapscope/view/overview.json
. "$here/tools/goldens-lib.sh"
require_029 sysdig
require_029 csysdig
command -v python3 >/dev/null || { echo "python3 is needed to read $tiles" >&2; exit 1; }
list=$(python3 -c '
import json, sys
for t in json.load(open(sys.argv[1])):
    if t["aggregation"] in ("count", "sum", "distinct"):
        idle = t["aggregation"] == "distinct" and "evt." not in (t.get("filter") or "")
        view = t["drilldown"]["view"] if idle and t.get("drilldown") else "-"
        print("\t".join([t["id"], t["aggregation"], t.get("field") or "-", view, t.get("filter") or ""]))
' "$tiles")
# the row keys of csysdig's JSON output, one a line
row_keys() {
  python3 -c '
import json, sys
text = sys.stdin.read()
start = text.find("{")
doc = json.loads(text[start:]) if start >= 0 else {"slices": []}
for s in doc.get("slices", []):
    for row in s.get("data", []):
        print(row["k"])
'
}
while IFS= read -r f; do
  name=$(basename "$f")
  mkdir -p "$out/$name"
  while IFS=$'\t' read -r id agg field view filter; do
    case "$agg" in
      count) total=$(sysdig -r "$f" -p '%evt.num' ${filter:+"$filter"} 2>/dev/null | wc -l) ;;
      sum) [ "$field" = evt.buflen ] && field=evt.rawres
           total=$(sysdig -r "$f" -p "*%$field" ${filter:+"$filter"} 2>/dev/null | awk '$1 ~ /^[0-9]+$/ {s += $1} END {printf "%d", s}') ;;
      distinct) total=$({ sysdig -r "$f" -p "*%$field" ${filter:+"$filter"} 2>/dev/null | { grep -v '^<NA>$' || true; }
                          if [ "$view" != - ]; then csysdig -r "$f" -v "$view" -j 2>/dev/null | row_keys; fi; } | sort -u | wc -l) ;;
    esac
    printf '%s\t%s\n' "$id" "$(echo $total)"
  done <<< "$list" | gzip -9n > "$out/$name/overview.tsv.gz.part"
  mv "$out/$name/overview.tsv.gz.part" "$out/$name/overview.tsv.gz"
  echo "overview goldens for $name"
done < <(readable_captures "$captures")
