#!/usr/bin/env bash
# Regenerates every raster icon from assets/icon/posrecon.svg (the only hand-made file here):
#   png/posrecon-<N>.png  for N in 16 24 32 48 64 128 256 512 (Linux hicolor sizes, the window icon, the docs)
#   posrecon.ico          16–256 (Windows: the .exe resource and the NSIS/MSI installer)
#   posrecon.icns         16–512 (macOS .app bundle)
# Needs the Debian packages librsvg2-bin (rsvg-convert), icoutils (icotool) and icnsutils (png2icns).
# The outputs are committed, so building the app or a package never needs these tools.
set -euo pipefail
cd "$(dirname "$0")"

for tool in rsvg-convert icotool png2icns; do
    command -v "$tool" >/dev/null || { echo "make-icons.sh: $tool is missing (apt-get install librsvg2-bin icoutils icnsutils)" >&2; exit 1; }
done

sizes=(16 24 32 48 64 128 256 512)
mkdir -p png
for size in "${sizes[@]}"; do
    rsvg-convert --width "$size" --height "$size" posrecon.svg --output "png/posrecon-$size.png"
done

# Windows: classic sizes as bitmaps, 256 stored as PNG (what Explorer expects for the large icon).
icotool --create --output posrecon.ico \
    png/posrecon-16.png png/posrecon-24.png png/posrecon-32.png png/posrecon-48.png png/posrecon-64.png \
    png/posrecon-128.png --raw=png/posrecon-256.png

# macOS: png2icns picks the icon type from each PNG's size (16, 32, 48, 128, 256, 512).
png2icns posrecon.icns png/posrecon-16.png png/posrecon-32.png png/posrecon-48.png png/posrecon-128.png \
    png/posrecon-256.png png/posrecon-512.png >/dev/null

echo "icons written to $(pwd)"
