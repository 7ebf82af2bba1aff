#!/usr/bin/env bash
# Regenerates the goldens of the container tests and of the synthetic captures with sysdig 0.29.3
# (apt-get install -y sysdig).
#
#  * golden/CAPTURE/containers.txt, for each real capture sysdig reads: the first event sysdig
#    prints for each thread, with the thread's container (format in containers.format).
#  * golden/synthetic-containers/containers.txt: every close event of the synthetic capture that
#    src/test/java/org/scapscope/state/SyntheticContainerCapture.java writes, with all the
#    container fields; capture.sha256 tells the test which capture the golden belongs to.
#  * golden/synthetic-container-fields/NAME.txt: sysdig's output for each format NAME.format (listed
#    below) over the capture that src/test/java/org/scapscope/field/ContainerFieldsCapture.java
#    writes: every container.* field, every way of choosing a mount, the container.type of engines
#    sysdig has no name for. Checked by ContainerFieldsTest.
#  * golden/synthetic-fd-kinds/fields.txt and golden/synthetic-net/fields.txt: sysdig's fd fields on
#    every event of the captures that src/test/java/org/scapscope/state/FdKindsCapture.java (one
#    descriptor of every kind sysdig 0.29.3 knows) and NetCapture.java (TCP, UDP, IPv6 and unix
#    sockets as client and server) write; golden/synthetic-proc/fields.txt: the process fields of a
#    shell that changes directory, users, session and root, from ProcCapture.java;
#    golden/synthetic-fork/fields.txt: fork, exec, a thread sharing descriptors, vfork, a failed exec
#    and an exit, from ForkCapture.java; golden/synthetic-users/fields.txt: user and group fields from
#    a user list as the shell changes users, from UserCapture.java. Checked by SyntheticStateTest.
#
# The captures stay where they are; only sysdig's output is committed.
#
# Usage: tools/make-state-goldens.sh [CAPTURES_DIR]   (BUILD_DIR=dir builds the test classes there)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
. "$here/tools/goldens-lib.sh"
require_029 sysdig

# '*' makes sysdig print events whose fields are null (as <NA>) instead of skipping them.
threads_format='*%thread.tid|%evt.type|%evt.dir|%container.id|%container.type|%container.name|%container.image'
while IFS= read -r f; do
  name=$(basename "$f")
  mkdir -p "$out/$name"
  # keep the first line of each thread: later ones may follow an execve that moved it
  sysdig -r "$f" -p "$threads_format" 2>/dev/null | awk -F'|' '!seen[$1]++' > "$out/$name/containers.txt"
  printf '%s\n' "$threads_format" > "$out/$name/containers.format"
  echo "container goldens for $name"
done < <(readable_captures "$captures")

# The synthetic capture comes from the test sources.
build=${BUILD_DIR:-$here/target}
(cd "$here" && mvn -B -q test-compile -DbuildDir="$build")
classpath="$build/classes:$build/test-classes"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
capture=$tmp/synthetic-containers.scap
java -cp "$classpath" org.scapscope.state.SyntheticContainerCapture "$capture"
syn=$out/synthetic-containers
mkdir -p "$syn"
full_format='*%evt.num|%thread.tid|%container.id|%container.type|%container.name|%container.image|%container.image.id|%container.image.repository|%container.image.tag|%container.image.digest|%container.privileged|%container.mounts|%container.healthcheck|%container.liveness_probe|%container.readiness_probe'
sysdig -r "$capture" -p "$full_format" 'evt.type=close' > "$syn/containers.txt"
printf '%s\n' "$full_format" > "$syn/containers.format"
sha256sum "$capture" | cut -d' ' -f1 > "$syn/capture.sha256"
echo "container goldens for the synthetic capture"

# The capture of the container field tests, and one golden per format (name<TAB>format). sysdig's
# command line turns \\ into \ in a format, so the formats keep clear of backslashes.
capture=$tmp/synthetic-container-fields.scap
java -cp "$classpath" org.scapscope.field.ContainerFieldsCapture "$capture"
fields=$out/synthetic-container-fields
mkdir -p "$fields"
while IFS=$'\t' read -r name format; do
  sysdig -r "$capture" -p "$format" > "$fields/$name.txt"
  printf '%s\n' "$format" > "$fields/$name.format"
done <<'FORMATS'
fields	*%evt.num|%thread.tid|%container.type|%container.id|%container.name|%container.image|%container.image.id|%container.image.repository|%container.image.tag|%container.image.digest|%container.privileged|%container.mounts|%container.healthcheck|%container.liveness_probe|%container.readiness_probe|%container.type
mounts	*%evt.num|%container.mount[0]|%container.mount[3]|%container.mount[8]|%container.mount[-1]|%container.mount[]|%container.mount[4294967295]|%container.mount[ 1]|%container.mount[1x]|%container.mount[/logs]|%container.mount[/etc/*]|%container.mount[/a*b]|%container.mount[/srv/[x]|%container.mount[/é*]|%container.mount[?logs]|%container.mount[*]|%container.mount[/srv/?x]|%container.mount.source[/var/*]|%container.mount.source[2]|%container.mount.source[/logs]|%container.mount.dest[/logs]|%container.mount.dest[/nothing]|%container.mount.mode[1]|%container.mount.mode[0]|%container.mount.rdwr[/data]|%container.mount.rdwr[1]|%container.mount.propagation[0]|%container.mount.propagation[/etc*]
skipped	%evt.num|%container.image|%container.type
FORMATS
sha256sum "$capture" | cut -d' ' -f1 > "$fields/capture.sha256"
echo "container field goldens for the synthetic capture"

# The goldens of the synthetic state captures: sysdig's fd or process fields on every event.
fd_format='*%evt.num %evt.type %evt.dir %fd.num %fd.type %fd.typechar %fd.name %fd.l4proto %fd.sockfamily %fd.is_server %fd.directory %fd.filename'
proc_format='*%evt.num %evt.type %evt.dir %evt.args | %proc.cwd %user.uid %user.name %group.gid %proc.sid %proc.vpgid %proc.name %proc.exe %proc.pid %thread.tid %proc.ppid %fd.name'
fork_format='*%evt.num %thread.tid %evt.type %evt.dir %evt.res %proc.pid %proc.ppid %proc.name %proc.exe %proc.exepath %proc.args %proc.pname %proc.aname[2] %proc.apid[1] %proc.nchilds %proc.nthreads %thread.ismain %proc.cwd %proc.vpid %thread.vtid %fd.name %proc.fdopencount %proc.env'
users_format='*%evt.num %evt.type %evt.dir %evt.args | %user.uid %user.name %user.homedir %user.shell %user.loginuid %user.loginname %group.gid %group.name'
net_format='*%evt.num %evt.type %evt.dir %fd.num %fd.type %fd.name %fd.cip %fd.sip %fd.cport %fd.sport %fd.lip %fd.rip %fd.lport %fd.rport %fd.l4proto %fd.sockfamily %fd.is_server %fd.connected %evt.args'
while read -r name class format; do
  capture=$tmp/$name.scap
  java -cp "$classpath" "$class" "$capture"
  mkdir -p "$out/$name"
  sysdig -r "$capture" -p "${!format}" > "$out/$name/fields.txt"
  printf '%s\n' "${!format}" > "$out/$name/fields.format"
  sha256sum "$capture" | cut -d' ' -f1 > "$out/$name/capture.sha256"
  echo "state goldens for $name"
done <<'CAPTURES'
synthetic-fd-kinds org.scapscope.state.FdKindsCapture fd_format
synthetic-net org.scapscope.state.NetCapture net_format
synthetic-proc org.scapscope.state.ProcCapture proc_format
synthetic-fork org.scapscope.state.ForkCapture fork_format
synthetic-users org.scapscope.state.UserCapture users_format
CAPTURES
