#!/bin/sh
# Runs loadtest/run from a writable copy of the baked-in sources; Maven works offline, reading the
# baked-in repository (/opt/m2) as a read-only tail behind a writable one in /work.
set -eu
mkdir -p /work/src
cp -R /opt/ticketing/. /work/src/
cd /work/src
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=/work/m2 -Dmaven.repo.local.tail=/opt/m2"
export MAVEN_ARGS="-o"
exec loadtest/run "$@"
