#!/usr/bin/env bash
# Installs exactly the Debian packages mixer needs to build and test that are
# not installed yet. Safe to run again and again: it does nothing when all is there.
# Postfix is installed for the integration tests only: no system instance is
# started or left enabled (tests run private instances on loopback ports).
set -euo pipefail

BUILD_PKGS=(cmake ninja-build g++ clang libclang-rt-14-dev libfuzzer-14-dev pkg-config
  libboost-dev libmimetic-dev libssl-dev libidn2-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev libtomlplusplus-dev)
TEST_PKGS=(tshark postfix swaks libnet-ssleay-perl libio-socket-ssl-perl python3 libpython3.11-testsuite openssl procps iproute2)

missing=()
for p in "${BUILD_PKGS[@]}" "${TEST_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep package scripts from starting services (postfix) while installing.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod +x "$policy"
    created_policy=1
  fi
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [ "$created_policy" = 1 ]; then $SUDO rm -f "$policy"; fi
else
  echo "setup: all packages present"
fi

# Never leave a system Postfix running or enabled: it would take port 25.
if command -v postfix >/dev/null 2>&1; then
  if [ -d /var/spool/postfix/pid ] && $SUDO postfix status >/dev/null 2>&1; then
    $SUDO postfix stop >/dev/null 2>&1 || true
  fi
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now postfix >/dev/null 2>&1 || true
  elif command -v update-rc.d >/dev/null 2>&1; then
    $SUDO update-rc.d postfix disable >/dev/null 2>&1 || true
  fi
fi
