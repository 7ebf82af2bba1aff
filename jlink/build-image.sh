#!/usr/bin/env bash
# Builds a self-contained Scapscope runtime image under BUILD_DIR/image: a jlink runtime with
# the JDK modules the app needs and JavaFX's modules, the app's jars in lib/app, the icons in
# lib/icons and a bin/scapscope launcher.  Usage, from anywhere:
#
#   jlink/build-image.sh [BUILD_DIR [TRAINING_CAPTURE]]
#
# BUILD_DIR defaults to $SCAPSCOPE_BUILD_DIR, else target; TRAINING_CAPTURE (or
# $SCAPSCOPE_TRAINING_CAPTURE), a small capture, is what the class-data archive is made on.
#
# It reads what `mvn package` leaves in BUILD_DIR: scapscope-app.jar (the project's classes; its
# Main-Class is the class the launcher starts) and image-input/classpath.txt and javafx.txt (the
# runtime jars, from dependency:build-classpath).  `mvn -B verify` runs it and then tries the image.
# jlink and jdeps come from $JAVA_HOME, else from the java on the PATH.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${SCAPSCOPE_BUILD_DIR:-$root/target}}
[ -d "$build" ] || { echo "jlink/build-image.sh: no build folder $build" >&2; exit 2; }
build=$(cd "$build" && pwd)
app_jar=$build/scapscope-app.jar
cp_file=$build/image-input/classpath.txt
fx_file=$build/image-input/javafx.txt
out=$build/image
work=$build/image-input/work

for f in "$app_jar" "$cp_file" "$fx_file"; do
  [ -f "$f" ] || { echo "jlink/build-image.sh: $f is missing; run 'mvn -B package -DskipTests' first" >&2; exit 2; }
done

if [ -n "${JAVA_HOME:-}" ]; then
  jdk=$JAVA_HOME
else
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
[ -d "$jdk/jmods" ] || { echo "jlink/build-image.sh: $jdk has no jmods (Debian: apt-get install openjdk-17-jmods)" >&2; exit 2; }

rm -rf "$out" "$work"
mkdir -p "$work"
(cd "$work" && "$jdk/bin/jar" xf "$app_jar" META-INF/MANIFEST.MF)
main=$(tr -d '\r' < "$work/META-INF/MANIFEST.MF" | sed -n 's/^Main-Class: *//p')
[ -n "$main" ] || { echo "jlink/build-image.sh: $app_jar names no Main-Class" >&2; exit 2; }

# The app's jars in classpath order; JavaFX's platform jars, which are modules (the others are
# empty), and their native libraries.
IFS=: read -r -a jars < <(tr -d "\n" < "$cp_file"; echo)
fx_path=
fx_jars=()
IFS=: read -r -a fx_all < <(tr -d "\n" < "$fx_file"; echo)
for j in "${fx_all[@]}"; do
  entries=$("$jdk/bin/jar" tf "$j")
  grep -qx module-info.class <<< "$entries" || continue
  fx_jars+=("$j")
  fx_path=${fx_path:+$fx_path:}$j
  libs=$(grep '^[^/]*\.so$' <<< "$entries" || true)
  [ -z "$libs" ] || (cd "$work" && "$jdk/bin/jar" xf "$j" $libs)
done
[ ${#fx_jars[@]} -gt 0 ] || { echo "jlink/build-image.sh: no modular JavaFX jar in $fx_file" >&2; exit 2; }

# The JDK modules the app and its libraries read, JavaFX's modules, and those only reached by
# reflection or services: zip file systems, EC keys for TLS (S3), Unsafe (okhttp, guava), JNDI.
cp_all=$app_jar
for j in "${jars[@]}"; do cp_all=$cp_all:$j; done
found=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
          --module-path "$fx_path" --class-path "$cp_all" "$app_jar" "${jars[@]}")
modules=
for m in ${found//,/ } javafx.base javafx.graphics javafx.controls \
         jdk.zipfs jdk.crypto.ec jdk.unsupported java.naming java.logging java.sql; do
  case ",$modules," in *",$m,"*) continue ;; esac
  case $m in
    javafx.*) ;;
    *) [ -f "$jdk/jmods/$m.jmod" ] || continue ;;   # jdk.crypto.ec is gone from newer JDKs
  esac
  modules=${modules:+$modules,}$m
done

# JavaFX's native libraries go to lib/, as JavaFX's own jmods have them, rather than being
# unpacked into ~/.openjfx/cache on the first start. ThreadPriorityPolicy=1 makes Java thread
# priorities niceness on Linux, so that the app's background work (low priority) leaves the
# JavaFX thread the processor; without root only lowering takes effect, which is all the app
# asks, and an option of the image, unlike one on the command line, starts with no warning.
"$jdk/bin/jlink" --module-path "$jdk/jmods:$fx_path" --add-modules "$modules" \
  --add-options="-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=5" \
  --exclude-resources='/javafx.*/*.so' \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
  --output "$out"
find "$work" -maxdepth 1 -name '*.so' -exec cp {} "$out/lib/" \;
rm -rf "$work"
if ! "$out/bin/java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -Eq 'ThreadPriorityPolicy += 1 '; then
  echo "the image's java does not map thread priorities (ThreadPriorityPolicy)" >&2
  exit 1
fi

mkdir -p "$out/lib/app" "$out/lib/icons"
cp "$app_jar" "$out/lib/app/scapscope.jar"
classpath='$home/lib/app/scapscope.jar'
for j in "${jars[@]}"; do
  cp "$j" "$out/lib/app/"
  classpath=$classpath:'$home/lib/app/'$(basename "$j")
done
cp "$root"/icons/scapscope.svg "$root"/icons/scapscope-*.png "$out/lib/icons/"

# The JVM options every command starts with, from the same file the benchmark reads.
jvm_options=$(tr -d '\r' < "$root/src/main/resources/org/scapscope/cli/jvm.options" | sed -e 's/#.*//' \
  | tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//')

# What the launcher compares before it uses the class-data archive: the image's folder, then each
# jar's size and name, as ls gives them; it also wants no jar newer than the archive.
jar_stamp() {
  echo "$home"
  (cd "$out/lib/app" && LC_ALL=C ls -lL -- *.jar | awk '{print $5, $9}')
}

cat > "$out/bin/scapscope" <<LAUNCH
#!/bin/sh
# Scapscope: runs $main with this image's own Java.
# SCAPSCOPE_JAVA_OPTS adds JVM options, e.g. SCAPSCOPE_JAVA_OPTS=-Xmx2g.
self=\$0
while [ -h "\$self" ]; do
  link=\$(readlink "\$self")
  case \$link in
    /*) self=\$link ;;
    *) self=\$(dirname "\$self")/\$link ;;
  esac
done
home=\$(cd "\$(dirname "\$self")/.." && pwd -P)
# the classes of a typical run, ready-made (see below): only where the image was made and while its
# jars are as they were (the JVM would otherwise drop the archive, and the JDK's own with it)
# The window has an archive of its own, with the classes it shows its pages with: the command
# line's is kept small, since a larger archive costs every command time to map.
archive=\$home/lib/app/scapscope.jsa
case "\$#:\${1:-}" in
  0:|2:open) [ -f "\$home/lib/app/scapscope-window.jsa" ] && archive=\$home/lib/app/scapscope-window.jsa ;;
esac
cds=
if [ -f "\$archive" ] && [ "\$(cat "\$home/lib/app/scapscope.jsa.home" 2>/dev/null)" = \
    "\$(echo "\$home"; cd "\$home/lib/app" && LC_ALL=C ls -lL -- *.jar | awk '{print \$5, \$9}')" ] \
    && [ -z "\$(find "\$home/lib/app" -name '*.jar' -newer "\$archive")" ]; then
  cds=-XX:SharedArchiveFile=\$archive
fi
exec "\$home/bin/java" $jvm_options \${cds:+"\$cds"} \${SCAPSCOPE_JAVA_OPTS:-} -cp "$classpath" $main "\$@"
LAUNCH
chmod +x "$out/bin/scapscope"

# Class-data sharing for the app's own classes and its libraries': the classes a few commands load
# on a training capture are parsed and verified once, here, and mapped ready-made on every start (a
# command on the 1 GB benchmark capture finishes 0.15-0.3 s sooner). The archive names the jars by
# their full paths and the JVM checks their sizes and times: the launcher uses it only where it was
# made and while the jars are as they were (see jar_stamp above), else the JVM would drop it and the
# JDK's own archive with it. With no training capture, or a folder whose path has a blank (which the
# JVM's archive check does not handle), there is no archive.
training=${2:-${SCAPSCOPE_TRAINING_CAPTURE:-}}
home=$(cd "$out" && pwd -P)
if [ -n "$training" ] && [ ! -f "$training" ]; then
  echo "jlink/build-image.sh: no training capture $training; the image has no class-data archive" >&2
elif [ -n "$training" ] && [[ "$home" == *[[:space:]]* ]]; then
  echo "jlink/build-image.sh: $home has a blank in its path; the image has no class-data archive" >&2
elif [ -n "$training" ]; then
  training=$(cd "$(dirname "$training")" && pwd -P)/$(basename "$training")
  mkdir -p "$work/cache" "$work/config"
  n=0
  train() {
    n=$((n + 1))
    # run in the work folder, so the class list's path has no blank to split; the user's own views
    # (XDG_CONFIG_HOME) are left out of the training
    (cd "$work" && SCAPSCOPE_CACHE=$work/cache XDG_CONFIG_HOME=$work/config \
      SCAPSCOPE_JAVA_OPTS="-XX:DumpLoadedClassList=classes-$n.txt" "$out/bin/scapscope" "$@" > /dev/null)
  }
  train count "$training" 'proc.name=curl and evt.type=connect'
  train count "$training" 'evt.buffer contains 502'
  train events "$training" 'fd.type=ipv4' -p '*%evt.num %proc.name %fd.name %evt.info'
  train view procs "$training" --json
  train view connections "$training" --csv
  train overview "$training" --json
  train echo "$training" 'fd.type=ipv4'
  # a class listed by several runs once, with the JDK's own list
  cat "$work"/classes-*.txt "$out/lib/classlist" | grep -v '^#' | sed 's/ id: [0-9]*$//' | sort -u \
    > "$work/classes.txt"
  app_path=${classpath//'$home'/$home}
  # dump LIST ARCHIVE: the archive of the classes listed, checked to hold the app's classes for this
  # class path, as the launcher will give it
  dump() {
    if ! "$out/bin/java" -Xshare:dump -XX:SharedClassListFile="$1" -XX:SharedArchiveFile="$2" \
        -cp "$app_path" > "$work/dump.log" 2>&1; then
      cat "$work/dump.log" >&2
      echo "jlink/build-image.sh: the class-data archive $2 could not be made" >&2
      exit 1
    fi
    if ! "$out/bin/java" -Xshare:on -XX:SharedArchiveFile="$2" -Xlog:class+load=info -cp "$app_path" "$main" \
        --version | grep -q "^\[.*\] $main source: shared objects file"; then
      echo "jlink/build-image.sh: $2 does not give $main; the dump said:" >&2
      cat "$work/dump.log" >&2
      exit 1
    fi
  }
  dump "$work/classes.txt" "$out/lib/app/scapscope.jsa"
  echo "class-data archive: $(grep -c . "$work/classes.txt") classes from $n training runs on $training"
  # the window's: the same, with the classes it loads as it shows its pages (JavaFX's, the charts',
  # its own, and their lambdas), listed under Xvfb by tools/make-window-classlist.sh since a build
  # has no display to open the window on; classes listed that are gone are passed over
  if [ -f "$root/jlink/window-classes.txt" ]; then
    { grep -v '^#' "$root/jlink/window-classes.txt" || true; } | sort -u - "$work/classes.txt" \
      > "$work/window-classes.txt"
    dump "$work/window-classes.txt" "$out/lib/app/scapscope-window.jsa"
    echo "class-data archive for the window: $(grep -c . "$work/window-classes.txt") classes"
  fi
  jar_stamp > "$out/lib/app/scapscope.jsa.home"
fi
rm -rf "$work"
echo "runtime image: $out ($(du -sh "$out" | cut -f1); modules $modules; main class $main)"
