#!/usr/bin/env bash
# Regenerates the golden outputs of the conformance tests with sysdig 0.29.3
# (apt-get install -y sysdig). The captures stay in ../shared/captures; only
# sysdig's output is committed, gzip-compressed, under src/test/resources/golden/CAPTURE/.
#
# Usage: tools/make-goldens.sh [CAPTURES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
. "$here/tools/goldens-lib.sh"
require_029 sysdig

# name<TAB>sysdig -p format (empty: sysdig's default output).
# fd.dev is left out: sysdig 0.29.3 prints uninitialised memory for the device of sockets.
formats=$(cat <<'FORMATS'
events-basic	%evt.num %evt.rawtime %evt.cpu %evt.dir %evt.type %thread.tid
events-time	*%evt.num %evt.time %evt.time.s %evt.time.iso8601 %evt.datetime %evt.datetime.s %evt.rawtime.s %evt.rawtime.ns %evt.reltime %evt.reltime.s %evt.reltime.ns
events-result	*%evt.num %evt.type %evt.res %evt.rawres %evt.failed
events-latency	*%evt.num %evt.latency %evt.latency.s %evt.latency.ns
events-skip	%evt.num %evt.type %evt.rawarg.res
events-prefix	*%evt.num %proc.pid.ts %thread.tid2 %evt.type.foo %fd.name.x
state-summary	*%evt.num %proc.name %proc.pid %proc.ppid %proc.exe %proc.cmdline %thread.tid %fd.num %fd.type %fd.name %container.id %container.name %user.name %user.uid
state-args	*%evt.num %evt.type %evt.args
state-default	
state-evt	*%evt.num %evt.info %evt.arg[0] %evt.arg.fd %evt.arg.res %evt.category %evt.is_io %evt.is_io_read %evt.is_io_write %evt.io_dir %evt.is_wait %evt.wait_latency %evt.is_syslog %evt.count %evt.count.error %evt.count.error.file %evt.count.error.net %evt.count.error.memory %evt.count.error.other %evt.count.exit %evt.deltatime %evt.deltatime.s %evt.deltatime.ns %evt.abspath %evt.is_open_read %evt.is_open_write %evt.is_open_exec %syscall.type %evt.buflen %evt.latency.human %evt.type.is.open
state-buffer	*%evt.num %evt.buffer %evt.rawarg.data
state-proc	*%evt.num %proc.pid %proc.exe %proc.name %proc.args %proc.env %proc.cmdline %proc.exeline %proc.cwd %proc.nthreads %proc.nchilds %proc.ppid %proc.pname %proc.pcmdline %proc.apid[2] %proc.aname[2] %proc.apid %proc.aname %proc.loginshellid %proc.duration %proc.fdopencount %proc.fdlimit %proc.fdusage %proc.vmsize %proc.vmrss %proc.vmswap %proc.sid %proc.sname %proc.tty %proc.exepath %proc.vpgid %proc.vpid %proc.is_exe_writable %proc.is_container_healthcheck %proc.is_container_liveness_probe %proc.is_container_readiness_probe
state-thread	*%evt.num %thread.tid %thread.vtid %thread.ismain %thread.exectime %thread.totexectime %thread.cgroups %thread.cgroup.cpuset %thread.cgroup.memory %thread.cpu %thread.cpu.user %thread.cpu.system %thread.vmsize %thread.vmrss %thread.pfmajor %thread.pfminor
state-fd	*%evt.num %fd.num %fd.type %fd.typechar %fd.name %fd.directory %fd.filename %fd.cip %fd.sip %fd.lip %fd.rip %fd.cport %fd.sport %fd.lport %fd.rport %fd.l4proto %fd.sockfamily %fd.is_server %fd.uid %fd.containername %fd.containerdirectory %fd.cproto %fd.sproto %fd.lproto %fd.rproto %fd.connected %fd.name_changed %fd.cip.name %fd.sip.name %fd.lip.name %fd.rip.name
state-fdlist	*%evt.num %fdlist.nums %fdlist.names %fdlist.cips %fdlist.sips %fdlist.cports %fdlist.sports
state-user	*%evt.num %user.uid %user.name %user.homedir %user.shell %user.loginuid %user.loginname %group.gid %group.name
state-container	*%evt.num %container.id %container.name %container.image %container.image.id %container.type %container.privileged %container.mounts %container.mount[0] %container.mount.source[/etc] %container.image.repository %container.image.tag %container.image.digest %container.healthcheck %container.liveness_probe %container.readiness_probe
state-syslog	*%evt.num %syslog.facility.str %syslog.facility %syslog.severity.str %syslog.severity %syslog.message
FORMATS
)
while IFS= read -r f; do
  name=$(basename "$f")
  mkdir -p "$out/$name"
  while IFS=$'\t' read -r key fmt; do
    # sysdig 0.29.3 misreads the newer PL_V9 thread entries of sample.scap (it takes the start of
    # pidns_init_start_ts for loginuid and never reads tty): leave those fields out there.
    if [ "$name" = sample.scap ]; then
      fmt=$(printf '%s' "$fmt" | sed 's/ %proc.tty//; s/ %user.loginuid//; s/ %user.loginname//')
    fi
    if [ -z "$fmt" ]; then
      sysdig -r "$f" 2>/dev/null | gzip -9n > "$out/$name/$key.txt.gz" || true
    else
      sysdig -r "$f" -p "$fmt" 2>/dev/null | gzip -9n > "$out/$name/$key.txt.gz" || true
    fi
    printf '%s\n' "$fmt" > "$out/$name/$key.format"
  done <<< "$formats"
  # sysdig's default output under its display options: KEY.options holds the options.
  # -t a is left out: sysdig 0.29.3 prints its nanoseconds without leading zeros (1690557263.8707142
  # for .008707142), which Scapscope does not copy (CommandLineTest checks -t a on its own).
  while IFS=$'\t' read -r key opts; do
    sysdig -r "$f" $opts 2>/dev/null | gzip -9n > "$out/$name/$key.txt.gz" || true
    printf '\n' > "$out/$name/$key.format"
    printf '%s\n' "$opts" > "$out/$name/$key.options"
  done <<'OPTIONS'
options-time-relative	-t r
options-time-latency	-t d
options-time-delta	-t D
options-ascii	-A
options-hex	-x
options-hex-ascii	-X
options-base64	-b
options-verbose	-v
options-json	-j
OPTIONS
  # -S: the summary that follows the events (the events are state-default's)
  sysdig -r "$f" -S 2>/dev/null | sed -n '/^----------------------$/,$p' > "$out/$name/summary.txt" || true
  sysdig -r "$f" -p '%evt.num' 2>/dev/null | wc -l | tr -d ' ' > "$out/$name/count.txt"
  echo "goldens for $name"
done < <(readable_captures "$captures")
