# Sourced by pinpair's scripts. ensure_pkgs PKG...: installs the Debian
# packages that are missing, idempotently (dpkg -s first: no apt run when all
# are present; one `apt-get update` otherwise; sudo when not root).
ensure_pkgs() {
    local missing=() p sudo=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    (( ${#missing[@]} )) || return 0
    [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    echo "installing: ${missing[*]}" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
