#!/usr/bin/env bash
# Install the Debian packages the project needs, only those that are missing.
#   bin/install-system-deps.sh run    # serving the app: gettext (translations)
#   bin/install-system-deps.sh test   # plus Chromium, fonts, PostgreSQL and HAProxy for the test suite
set -euo pipefail
profile=${1:-run}

packages=(gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "$profile" = test ]; then
  packages+=(chromium fonts-liberation postgresql poppler-utils haproxy)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
