#!/usr/bin/env bash
# Builds a Java 17 base image for the Raft node image from Debian's packages, for machines that reach no image
# registry: debootstrap (minbase) with openjdk-17-jre-headless, libfaketime, iproute2 and procps, then `docker import`.
# Reuses the image when it already exists. Needs root, debootstrap and a running Docker engine.
#
#   system-under-test/docker/bootstrap-base.sh [IMAGE]      # default faultline-base:bookworm
# Environment: EXTRA_PACKAGES (comma-separated, added to the list; the SSH backend's host image adds
# openssh-server,iptables,etcd-server,iproute2), DEBIAN_MIRROR (default: the first deb.debian.org-style URI in /etc/apt/sources.list[.d], else
# http://deb.debian.org/debian), SUITE (default bookworm).
set -euo pipefail

image="${1:-faultline-base:bookworm}"
suite="${SUITE:-bookworm}"

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "bootstrap-base: $image exists; reusing it"
  exit 0
fi
command -v debootstrap >/dev/null 2>&1 || { echo "bootstrap-base: debootstrap is missing (apt-get install debootstrap)" >&2; exit 3; }
[ "$(id -u)" -eq 0 ] || { echo "bootstrap-base: debootstrap needs root" >&2; exit 3; }

mirror="${DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(grep -hoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | awk '{print $2}' | grep -v security | sed -n 1p || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
fi

dir="$(mktemp -d /tmp/faultline-base.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
echo "bootstrap-base: debootstrap $suite from $mirror into $dir (about a minute)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,libfaketime,iproute2,procps${EXTRA_PACKAGES:+,$EXTRA_PACKAGES} \
  "$suite" "$dir" "$mirror" >"$dir.log" 2>&1 || { echo "bootstrap-base: debootstrap failed; the end of $dir.log:" >&2; tail -n 15 "$dir.log" >&2; exit 3; }
rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
tar -C "$dir" -c . | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$image" >/dev/null
rm -f "$dir.log"
echo "bootstrap-base: built $image"
