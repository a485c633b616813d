#!/usr/bin/env bash
# kafka-console-share-consumer.sh, as in the Apache distribution: runs org.apache.kafka.tools.consumer.ConsoleShareConsumer from the cached jars.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" org.apache.kafka.tools.consumer.ConsoleShareConsumer "$@"
