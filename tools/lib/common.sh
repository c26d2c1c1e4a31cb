# Shared by the tools/ scripts: find the repository, install what a fresh Debian machine lacks.
# Source it; it defines `repo` and the functions below.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Installs Debian packages that are missing, given as "header-or-command:package" pairs.
# As root it installs them; otherwise it prints the exact command and stops.
ensure_packages() {
    local missing=()
    for pair in "$@"; do
        local probe="${pair%%:*}" package="${pair##*:}"
        if [[ "$probe" == /* ]]; then
            [[ -e "$probe" ]] || missing+=("$package")
        else
            command -v "$probe" >/dev/null 2>&1 || missing+=("$package")
        fi
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ $(id -u) -eq 0 ]]; then
        echo "installing ${missing[*]} ..." >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    else
        echo "missing packages; run: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
}

# Everything a build needs: Swift itself, LMDB's headers and library, and the time-zone database that
# schedules' hand-off times are computed in.
ensure_build_dependencies() {
    command -v swift >/dev/null 2>&1 || { echo "Swift is not installed (https://swift.org/install)" >&2; exit 1; }
    ensure_packages /usr/include/lmdb.h:liblmdb-dev /usr/share/zoneinfo/Pacific/Auckland:tzdata
}
