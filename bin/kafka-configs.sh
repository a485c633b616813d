#!/usr/bin/env bash
# kafka-configs.sh, as in the Apache distribution: runs kafka.admin.ConfigCommand from the cached jars.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
