#!/usr/bin/env bash
# Regenerates the goldens of the container tests with sysdig 0.29.3 (apt-get install -y sysdig).
#
#  * golden/CAPTURE/containers.txt, for each real capture sysdig reads: the first event sysdig
#    prints for each thread, with the thread's container (format in containers.format).
#  * golden/synthetic-containers/containers.txt: every close event of the synthetic capture that
#    src/test/java/org/scapscope/state/SyntheticContainerCapture.java writes, with all the
#    container fields; capture.sha256 tells the test which capture the golden belongs to.
#
# The captures stay where they are; only sysdig's output is committed.
#
# Usage: tools/make-container-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
export TZ=UTC
command -v sysdig >/dev/null || { echo "sysdig is not installed (apt-get install -y sysdig)" >&2; exit 1; }
sysdig --version | grep -q '0.29.3' || echo "warning: goldens are meant to come from sysdig 0.29.3" >&2

# '*' makes sysdig print events whose fields are null (as <NA>) instead of skipping them.
threads_format='*%thread.tid|%evt.type|%evt.dir|%container.id|%container.type|%container.name|%container.image'
for f in "$captures"/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  if ! sysdig -r "$f" -p '%evt.num' > /dev/null 2>&1; then
    echo "skip $name: sysdig cannot read it" >&2
    continue
  fi
  mkdir -p "$out/$name"
  # keep the first line of each thread: later ones may follow an execve that moved it
  sysdig -r "$f" -p "$threads_format" 2>/dev/null | awk -F'|' '!seen[$1]++' > "$out/$name/containers.txt"
  printf '%s\n' "$threads_format" > "$out/$name/containers.format"
  echo "container goldens for $name"
done

# The synthetic capture comes from the test sources.
(cd "$here" && mvn -B -q test-compile)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
capture=$tmp/synthetic-containers.scap
java -cp "$here/target/classes:$here/target/test-classes" org.scapscope.state.SyntheticContainerCapture "$capture"
syn=$out/synthetic-containers
mkdir -p "$syn"
full_format='*%evt.num|%thread.tid|%container.id|%container.type|%container.name|%container.image|%container.image.id|%container.image.repository|%container.image.tag|%container.image.digest|%container.privileged|%container.mounts|%container.healthcheck|%container.liveness_probe|%container.readiness_probe'
sysdig -r "$capture" -p "$full_format" 'evt.type=close' > "$syn/containers.txt"
printf '%s\n' "$full_format" > "$syn/containers.format"
sha256sum "$capture" | cut -d' ' -f1 > "$syn/capture.sha256"
echo "container goldens for the synthetic capture"
