#!/usr/bin/env bash
# Builds a self-contained Scapscope runtime image (a trimmed JDK plus the
# application jar) under target/image, so analysts can run it without
# installing Java.  Usage, from the repository root:
#
#   mvn -B -q package -DskipTests && jlink/build-image.sh
#   target/image/bin/scapscope --help
set -euo pipefail

cd "$(dirname "$0")/.."
jar=target/scapscope.jar
out=target/image
[ -f "$jar" ] || { echo "jlink/build-image.sh: $jar is missing; run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }

modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
rm -rf "$out"
jlink --add-modules "$modules,jdk.zipfs" \
      --strip-debug --no-header-files --no-man-pages --compress=2 \
      --output "$out"
mkdir -p "$out/lib/app"
cp "$jar" "$out/lib/app/"
cp icons/scapscope.svg "$out/lib/app/"
cat > "$out/bin/scapscope" <<'LAUNCH'
#!/usr/bin/env sh
here=$(dirname "$0")
exec "$here/java" -jar "$here/../lib/app/scapscope.jar" "$@"
LAUNCH
chmod +x "$out/bin/scapscope"
echo "runtime image: $out (run $out/bin/scapscope)"
