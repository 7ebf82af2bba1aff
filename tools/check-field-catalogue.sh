#!/usr/bin/env bash
# Compares the field names in src/main/resources/org/scapscope/field/fields.tsv
# with the ones `sysdig -l` lists under the classes the catalogue covers
# (evt, process, user, group, container, fd, syslog, fdlist, fs.path).
# Prints every difference (missing, extra, duplicate, out of order) and exits
# 1 when there is one, 2 when sysdig or the catalogue is unavailable.
#
# Usage: tools/check-field-catalogue.sh [FIELDS_TSV]   (SYSDIG=path overrides the binary)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tsv=${1:-$here/src/main/resources/org/scapscope/field/fields.tsv}
sysdig=${SYSDIG:-sysdig}
command -v "$sysdig" >/dev/null || { echo "sysdig is not installed (apt-get install -y sysdig)" >&2; exit 2; }
[ -r "$tsv" ] || { echo "cannot read $tsv" >&2; exit 2; }
"$sysdig" --version | grep -q '0\.29\.3' || echo "warning: the catalogue describes sysdig 0.29.3" >&2

status=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# sysdig -l: field lines start in column 0; headings, descriptions and wrapped text do not
"$sysdig" -l | awk '
  /^Field Class:/ { cls = $3; next }
  /^(Description:|Event Sources:|-)/ || /^[ \t]*$/ || /^[ \t]/ { next }
  cls ~ /^(evt|process|user|group|container|fd|syslog|fdlist|fs\.path)$/ { print $1 }
' > "$tmp/sysdig"

# catalogue: skip the comment and the header line; check the shape of each row
awk -F'\t' '
  /^#/ { next }
  !hdr { hdr = 1; next }
  NF != 6 { printf "fields.tsv line %d: %d columns, expected 6\n", NR, NF > "/dev/stderr"; bad = 1 }
  { print $2 }
  END { exit bad }
' "$tsv" > "$tmp/catalogue" || status=1

dups=$(sort "$tmp/catalogue" | uniq -d)
if [ -n "$dups" ]; then echo "listed more than once in fields.tsv:"; echo "$dups" | sed 's/^/  /'; status=1; fi
missing=$(comm -23 <(sort -u "$tmp/sysdig") <(sort -u "$tmp/catalogue"))
if [ -n "$missing" ]; then echo "in sysdig -l but not in fields.tsv:"; echo "$missing" | sed 's/^/  /'; status=1; fi
extra=$(comm -13 <(sort -u "$tmp/sysdig") <(sort -u "$tmp/catalogue"))
if [ -n "$extra" ]; then echo "in fields.tsv but not in sysdig -l:"; echo "$extra" | sed 's/^/  /'; status=1; fi
if [ "$status" -eq 0 ] && ! cmp -s "$tmp/sysdig" "$tmp/catalogue"; then
  echo "same names, different order than sysdig -l:"
  diff "$tmp/sysdig" "$tmp/catalogue" | sed 's/^/  /' || true
  status=1
fi
[ "$status" -eq 0 ] && echo "fields.tsv matches sysdig -l ($(wc -l < "$tmp/catalogue") fields)"
exit "$status"
