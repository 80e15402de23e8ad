#!/usr/bin/env bash
# Renders media/icon.png (128×128, the Marketplace and Open VSX icon) from media/oblix.svg, the
# activity bar glyph: drawn light on a dark rounded square, since the glyph's `currentColor` has no
# colour outside VS Code. Needs rsvg-convert (Debian: apt-get install librsvg2-bin). The PNG is
# committed, so packaging does not need this tool; run it again after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
glyph="$(sed -e '1d' -e '$d' media/oblix.svg)"   # the SVG's shapes, without its <svg> element
tmp="$(mktemp --suffix=.svg)"
trap 'rm -f "$tmp"' EXIT
cat >"$tmp" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 24 24">
  <rect x="0" y="0" width="24" height="24" rx="5" fill="#1e2a3a"/>
  <g transform="translate(2.4 2.4) scale(0.8)" fill="none" stroke="#7cc4ff" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
$glyph
  </g>
</svg>
SVG
rsvg-convert -w 128 -h 128 -o media/icon.png "$tmp"
echo "media/icon.png: $(stat -c %s media/icon.png) bytes"
