#!/usr/bin/env bash
# Installs the Debian packages gcviz needs, if any is missing.  Uses sudo
# when not root.  Quiet when everything is there.
#   scripts/deps.sh          to build and run the app (`make run`)
#   scripts/deps.sh --test   also the test tools (`make test`)
set -eu
pkgs=(cmake make gcc pkg-config libsdl2-dev libsdl2-ttf-dev libcjson-dev libpng-dev libgif-dev)
if [ "${1:-}" = "--test" ]; then
  pkgs+=(xvfb xauth xdotool x11-apps)    # the real-window tests
  pkgs+=(python3 librsvg2-bin imagemagick) # record tests parse SVG; viewing SVG and GIF frames
  pkgs+=(git clang-format)                 # tests/style: formatting of changed lines
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "gcviz: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
