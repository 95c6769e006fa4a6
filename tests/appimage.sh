#!/usr/bin/env bash
# The AppImage (packaging/appimage.sh), checked as an organizer would meet it:
# - it carries the program, WebKit's processes, the fonts and the licences;
# - it tells its version and runs a scripting command, a relative --db landing in the folder
#   it was started from;
# - on a desktop where neither WebKitGTK nor GTK is installed (a minimal Debian made with
#   debootstrap, holding only what every desktop has: the C library, X client and GL
#   libraries, fontconfig and a font), it runs the same commands and opens its window on the
#   display it is given (DISPLAY: make test runs this under Xvfb) up to its first painted
#   screen.
# Needs root for the minimal Debian (chroot), else sudo. That Debian is kept in
# target/appimage-desktop for later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
image=$(realpath "$(ls target/release/bundle/appimage/*.AppImage | head -n1)")
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
echo "AppImage: $image"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo -n)

fail() { echo "AppImage check failed: $*" >&2; exit 1; }

work=$(mktemp -d)
desktop=$(realpath -m target/appimage-desktop)
mounted=()
cleanup() {
  for m in "${mounted[@]}"; do $SUDO umount -l "$m" 2>/dev/null || true; done
  rm -rf "$work"
  [ -d "$desktop/opt/check" ] && $SUDO rm -rf "$desktop/opt/check"
  # What the runtime extracted for the window, which was stopped rather than closed.
  $SUDO rm -rf "$desktop"/tmp/appimage_extracted_*
  return 0
}
trap cleanup EXIT

# What it carries.
( cd "$work" && "$image" --appimage-extract >/dev/null )
for file in AppRun campaign-desk.desktop campaign-desk.png usr/bin/campaign-desk \
  usr/lib/libwebkit2gtk-4.1.so.0 usr/lib/libgtk-3.so.0 \
  usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/WebKitWebProcess \
  usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/WebKitNetworkProcess \
  usr/share/glib-2.0/schemas/gschemas.compiled \
  usr/share/fonts/truetype/campaign-desk/NotoSans-Regular.ttf \
  usr/share/fonts/truetype/campaign-desk/NotoNaskhArabic-Regular.ttf \
  usr/share/doc/campaign-desk/fonts/OFL.txt usr/share/doc/campaign-desk/LICENSE; do
  [ -e "$work/squashfs-root/$file" ] || fail "$file is not in the AppImage"
done
rm -rf "$work/squashfs-root"
echo "ok: the AppImage carries the program, WebKit, GTK's schemas, the fonts and the licences"

# FUSE, which mounts an AppImage, is often missing where tests run: the runtime then
# extracts itself and runs (what the README tells a user without FUSE to do).
export APPIMAGE_EXTRACT_AND_RUN=1

# The commands, a relative path meaning the folder they were started in. RUN runs the AppImage
# with its arguments in that folder, which is FOLDER as seen from here.
scripting() {
  local run=$1 folder=$2
  $run --version | grep -q "$version" || fail "--version does not say $version"
  $run --db campaign.db demo >/dev/null || fail "demo failed"
  [ -f "$folder/campaign.db" ] || fail "--db campaign.db did not land in the folder it was started in"
  $run --db campaign.db stats --json | grep -q '"people"' || fail "stats gave no numbers"
}
here() { ( cd "$work/here" && "$image" "$@" ); }
mkdir "$work/here"
scripting here "$work/here"
echo "ok: the AppImage here: --version, demo and stats in the folder it was started in"

# A desktop without WebKitGTK or GTK: minimal Debian of this machine's release, with what
# every desktop has (the libraries packaging/appimage.sh leaves to the computer) and a font.
packages=libc6,libstdc++6,libgcc-s1,libx11-6,libx11-xcb1,libxcb1,libgl1,libegl1,libgles2,libgbm1,libdrm2,libfontconfig1,libfreetype6,libharfbuzz0b,libexpat1,libasound2,fonts-dejavu-core
if [ "$(cat "$desktop/.complete" 2>/dev/null)" != "$packages" ]; then
  suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  $SUDO rm -rf "$desktop"
  $SUDO debootstrap --variant=minbase \
    --include="$packages" \
    "$suite" "$desktop" "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap could not make a minimal Debian"; }
  echo "$packages" | $SUDO tee "$desktop/.complete" >/dev/null
fi
for lib in libwebkit2gtk-4.1.so.0 libgtk-3.so.0 libjavascriptcoregtk-4.1.so.0; do
  if $SUDO chroot "$desktop" /sbin/ldconfig -p | grep -q "$lib"; then
    fail "the minimal Debian has $lib: it would not show what the AppImage lacks"
  fi
done
$SUDO mkdir -p "$desktop/opt/check/here"
$SUDO cp "$image" "$desktop/opt/check/campaign-desk.AppImage"
for m in proc dev tmp/.X11-unix; do
  $SUDO mkdir -p "$desktop/$m"
  [ -e "/$m" ] || continue
  $SUDO mount --bind "/$m" "$desktop/$m"
  mounted=("$desktop/$m" "${mounted[@]}")
done
inside() {
  $SUDO chroot "$desktop" /usr/bin/env -i HOME=/opt/check PATH=/usr/bin:/bin \
    APPIMAGE_EXTRACT_AND_RUN=1 "$@"
}
without_gtk() {
  inside /bin/sh -c 'cd /opt/check/here && exec /opt/check/campaign-desk.AppImage "$@"' sh "$@"
}
scripting without_gtk "$desktop/opt/check/here"
echo "ok: the AppImage without WebKitGTK or GTK installed: --version, demo and stats"

# Its window, up to the first painted screen (the welcome screen of a new campaign file).
[ -n "${DISPLAY:-}" ] || fail "no display to open the window on (make test runs this under Xvfb)"
# The display's key (xvfb-run makes one), where the window inside can read it.
auth=()
if [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ]; then
  $SUDO cp "$XAUTHORITY" "$desktop/opt/check/Xauthority"
  auth=(XAUTHORITY=/opt/check/Xauthority)
fi
inside DISPLAY="$DISPLAY" "${auth[@]}" CAMPAIGN_DESK_STARTUP_REPORT=1 \
  /opt/check/campaign-desk.AppImage --db /opt/check/window.db >"$work/window.log" 2>&1 &
window=$!
deadline=$((SECONDS + 120))
until grep -q "first paint" "$work/window.log"; do
  if [ $SECONDS -gt $deadline ] || ! kill -0 "$window" 2>/dev/null; then
    cat "$work/window.log" >&2
    fail "the window did not paint its first screen"
  fi
  sleep 0.2
done
grep -q "first paint (welcome)" "$work/window.log" || { cat "$work/window.log" >&2; fail "the window painted another screen than the welcome"; }
$SUDO pkill -f "/opt/check/campaign-desk.AppImage" || true
$SUDO pkill -f "appimage_extracted_" || true
wait "$window" 2>/dev/null || true
echo "ok: the AppImage's window opens without WebKitGTK or GTK installed"
echo "the AppImage runs"
