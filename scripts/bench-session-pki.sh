#!/usr/bin/env bash
# How long SessionPki.create() takes per key algorithm (fresh JVM each, so "cold" includes class
# loading). Usage: scripts/bench-session-pki.sh [warm-rounds]
# The Maven jars of Bouncy Castle are signed; the shaded restore.jar is not, and verifying the
# signatures adds a few hundred ms to the first call. Set UNSIGNED=1 to strip them into a temp
# directory first, which is what the shipped jar sees.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
mvn -B -q test-compile -pl restore-cli -am
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
jars=$(ls "$repo"/org/bouncycastle/{bcprov,bcpkix,bcutil}-jdk18on/1.87/*-1.87.jar)
if [[ "${UNSIGNED:-0}" == 1 ]]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  for j in $jars; do cp "$j" "$tmp/"; done
  for j in "$tmp"/*.jar; do zip -q -d "$j" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' >/dev/null || true; done
  jars=$(ls "$tmp"/*.jar)
fi
cp="restore-cli/target/classes:restore-cli/target/test-classes:$(echo $jars | tr ' ' ':'):$(ls "$repo"/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar)"
for algorithm in ECDSA_P256 RSA_2048 RSA_3072; do
  java -cp "$cp" io.restore.tls.SessionPkiTiming "$rounds" "$algorithm" 2> >(grep -v '^SLF4J' >&2)
done
