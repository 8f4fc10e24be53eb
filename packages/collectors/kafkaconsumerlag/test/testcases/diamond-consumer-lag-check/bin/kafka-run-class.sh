#!/bin/sh
# A stand-in for kafka-run-class.sh: ConsumerOffsetChecker's recorded table
cat "$(dirname "$0")/consumer_lag_check.txt"
