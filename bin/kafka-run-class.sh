#!/usr/bin/env bash
# Runs a main class from the jars `npm run kafka` fetched into .kafka/lib, as the Apache distribution's
# bin/kafka-run-class.sh does. KAFKA_HEAP_OPTS and KAFKA_OPTS work as there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(dirname "$here")"
lib="$root/.kafka/lib"
if [ ! -f "$lib/.pom-sha256" ]; then
  echo "Kafka's jars are not fetched yet: run 'npm run kafka' once (it fetches them with Maven into .kafka/lib)." >&2
  exit 1
fi
if ! command -v java >/dev/null 2>&1; then
  echo "Kafka's tools need Java 17 or newer: install it (Debian: apt-get install openjdk-17-jre-headless)." >&2
  exit 1
fi
main="$1"
shift
# Small heaps and a quick start: the machine is shared, and a tool runs for seconds.
heap="${KAFKA_HEAP_OPTS:--Xmx256m}"
perf="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto}"
log4j="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$root/kafka/tools-log4j2.xml}"
# shellcheck disable=SC2086
exec java $heap $perf $log4j ${KAFKA_OPTS:-} -cp "$lib/*" "$main" "$@"
