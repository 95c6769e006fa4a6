#!/bin/sh
# Renders icon.svg into every size the bundles need. Run by hand after changing the artwork
# (needs Debian's librsvg2-bin, imagemagick and icnsutils); the results are committed.
set -eu
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w $size -h $size icon.svg -o tmp-$size.png
done
cp tmp-32.png 32x32.png
cp tmp-64.png 64x64.png
cp tmp-128.png 128x128.png
cp tmp-256.png 128x128@2x.png
cp tmp-512.png icon.png
/usr/bin/convert tmp-16.png tmp-32.png tmp-48.png tmp-64.png tmp-128.png tmp-256.png icon.ico
png2icns icon.icns tmp-16.png tmp-32.png tmp-48.png tmp-128.png tmp-256.png tmp-512.png >/dev/null
rm -f tmp-*.png
# The window shows the same artwork (ui/ is all the window may load).
cp icon.svg ../ui/icon.svg
