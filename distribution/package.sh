#!/usr/bin/env bash
# The package phase of the distribution module (profile dist; run through scripts/dist or
# `mvn -Pdist package`). Maven has already built the product jar, the mongod stand-in, the man
# pages (target/man/man1), the SBOM and the third-party license list; this script adds the parts
# Maven has no plugin for and writes dist/:
#   restore-<version>-linux-x64.tar.gz  trimmed Java runtime (jdeps + jlink), the jar, an AppCDS
#                                       archive from a training run, bin/restore, share/, docs
#   restore-<version>.zip               the jar, bin/restore, bin/restore.cmd, share/, docs (Java 17+)
#   SHA256SUMS
# Usage: package.sh <version> <jdk home>
#   RESTORE_DIST_JDK  the JDK whose jdeps/jlink/jmods make the runtime (default: the one given,
#                     which must be a JDK 17 with jmods)
set -euo pipefail
version=$1
module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$module/.." && pwd)"
target="$module/target"
out="$root/dist"
jdk="${RESTORE_DIST_JDK:-$2}"

say() { echo "dist: $*" >&2; }
die() { echo "dist: $*" >&2; exit 1; }

# --- inputs ---------------------------------------------------------------------------------------
jar="$root/restore-cli/target/restore.jar"
standin="$root/testkit/target/mongod-standin.jar"
[ -f "$jar" ] || die "missing $jar (build it: mvn -B -Pdist -pl distribution -am package)"
[ -f "$standin" ] || die "missing $standin (the AppCDS training run needs the mongod stand-in)"
[ -d "$target/man/man1" ] || die "missing $target/man/man1 (the man pages)"
for tool in jdeps jlink; do
  [ -x "$jdk/bin/$tool" ] || die "$jdk has no bin/$tool: set RESTORE_DIST_JDK to a JDK 17"
done
[ -d "$jdk/jmods" ] || die "$jdk has no jmods/ (Debian: apt-get install openjdk-17-jdk-headless): set RESTORE_DIST_JDK"
jdk_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")
case $jdk_version in
  17*) ;;
  *) die "$jdk is Java $jdk_version; the runtime is Java 17 (the project's target): set RESTORE_DIST_JDK" ;;
esac
command -v zip >/dev/null 2>&1 || die "zip is missing (Debian: apt-get install zip)"

work="$target/image"
rm -rf "$work"
mkdir -p "$work" "$out"
name="restore-$version"

# --- the parts both archives share ----------------------------------------------------------------
common="$work/common"
mkdir -p "$common/bin" "$common/lib" "$common/share/man/man1" \
  "$common/share/bash-completion/completions" "$common/share/zsh/site-functions" "$common/share/doc"
cp "$module/src/bin/restore" "$common/bin/restore"
chmod 755 "$common/bin/restore"
cp -p "$jar" "$common/lib/restore.jar"
cp "$target/man/man1/"*.1 "$common/share/man/man1/"
cp "$root/LICENSE" "$common/LICENSE"
cp "$target/restore-sbom.cyclonedx.json" "$common/share/doc/restore-sbom.cyclonedx.json"
cp "$root/README.md" "$common/share/doc/README.md"
cp -r "$root/docs" "$common/share/doc/docs"
# NOTICE: the project's own lines, then every bundled library and its license (license-maven-plugin).
{
  cat "$module/src/notice-header.txt"
  echo
  sed '/^$/d' "$target/licenses/THIRD-PARTY.txt"
} >"$common/NOTICE"
# The completion scripts are what `restore completion` prints (picocli.AutoComplete).
"$jdk/bin/java" -jar "$jar" completion bash >"$common/share/bash-completion/completions/restore"
"$jdk/bin/java" -jar "$jar" completion zsh >"$common/share/zsh/site-functions/_restore"

# --- the trimmed runtime ------------------------------------------------------------------------
# Modules: what jdeps finds in the jar, plus what is only reached through service lookups or
# reflection: jdk.crypto.ec (EC cipher suites of TLS: the KMS endpoints, the session's KMIP
# server), jdk.naming.dns (mongodb+srv:// URIs of restore dump --uri), jdk.localedata is not
# needed (messages are English), jdk.charsets neither (UTF-8 only).
say "jdeps: finding the Java modules restore.jar uses..."
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$jar")
# Left out although jdeps lists it: java.desktop (16 MB of classes, 3 MB of AWT libraries). Only
# code paths restore never takes use it: JNA's and msal4j's AWT helpers (native windows, the
# interactive browser login), commons-compress's pack200, commons-lang3's circuit breakers, and
# Jackson's optional java.beans annotation support (loaded behind a LinkageError guard).
# BundledRuntimeCloudKmsIT and smoke-test.sh run every KMS SDK and a session on this runtime.
modules=$(tr ',' '\n' <<<"$modules" | grep -vx 'java.desktop' | paste -sd, -)
modules="$modules,jdk.crypto.ec,jdk.naming.dns"
say "jlink: $modules"
runtime="$work/runtime"
# The modules file is left uncompressed (--compress=0): the tarball's gzip compresses it better
# than jlink's per-resource zip (30 MB against 37 MB for the whole runtime), and class loading
# need not inflate.
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=0 --generate-cds-archive --output "$runtime" >/dev/null
# Symbols of libjvm.so (Debian's JDK keeps them): 3.5 MB, only for native debuggers.
if command -v strip >/dev/null 2>&1; then
  strip --strip-unneeded "$runtime/lib/server/libjvm.so"
fi
# The base CDS archive for heaps over 32 GB (no compressed oops): restore never runs with one.
rm -f "$runtime/lib/server/classes_nocoops.jsa"

# --- the Linux tarball's folder -------------------------------------------------------------------
linux="$work/linux/$name"
mkdir -p "$linux"
cp -a "$common/." "$linux/"
cp -a "$runtime" "$linux/runtime"
# Native libraries for other platforms (gRPC's netty-tcnative and JNA carry macOS, Windows, BSD,
# Solaris, ARM, ...) cannot load on Linux x64: the tarball's jar drops them (about 7 MB
# compressed); the zip, for any OS, keeps them. Before the training run: the AppCDS archive records
# the jar's size and time.
other_natives=$(unzip -Z1 "$linux/lib/restore.jar" \
  | grep -E '\.(so|dll|dylib|jnilib|a)$' | grep -viE '(linux[-_]x86[-_]64|linux-amd64)' || true)
if [ -n "$other_natives" ]; then
  say "dropping $(wc -l <<<"$other_natives") native libraries for other platforms from the tarball's jar"
  zip -q -d "$linux/lib/restore.jar" $other_natives >/dev/null
fi

# AppCDS training run: the demo snapshot opened with the mongod stand-in and dumped, as scripts/demo
# does, so the archive holds the classes a session loads. The jar is named /dev/fd/9, as bin/restore
# does (see there).
say "AppCDS training run (restore open samples/demo --dump-to, mongod stand-in)..."
train="$work/train"
mkdir -p "$train"
cp -r "$root/samples/demo" "$train/demo"
cp "$root/samples/demo.key" "$train/demo.key" # the metadata names ../../demo.key
chmod 600 "$train/demo.key" "$train/demo/cloudProviderCredentials/"*
(
  export RESTORE_STATE_DIR="$train/state"
  export RESTORE_STANDIN_CLASSPATH="$standin" # the stand-in as built, no staleness check
  export JAVA_HOME="$jdk"                     # the stand-in's own Java
  exec 9<"$linux/lib/restore.jar"
  "$linux/runtime/bin/java" -XX:ArchiveClassesAtExit="$linux/lib/restore.jsa" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -jar /dev/fd/9 \
    open "$train/demo" --mongod "$root/testkit/bin/mongod" --dump-to "$train/out" --quiet
) || die "the AppCDS training run failed (see above)"
[ -f "$linux/lib/restore.jsa" ] || die "the training run wrote no $linux/lib/restore.jsa"
chmod 644 "$linux/lib/restore.jsa"

tarball="$out/$name-linux-x64.tar.gz"
say "writing $tarball"
tar -C "$work/linux" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"

# --- the zip (any OS with Java 17+) ------------------------------------------------------------------
zipdir="$work/zip/$name"
mkdir -p "$zipdir"
cp -a "$common/." "$zipdir/"
cp "$module/src/bin/restore.cmd" "$zipdir/bin/restore.cmd"
zipfile="$out/$name.zip"
say "writing $zipfile"
rm -f "$zipfile"
(cd "$work/zip" && zip -q -r -X "$zipfile" "$name")

(cd "$out" && sha256sum "$name-linux-x64.tar.gz" "$name.zip" >SHA256SUMS)
# The repository keeps a copy of NOTICE (for a clone); say when this build's differs.
if ! cmp -s "$common/NOTICE" "$root/NOTICE"; then
  say "NOTICE differs from the repository's (dependencies changed?): cp $common/NOTICE $root/NOTICE"
fi
say "done: $(cd "$out" && ls -l "$name-linux-x64.tar.gz" "$name.zip" SHA256SUMS | awk '{printf "%s (%d bytes) ", $9, $5}')"
