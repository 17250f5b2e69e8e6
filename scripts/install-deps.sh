#!/usr/bin/env bash
# Installs what pinpair needs on Debian 12 (bookworm), idempotently: only the
# packages that are missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-pkgs.sh"
LLVM_MAJOR="${PINPAIR_LLVM_MAJOR:-19}"
ensure_pkgs "clang-${LLVM_MAJOR}" "libclang-${LLVM_MAJOR}-dev" "llvm-${LLVM_MAJOR}-dev" \
  "llvm-${LLVM_MAJOR}-tools" "clang-tools-${LLVM_MAJOR}" \
  cmake ninja-build g++ python3 libgtest-dev
