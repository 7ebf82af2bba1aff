#!/usr/bin/env bash
# Regenerates the view goldens with csysdig 0.29.3 (apt-get install -y sysdig): for every capture in
# ../shared/captures that sysdig reads and every view of the list below that csysdig has, exactly what
#   csysdig -r CAPTURE -v VIEW -j
# prints, as src/test/resources/golden/CAPTURE/views/VIEW.json.gz (gzip -9n), or, where csysdig fails,
# src/test/resources/golden/CAPTURE/views/VIEW.error: the first line csysdig wrote to stderr; and the same
# for containers (csysdig -pc, as Sysdig Inspect runs every view) under CAPTURE/views-pc.
# A view csysdig does not have ("view VIEW not found") gets no file at all.
#
# Determinism (checked with csysdig 0.29.3: two full runs give byte-identical files):
# - csysdig needs no terminal with -j: it never starts ncurses, so it runs headless with stdin from
#   /dev/null, any TERM or none; no `script`, -d, --raw or other option is needed.
# - TZ=UTC: the TIME column of the list views (file_opens, incoming_connections, port_bindings,
#   spy_users, docker_events, notifications) is evt.time, printed in the local time zone.
# - -d (refresh interval) does not matter for captures: the whole capture ends up in one sample
#   (same output with -d 100 and -d 60000), so the default is kept.
# - no -E: user names come from the user table stored in the capture (the host's /etc/passwd does not
#   change the output); -E would blank the USER columns.
# - csysdig reads gzip-compressed captures directly (same output as the inflated copy).
# - views are Lua files: csysdig is run from an empty directory with HOME pointing there and without
#   SYSDIG_CHISEL_DIR, so only the views installed with sysdig (/usr/share/sysdig/chisels) are seen;
#   SYSDIG_K8S_API and SYSDIG_MESOS_API are unset so that no orchestrator is queried.
#
# Usage: tools/make-view-goldens.sh [CAPTURES_DIR]   (JOBS=N: captures run in parallel, default nproc)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
captures=${1:-$here/../shared/captures}
out=$here/src/test/resources/golden
. "$here/tools/goldens-lib.sh"
unset SYSDIG_CHISEL_DIR SYSDIG_K8S_API SYSDIG_K8S_API_CERT SYSDIG_MESOS_API
require_029 sysdig
require_029 csysdig

views="procs procs_cpu procs_errors procs_fd_usage threads containers containers_errors files directories
file_opens io_by_type slow_io connections incoming_connections sports port_bindings backlog syscalls
syscall_procs errors page_faults spy_users spy_syslog docker_events notifications"

# Writes the view goldens of one capture: run_capture CAPTURE_FILE
run_capture() {
  local f=$1 name tmp v rc msg dir mode
  name=$(basename "$f")
  tmp=$(mktemp -d)
  for mode in views views-pc; do
    dir=$out/$name/$mode
    mkdir -p "$dir"
    for v in $views; do
      rm -f "$dir/$v.json.gz" "$dir/$v.error"
      rc=0
      (cd "$tmp" && HOME=$tmp csysdig -r "$f" -v "$v" -j ${mode#views} < /dev/null > "$tmp/stdout" 2> "$tmp/stderr") || rc=$?
      if [ "$rc" -eq 0 ]; then
        gzip -9n < "$tmp/stdout" > "$dir/$v.json.gz"
      else
        msg=$(head -n 1 "$tmp/stderr" | tr '\t\r' '  ')
        if [ "$msg" = "view $v not found" ]; then
          echo "$name: csysdig has no view $v" >&2
          continue
        fi
        printf '%s\n' "${msg:-csysdig exited with status $rc}" > "$dir/$v.error"
      fi
    done
  done
  rm -rf "$tmp"
  echo "view goldens for $name"
}
export -f run_capture
export out views

list=()
while IFS= read -r f; do
  # csysdig runs in a folder of its own: absolute paths
  list+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done < <(readable_captures "$captures")
[ "${#list[@]}" -gt 0 ] || { echo "no capture in $captures that sysdig reads" >&2; exit 1; }
printf '%s\0' "${list[@]}" | xargs -0 -n 1 -P "${JOBS:-$(nproc)}" bash -c 'run_capture "$1"' _
