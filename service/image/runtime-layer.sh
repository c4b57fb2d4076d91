#!/usr/bin/env bash
# The reference service image's bottom layer, made on this machine because no base image can be pulled here: a Java
# runtime trimmed by jlink to the modules the service uses (as service/Dockerfile makes it) and the shared libraries
# that runtime loads, taken from this machine, so that the image runs in a chroot with nothing of the host's.
# Jib (service/pom.xml) puts OUT on top of an empty image ("scratch") below the service's own layers.
# usage: runtime-layer.sh JAVA_HOME OUT
set -euo pipefail
java_home=$1
out=$2
# Made once per JDK and version of this script: a second build (the release script's, a developer's) reuses it.
stamp="$java_home $(sha256sum "$0" | cut -d' ' -f1)"
if [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ] && [ -d "$out/opt/jre" ]; then
  exit 0
fi
rm -rf "$out" "$out.stamp"
mkdir -p "$out/opt" "$out/tmp"
# Modules: what jdeps reports for the service, plus java.management and jdk.management, which the JVM metrics
# load reflectively (jdeps cannot see them).
"$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/opt/jre"
# Every shared library the runtime's programs and libraries name, and the dynamic loader, at the paths they are
# found at here (ldd follows the same search). What the runtime opens by name at run time (libnet, libnio...) lies
# inside it.
# A shell and curl, as the Dockerfile's image has them: task definitions' container health checks are
# ["CMD-SHELL", "curl -fs http://localhost:5000/health || exit 1"] (the examples' too).
programs=()
for program in /bin/sh /usr/bin/curl; do
  if [ -x "$program" ]; then
    mkdir -p "$out$(dirname "$program")"
    cp -L "$program" "$out$program"
    programs+=("$out$program")
  else
    echo "runtime-layer.sh: $program not found: the image's CMD-SHELL health checks will fail" >&2
  fi
done
libraries=$(find "$out/opt/jre" "${programs[@]}" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u)
# Each library as a plain file at the path the loader finds it at (/lib64/ld-linux-x86-64.so.2, /lib/x86_64-linux-gnu/
# libz.so.1...): no links, which Jib's extra directories would follow and copy twice.
for library in $libraries; do
  case "$library" in "$out"/*) continue ;; esac
  mkdir -p "$out$(dirname "$library")"
  cp -L "$library" "$out$library"
done
# Mount points: the task runtime mounts /proc there (glibc finds $ORIGIN, and so the runtime's libjli, through it).
mkdir -p "$out/proc" "$out/dev"
# The JVM reads the user's name; without an entry it only warns, but Vert.x's file cache wants a home.
mkdir -p "$out/etc"
printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/tmp:/sbin/nologin\n' >"$out/etc/passwd"
printf 'root:x:0:\napp:x:10001:\n' >"$out/etc/group"
chmod 1777 "$out/tmp"
echo "$stamp" >"$out.stamp"
