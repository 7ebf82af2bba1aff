#!/usr/bin/env bash
# Regenerates the latency spectrogram goldens with sysdig 0.29.3 (apt-get install -y sysdig): for every
# capture in ../shared/captures that sysdig reads, and for csysdig's two spectrograms (spectro_all: every
# exit event; spectro_file: those on a file), how many calls csysdig counts
# (csysdig -r CAPTURE -v VIEW -j) and how many of them fall in each latency band, from
# sysdig -r CAPTURE -p '*%evt.dir %fd.type %evt.latency' (exit events with a latency above 0; the bands
# split each power of ten of nanoseconds in four, band i starting at ceil(10^(i/4)) ns), as
# src/test/resources/golden/CAPTURE/spectrogram.tsv, one line per view:
#   view<TAB>csysdig's count<TAB>band=count,band=count,... (bands with calls only)
#
# Usage: tools/make-spectrogram-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
. "$here/tools/goldens-lib.sh"
require_029 sysdig
require_029 csysdig
# the count of csysdig's spectrogram: it draws every call in one band when it has no screen (-j)
csysdig_count() {
  python3 -c '
import json, sys
text = sys.stdin.read()
start = text.find("{")
doc = json.loads(text[start:]) if start >= 0 else {"slices": []}
print(sum(row["d"][1] for s in doc.get("slices", []) for row in s.get("data", [])))
'
}
bands() {
  python3 -c '
import math, sys
only_files = sys.argv[1] == "spectro_file"
low = [1] + [math.ceil(10 ** (i / 4) - 1e-9) for i in range(1, 44)]
counts = {}
for line in sys.stdin:
    parts = line.split()
    if len(parts) != 3 or parts[0] != "<" or not parts[2].isdigit() or int(parts[2]) <= 0:
        continue
    if only_files and parts[1] != "file":
        continue
    ns = int(parts[2])
    band = max(i for i in range(44) if low[i] <= ns)
    counts[band] = counts.get(band, 0) + 1
print(",".join("%d=%d" % (b, counts[b]) for b in sorted(counts)))
' "$1"
}
while IFS= read -r f; do
  name=$(basename "$f")
  mkdir -p "$out/$name"
  for view in spectro_all spectro_file; do
    printf '%s\t%s\t%s\n' "$view" "$(csysdig -r "$f" -v "$view" -j 2>/dev/null | csysdig_count)" \
      "$(sysdig -r "$f" -p '*%evt.dir %fd.type %evt.latency' 2>/dev/null | bands "$view")"
  done > "$out/$name/spectrogram.tsv.part"
  mv "$out/$name/spectrogram.tsv.part" "$out/$name/spectrogram.tsv"
  echo "spectrogram goldens for $name"
done < <(readable_captures "$captures")
