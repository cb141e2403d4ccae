#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the integration, e2e and benchmark suites need (README.md, "Test"):
# OpenSSH, a headless Secret Service, nsd, Chromium, Xvfb, iproute2 and the
# benchmark anchors (pssh, ansible, curl on the box side, dig from bind9-dnsutils for the DNS check). Safe to run again: apt-get skips what is already installed.
set -euo pipefail

PACKAGES=(
  openssh-server openssh-client
  gnome-keyring dbus dbus-x11 libsecret-tools
  nsd
  chromium xvfb xauth
  iproute2
  pssh ansible bind9-dnsutils
  openssl sudo curl
)

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-system-deps: run as root, or install sudo" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"

# The package's own sshd is not used by the tests (they start their own); it only needs its privilege
# separation directory, which systemd would normally create.
"${SUDO[@]}" mkdir -p /run/sshd
