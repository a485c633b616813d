#!/usr/bin/env bash
# kafka-storage.sh, as in the Apache distribution: runs kafka.tools.StorageTool from the cached jars.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
