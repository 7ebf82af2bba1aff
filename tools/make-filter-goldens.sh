#!/usr/bin/env bash
# Regenerates the filter goldens with sysdig 0.29.3 (apt-get install -y sysdig): for every capture in
# ../shared/captures that sysdig reads and every expression of src/test/resources/filters/battery.tsv,
# the events sysdig selects, as src/test/resources/golden/CAPTURE/filters.tsv.gz (gzip -9n), one line
# per battery id:
#   id<TAB>ok<TAB>NUMS        NUMS: the selected evt.num, as ranges (1-5,9,12-20), empty if none
#   id<TAB>error<TAB>MESSAGE  sysdig rejected the expression: the first line it wrote to stderr
# sysdig is given the battery's oracle column where there is one, else the expression itself.
#
# Usage: tools/make-filter-goldens.sh [CAPTURES_DIR]   (JOBS=N: captures run in parallel, default nproc)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
battery=$here/src/test/resources/filters/battery.tsv
. "$here/tools/goldens-lib.sh"
require_029 sysdig
[ -f "$battery" ] || { echo "no battery at $battery" >&2; exit 1; }
dups=$(grep -v '^#' "$battery" | grep -v '^[[:space:]]*$' | cut -f1 | sort | uniq -d)
[ -z "$dups" ] || { echo "duplicate battery ids: $dups" >&2; exit 1; }

# Writes the goldens of one capture: run_capture CAPTURE_FILE
run_capture() {
  local f=$1 name tmp id expr oracle rc msg
  name=$(basename "$f")
  tmp=$(mktemp -d)
  mkdir -p "$out/$name"
  while IFS=$'\t' read -r id expr oracle; do
    case "$id" in ''|'#'*) continue ;; esac
    rc=0
    sysdig -r "$f" -p '%evt.num' "${oracle:-$expr}" > "$tmp/stdout" 2> "$tmp/stderr" || rc=$?
    if [ "$rc" -eq 0 ]; then
      # consecutive event numbers become ranges; anything but increasing numbers is a failure
      awk -v id="$id" '
        function flush() { if (start == "") return; out = out (out == "" ? "" : ",") (start == prev ? start : start "-" prev) }
        !/^[0-9]+$/ || (start != "" && $1 + 0 <= prev + 0) { bad = 1; exit 1 }
        { if (start != "" && $1 == prev + 1) { prev = $1; next } flush(); start = $1; prev = $1 }
        END { if (bad) exit 1; flush(); printf "%s\tok\t%s\n", id, out }' "$tmp/stdout" || {
        echo "$name $id: sysdig printed something other than increasing event numbers" >&2
        rm -rf "$tmp"
        return 1
      }
    else
      msg=$(head -n 1 "$tmp/stderr" | tr '\t\r' '  ')
      printf '%s\terror\t%s\n' "$id" "${msg:-sysdig exited with status $rc}"
    fi
  done < "$battery" > "$tmp/filters.tsv"
  gzip -9n < "$tmp/filters.tsv" > "$out/$name/filters.tsv.gz"
  rm -rf "$tmp"
  echo "filter goldens for $name"
}
export -f run_capture
export out battery

list=()
while IFS= read -r f; do
  list+=("$f")
done < <(readable_captures "$captures")
[ "${#list[@]}" -gt 0 ] || { echo "no capture in $captures that sysdig reads" >&2; exit 1; }
printf '%s\0' "${list[@]}" | xargs -0 -n 1 -P "${JOBS:-$(nproc)}" bash -c 'run_capture "$1"' _
