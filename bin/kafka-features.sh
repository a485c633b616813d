#!/usr/bin/env bash
# kafka-features.sh, as in the Apache distribution: runs org.apache.kafka.tools.FeatureCommand from the cached jars.
exec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" org.apache.kafka.tools.FeatureCommand "$@"
