#!/usr/bin/env bash
# Regenerates jlink/window-classes.txt: the classes (JavaFX's, the charting library's, the window's
# own, and the lambdas among them) the desktop app loads while it opens a capture and goes through
# its pages. jlink/build-image.sh adds them to the class-data archive it trains on the command line,
# so that the window's first showing of each page loads them ready-made instead of defining them
# while the analyst waits. Classes it no longer finds are passed over with a warning when the
# archive is made, so the list need only be made again when the window changes much.
#
# Needs the runtime image (mvn -B -DskipTests verify), xvfb-run and xdotool
# (apt-get install -y xvfb xdotool).
#
# Usage: tools/make-window-classlist.sh [CAPTURE]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
capture=${1:-$here/../shared/captures/502Error.scap}
image=$here/target/image
[ -x "$image/bin/scapscope" ] || { echo "no runtime image in $image: run mvn -B -DskipTests verify" >&2; exit 1; }
command -v xvfb-run >/dev/null && command -v xdotool >/dev/null || { echo "needs xvfb-run and xdotool" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/session.sh" <<'SESSION'
#!/usr/bin/env bash
# runs inside xvfb-run: open the capture, then every page by its shortcut, a filter, and quit
set -u
"$IMAGE/bin/scapscope" open "$CAPTURE" > "$WORK/app.log" 2>&1 &
app=$!
w=
for _ in $(seq 1 60); do
  w=$(xdotool search --name Scapscope 2>/dev/null | head -1 || true)
  [ -n "$w" ] && break
  sleep 0.5
done
if [ -z "$w" ]; then
  echo "the window did not open; its log:" >&2
  cat "$WORK/app.log" >&2
  kill "$app" 2>/dev/null
  exit 1
fi
sleep 6
keys() { xdotool key --window "$w" "$@"; sleep 2.5; }
keys ctrl+2; keys ctrl+3; keys ctrl+4; keys ctrl+1; keys F1; keys Escape
keys ctrl+l; xdotool type --window "$w" --delay 20 'proc.name = curl'; keys Return
keys ctrl+2; keys ctrl+3; keys ctrl+4; keys ctrl+d; keys ctrl+1; keys ctrl+d
kill "$app"; wait "$app" 2>/dev/null || true
SESSION
chmod +x "$work/session.sh"
# a home, settings, library and cache of its own: the user's saved filters and stores stay out of it
# (Java reads its home from the password database, hence user.home)
env -u SCAPSCOPE_CACHE -u SCAPSCOPE_LIBRARY \
  HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache \
  IMAGE=$image CAPTURE=$capture WORK=$work \
  SCAPSCOPE_JAVA_OPTS="-XX:DumpLoadedClassList=$work/classes.txt -Duser.home=$work -Djava.util.prefs.userRoot=$work/prefs" \
  xvfb-run -a -s "-screen 0 1440x900x24" "$work/session.sh"
# dynamic proxies are made afresh on each run: they cannot be listed
grep -v '^#' "$work/classes.txt" | sed 's/ id: [0-9]*$//' | grep -v 'proxy[0-9]*/\$Proxy' | sort -u \
  > "$work/window-classes.txt"
# a session that never showed the pages leaves the list as it was
for shown in org/scapscope/ui/EventsPage org/scapscope/ui/IoPage org/scapscope/ui/TimelineChart; do
  grep -q "^$shown\$" "$work/window-classes.txt" || { echo "the session did not show $shown; the list is left as it was" >&2; exit 1; }
done
mv "$work/window-classes.txt" "$here/jlink/window-classes.txt"
echo "jlink/window-classes.txt: $(grep -c . "$here/jlink/window-classes.txt") classes and lambdas"
