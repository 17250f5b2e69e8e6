#!/usr/bin/env bash
# Installs what pinpair needs on Debian 12 (bookworm), idempotently: only the
# packages that are missing, with one `apt-get update` when any is.
set -euo pipefail

LLVM_MAJOR="${PINPAIR_LLVM_MAJOR:-19}"
PACKAGES=(
  "clang-${LLVM_MAJOR}" "libclang-${LLVM_MAJOR}-dev" "llvm-${LLVM_MAJOR}-dev"
  "llvm-${LLVM_MAJOR}-tools" "clang-tools-${LLVM_MAJOR}"
  cmake ninja-build g++ python3 libgtest-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "pinpair: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
