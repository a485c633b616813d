#!/usr/bin/env bash
# kafka-transactions.sh, as in the Apache distribution: runs org.apache.kafka.tools.TransactionsCommand from the cached jars.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" org.apache.kafka.tools.TransactionsCommand "$@"
