#!/usr/bin/env bash
# bin/kafka-server-start.sh [-daemon] <server.properties>: one Kafka node (broker, controller or both), in the
# foreground, or with -daemon in the background as the Apache script does (its output in logs/). A daemon's PID
# is appended to $KAFKA_STAGE_DAEMON_PIDS (default logs/daemon.pids), so it can be stopped by PID.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
if [ "${1:-}" = "-daemon" ]; then
  shift
  mkdir -p logs
  nohup "$here/kafka-server-start.sh" "$@" >"logs/kafkaServer-$(basename "${1:-node}" .properties).out" 2>&1 &
  echo $! >>"${KAFKA_STAGE_DAEMON_PIDS:-logs/daemon.pids}"
  exit 0
fi
if [ $# -lt 1 ]; then
  echo "USAGE: $0 server.properties [--override property=value]*" >&2
  exit 1
fi
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m -XX:+ExitOnOutOfMemoryError}"
export KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -Xshare:auto}"
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$(dirname "$here")/kafka/log4j2.xml}"
exec "$here/kafka-run-class.sh" kafka.Kafka "$@"
