#!/usr/bin/env bash
# bin/kafka-server-stop.sh [--node-id N]: a controlled shutdown (SIGTERM). Unlike the Apache script, which
# stops every kafka.Kafka process on the machine, this one stops only the nodes `npm run kafka` recorded.
exec node "$(dirname "${BASH_SOURCE[0]}")/../scripts/kafka/stop.mjs" "$@"
