#!/usr/bin/env bash
# bin/kafka-server-start.sh <server.properties>: one Kafka node (broker, controller or both) in the foreground.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
if [ $# -lt 1 ]; then
  echo "USAGE: $0 server.properties [--override property=value]*" >&2
  exit 1
fi
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m -XX:+ExitOnOutOfMemoryError}"
export KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -Xshare:auto}"
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$(dirname "$here")/kafka/log4j2.xml}"
exec "$here/kafka-run-class.sh" kafka.Kafka "$@"
