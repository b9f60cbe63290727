#!/usr/bin/env bash
# Smoke test of the Linux tarball (the distribution module's integration-test phase; scripts/test
# runs it through `mvn -Pdist verify`). Unpacks the tarball into an empty folder and runs it as a
# user would on a host without Java or Maven: restore sees a PATH of a few coreutils only and no
# JAVA_HOME. The mongod stand-in (itself a Java program) gets its Java through a wrapper script.
# Usage: smoke-test.sh <version> <jdk home for the stand-in>
set -euo pipefail
version=$1
jdk=$2
module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$module/.." && pwd)"
tarball="$root/dist/restore-$version-linux-x64.tar.gz"
zipfile="$root/dist/restore-$version.zip"
passed=0
failed=0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ok() {
  echo "smoke: ok: $*"
  passed=$((passed + 1))
}
fail() {
  echo "smoke: FAILED: $*" >&2
  failed=$((failed + 1))
}

# --- a host without Java: the tarball in an empty folder, a PATH of a few tools -----------------
mkdir "$work/opt"
tar -xzf "$tarball" -C "$work/opt"
home="$work/opt/restore-$version"
mkdir "$work/path"
# bash/sed/sleep: the mongod stand-in's launcher and restore's /bin/sh watchdog need them.
for tool in bash sh env cat sed sleep readlink dirname true ls grep; do
  ln -s "$(command -v "$tool")" "$work/path/$tool"
done
# The stand-in is a Java program: it alone gets a Java (and the jar as built).
cat >"$work/mongod" <<EOF
#!/bin/sh
JAVA_HOME='$jdk' RESTORE_STANDIN_CLASSPATH='$root/testkit/target/mongod-standin.jar' exec '$root/testkit/bin/mongod' "\$@"
EOF
chmod 755 "$work/mongod"
cp -r "$root/samples/demo" "$work/demo"
cp "$root/samples/demo.key" "$work/demo.key" # the metadata names ../../demo.key
chmod 600 "$work/demo.key" "$work/demo/cloudProviderCredentials/"*

# restore as a user runs it: no JAVA_HOME, no java or mvn on PATH.
bare() {
  env -i PATH="$work/path" HOME="$work" RESTORE_STATE_DIR="$work/state" "$@"
}
if bare sh -c 'command -v java || command -v mvn'; then
  fail "the test PATH has java or mvn"
fi

# --version
if out=$(bare "$home/bin/restore" --version 2>&1) && [[ $out == "restore $version"* ]] \
  && [[ $out == *"Java            17."* ]] && [[ $out == *"at $home/runtime"* ]]; then
  ok "bin/restore --version (bundled Java 17 runtime)"
else
  fail "bin/restore --version: $out"
fi

# the AppCDS archive made at packaging time maps here, in another folder than the build's
# (--help: it builds the whole command tree; --version takes a fast path that loads few classes)
if out=$(bare env RESTORE_JAVA_OPTS=-Xlog:class+load=info:stdout "$home/bin/restore" --help 2>&1) \
  && n=$(grep -c 'source: shared objects file (top)' <<<"$out") && [ "$n" -gt 100 ]; then
  ok "the AppCDS archive is used after unpacking elsewhere ($n classes from it)"
else
  fail "the AppCDS archive is not used: $(grep -c 'shared objects file (top)' <<<"$out") classes from it"
fi

# open with --exec on a copy of the demo snapshot, through the stand-in
if out=$(bare "$home/bin/restore" open "$work/demo" --mongod "$work/mongod" \
  --exec -- sh -c 'echo "uri=$MONGODB_URI"' 2>&1) && [[ $out == *"uri=mongodb://127.0.0.1:"* ]]; then
  ok "bin/restore open --exec"
else
  fail "bin/restore open --exec: $out"
fi

# dump
if out=$(bare "$home/bin/restore" dump "$work/demo" --mongod "$work/mongod" --out "$work/dump" \
  --quiet 2>&1) && [ -n "$(find "$work/dump" -name '*.bson' -print -quit)" ]; then
  ok "bin/restore dump ($(find "$work/dump" -name '*.bson' | wc -l) .bson files)"
else
  fail "bin/restore dump: $out"
fi

# a symlink from another folder, and a relative symlink to that symlink
mkdir "$work/bin" "$work/other"
ln -s "$home/bin/restore" "$work/bin/restore"
ln -s ../bin/restore "$work/other/restore"
if out=$(cd / && bare "$work/other/restore" --version 2>&1) && [[ $out == "restore $version"* ]]; then
  ok "a symlink (to a symlink) to bin/restore from another folder"
else
  fail "bin/restore through symlinks: $out"
fi
if out=$(cd "$work" && bare env PATH="$work/bin:$work/path" restore --version 2>&1) \
  && [[ $out == "restore $version"* ]]; then
  ok "restore found on PATH through a symlink"
else
  fail "restore on PATH through a symlink: $out"
fi

# bash completion: registers itself; completing "restore d" offers dump
completion="$home/share/bash-completion/completions/restore"
# shellcheck disable=SC2016 # expanded by the inner bash
if out=$(bare bash -c 'source "$1" && complete -p restore' _ "$completion" 2>&1) \
  && [[ $out == *"complete "*" restore" ]]; then
  ok "bash completion: $out"
else
  fail "bash completion does not register: $out"
fi
# shellcheck disable=SC2016
if out=$(bare bash -c 'source "$1"
  f=$(complete -p restore | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
  COMP_WORDS=(restore d); COMP_CWORD=1; COMP_LINE="restore d"; COMP_POINT=9
  "$f" restore d restore
  printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" 2>&1) && grep -qx 'dump' <<<"$out"; then
  ok "completing 'restore d' offers: $(echo $out)"
else
  fail "completing 'restore d': $out"
fi

# man pages render without warnings
for page in "$home"/share/man/man1/*.1; do
  if warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null) \
    && [ -z "$warnings" ]; then
    ok "man -l share/man/man1/$(basename "$page")"
  else
    fail "man -l $(basename "$page"): $warnings"
  fi
done

# the zip runs with a Java of the host's
mkdir "$work/zip"
(cd "$work/zip" && unzip -q "$zipfile")
if out=$(bare env JAVA_HOME="$jdk" "$work/zip/restore-$version/bin/restore" --version 2>&1) \
  && [[ $out == "restore $version"* ]] && [[ $out == *"at $jdk"* ]]; then
  ok "zip: bin/restore --version with JAVA_HOME"
else
  fail "zip: bin/restore --version: $out"
fi
if out=$(bare "$work/zip/restore-$version/bin/restore" --version 2>&1); then
  fail "zip without any Java should fail: $out"
elif [[ $out == *"no Java runtime found"* ]]; then
  ok "zip without Java: a clear error"
else
  fail "zip without Java: $out"
fi

# scripts/install and --uninstall under a prefix
prefix="$work/prefix"
if out=$("$root/scripts/install" --prefix "$prefix" --tarball "$tarball" 2>&1) \
  && [ -L "$prefix/bin/restore" ] && [ -L "$prefix/share/man/man1/restore.1" ] \
  && [ -L "$prefix/share/bash-completion/completions/restore" ] \
  && v=$(cd / && bare "$prefix/bin/restore" --version 2>&1) && [[ $v == "restore $version"* ]]; then
  ok "scripts/install --prefix: links bin, man, completions; the linked restore runs"
else
  fail "scripts/install --prefix: $out ${v:-}"
fi
if out=$("$root/scripts/install" --uninstall --prefix "$prefix" 2>&1) \
  && [ -z "$(find "$prefix" ! -type d)" ]; then
  ok "scripts/install --uninstall leaves no file or link"
else
  fail "scripts/install --uninstall: $out; left: $(find "$prefix" ! -type d)"
fi

echo "smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
