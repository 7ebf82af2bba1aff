# Shared by the tools/make-*-goldens.sh scripts (source it): the settings goldens are made with and
# the captures they are made from.

# Times print in UTC, whatever the machine's zone.
export TZ=UTC

# require_029 TOOL: stops unless TOOL (sysdig or csysdig) 0.29.3 is installed.
require_029() {
  command -v "$1" >/dev/null || { echo "$1 is not installed (apt-get install -y sysdig)" >&2; exit 1; }
  "$1" --version | grep -q '0.29.3' || { echo "the goldens must come from $1 0.29.3, not: $("$1" --version)" >&2; exit 1; }
}

# readable_captures DIR: the captures in DIR that sysdig reads, one per line (gzip-compressed ones
# included: sysdig reads them directly); says on stderr which it leaves out.
readable_captures() {
  local f
  for f in "$1"/*; do
    [ -f "$f" ] || continue
    if sysdig -r "$f" -p '%evt.num' > /dev/null 2>&1; then
      printf '%s\n' "$f"
    else
      echo "skip $(basename "$f"): sysdig cannot read it" >&2
    fi
  done
}
