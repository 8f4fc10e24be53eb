#!/usr/bin/env bash
# Starts a Docker engine for the tests (as root, no iptables, no bridge: containers run with
# --network none) unless one answers already, and builds the local test image from busybox.
set -euo pipefail
SOCK=${DOCKER_SOCK:-/var/run/docker.sock}
if ! docker -H "unix://$SOCK" info >/dev/null 2>&1; then
  mkdir -p /tmp/spinel-dockerd
  nohup dockerd --iptables=false --bridge=none --host="unix://$SOCK" --data-root=/tmp/spinel-dockerd/data \
    --exec-root=/tmp/spinel-dockerd/exec --pidfile=/tmp/spinel-dockerd/dockerd.pid >/tmp/spinel-dockerd/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker -H "unix://$SOCK" info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker -H "unix://$SOCK" info >/dev/null 2>&1 || { echo "dockerd did not start:"; tail -20 /tmp/spinel-dockerd/dockerd.log; exit 1; }
fi
# No registry here: the test image is busybox-static and its applet links, imported from a folder.
if ! docker -H "unix://$SOCK" image inspect spinel-test-busybox >/dev/null 2>&1; then
  root=$(mktemp -d)
  mkdir -p "$root/bin"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"; done
  tar -C "$root" -c . | docker -H "unix://$SOCK" import --change 'ENV PATH=/bin' - spinel-test-busybox >/dev/null
  rm -rf "$root"
fi
echo "docker engine ready at $SOCK with image spinel-test-busybox"
