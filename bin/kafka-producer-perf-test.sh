#!/usr/bin/env bash
# kafka-producer-perf-test.sh, as in the Apache distribution: runs org.apache.kafka.tools.ProducerPerformance from the cached jars.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" org.apache.kafka.tools.ProducerPerformance "$@"
