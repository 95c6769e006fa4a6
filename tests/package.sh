#!/usr/bin/env bash
# The installable packages, checked as an organizer would meet them. The .deb that `make
# package` built is unpacked into an empty folder (a clean place, nothing of the source tree in
# reach) and installed for real with apt-get (its dependencies must resolve); from each, the
# installed binary tells its version and runs a scripting command on a new campaign file. The
# package must carry the fonts and the licences. Then tests/appimage.sh checks the AppImage.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/release/bundle/deb/*.deb | head -n1)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
echo "package: $deb"

fail() { echo "package check failed: $*" >&2; exit 1; }

contents=$(dpkg-deb -c "$deb")
for file in usr/bin/campaign-desk "usr/share/applications/Campaign Desk.desktop" \
  usr/share/icons/hicolor/128x128/apps/campaign-desk.png \
  usr/share/fonts/truetype/campaign-desk/NotoSans-Regular.ttf \
  usr/share/fonts/truetype/campaign-desk/NotoNaskhArabic-Regular.ttf \
  usr/share/doc/campaign-desk/fonts/OFL.txt usr/share/doc/campaign-desk/LICENSE; do
  grep -qE " (\./)?$file\$" <<<"$contents" || fail "$file is not in the package"
done

# The scripting command: a new campaign with the sample loaded, then its numbers.
scripting() {
  local bin=$1 work
  work=$(mktemp -d)
  "$bin" --version | grep -q "$version" || fail "$bin --version does not say $version"
  "$bin" --db "$work/campaign.db" demo >/dev/null
  "$bin" --db "$work/campaign.db" stats --json | grep -q '"people"' || fail "$bin stats gave no numbers"
  rm -rf "$work"
  echo "ok: $bin --version, demo, stats"
}

clean=$(mktemp -d)
trap 'rm -rf "$clean"' EXIT
dpkg-deb -x "$deb" "$clean"
( cd / && scripting "$clean/usr/bin/campaign-desk" )

SUDO=$([ "$(id -u)" = 0 ] || echo sudo -n)
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$(realpath "$deb")" >/dev/null
( cd / && scripting /usr/bin/campaign-desk )
echo "the package installs and runs"

tests/appimage.sh
