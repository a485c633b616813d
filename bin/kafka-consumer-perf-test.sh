#!/usr/bin/env bash
# kafka-consumer-perf-test.sh, as in the Apache distribution: runs org.apache.kafka.tools.ConsumerPerformance from the cached jars.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" org.apache.kafka.tools.ConsumerPerformance "$@"
