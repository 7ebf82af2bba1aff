#!/usr/bin/env bash
# Regenerates the goldens of the machine-state tables (scapscope state) with sysdig 0.29.3
# (apt-get install -y sysdig): for every capture in ../shared/captures that sysdig reads, the output
# of its "System State" chisels ps, lsof, netstat and lscontainers
#   * at the first event the chisels see (no filter: container records come before it), with and
#     without a table filter;
#   * just after three later events (a third and two thirds of the way through, and the last shown
#     event), chosen with the filter evt.num=N,
# as src/test/resources/golden/CAPTURE/state-tables.txt.gz: a line "## CHISEL AT [FILTER]" (AT is
# "first" or an event number) before each output, its lines sorted, since lsof, netstat and
# lscontainers list in hash order.
#
# With a filter sysdig does not apply the events the filter drops unless they change processes or
# descriptors: a context switch, mmap, munmap or brk it drops leaves the memory sizes of ps (VIRT, RES)
# as they were. StateTablesTest therefore compares those two columns at the first event only.
#
# Usage: tools/make-chisel-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
. "$here/tools/goldens-lib.sh"
require_029 sysdig
section() { # CHISEL AT TABLE_FILTER SYSDIG_FILTER
  printf '## %s %s%s\n' "$1" "$2" "${3:+ $3}"
  # sysdig splits a chisel's argument at spaces unless it is quoted within; an empty one stays empty
  local arg=""
  [ -z "$3" ] || arg="'$3'"
  if [ -n "$4" ]; then
    sysdig -r "$f" -c "$1" "$arg" "$4" 2>/dev/null | LC_ALL=C sort
  elif [ -n "$3" ]; then
    sysdig -r "$f" -c "$1" "$arg" 2>/dev/null | LC_ALL=C sort
  else
    sysdig -r "$f" -c "$1" 2>/dev/null | LC_ALL=C sort
  fi
}
while IFS= read -r f; do
  name=$(basename "$f")
  mkdir -p "$out/$name"
  shown=$(sysdig -r "$f" -p '%evt.num' 2>/dev/null | wc -l)
  [ "$shown" -gt 0 ] || { echo "skip $name: no event shown"; continue; }
  points=$(sysdig -r "$f" -p '%evt.num' 2>/dev/null \
    | awk -v n="$shown" 'NR == int(n / 3) + 1 || NR == int(2 * n / 3) + 1 || NR == n' | sort -un)
  {
    for c in ps lsof netstat lscontainers; do
      section "$c" first "" ""
    done
    section ps first 'fd.type=ipv4' ""
    section lsof first 'fd.name contains /usr or fd.type=unix' ""
    section netstat first 'proc.name!=sshd' ""
    for n in $points; do
      for c in ps lsof netstat lscontainers; do
        section "$c" "$n" "" "evt.num=$n"
      done
    done
  } | gzip -n > "$out/$name/state-tables.txt.gz.part"
  mv "$out/$name/state-tables.txt.gz.part" "$out/$name/state-tables.txt.gz"
  echo "state tables for $name at the first event and at events $(echo $points)"
done < <(readable_captures "$captures")
