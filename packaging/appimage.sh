#!/usr/bin/env bash
# The AppImage: Campaign Desk with the libraries it needs (WebKitGTK, GTK and theirs) in one
# file that runs on a Linux desktop where nothing was installed. Made from the release binary
# that `cargo tauri build` left in target/release (make package runs this after it).
#
# Why not the Tauri bundler's AppImage: it fetches linuxdeploy and its plugins from GitHub at
# build time, which a machine that reaches only the package registries cannot. This does what
# they do for a WebKitGTK app, in the open:
#   - the libraries the binary and WebKit's processes load, found with ldd, but for those a
#     desktop always has and must be its own (glibc, the C++ runtime, GL and the X client
#     libraries, fontconfig, FreeType and HarfBuzz, ALSA): AppImage's own rule;
#   - WebKit's web and network processes and its injected bundle; WebKit looks for them in a
#     folder compiled into libwebkit2gtk, which is rewritten (same length) from /usr/lib/...
#     to ././/lib/...: relative to the folder the window runs in (src-tauri/app/appimage.rs);
#   - GTK's schemas (its file chooser aborts without them) and GdkPixbuf's image loaders;
#   - our fonts and licences, as in the .deb, the fonts made known to fontconfig.
# The runtime (the AppImage's first part: it mounts or extracts the rest and starts AppRun) is
# AppImageKit's type 2 runtime, MIT licensed, as the crates.io crate appimage 0.4.0 carries it
# (fetched from crates.io once, checked against the checksums below).
#
#   packaging/appimage.sh   writes target/release/bundle/appimage/Campaign Desk_<version>_amd64.AppImage
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
binary=target/release/campaign-desk
work=target/appimage
appdir=$work/AppDir
out=target/release/bundle/appimage
image="$out/Campaign Desk_${version}_amd64.AppImage"
multiarch=x86_64-linux-gnu
webkit=/usr/lib/$multiarch/webkit2gtk-4.1
pixbuf=/usr/lib/$multiarch/gdk-pixbuf-2.0/2.10.0

RUNTIME_CRATE=appimage-0.4.0
RUNTIME_CRATE_SHA256=567a4da6b94a2ac20a27620933c80fc14cf475b5fe7d7b137d20eb237d6b1920
RUNTIME_SHA256=328e0d745c5c6817048c27bc3e8314871703f8f47ffa81a37cb06cd95a94b323

[ -x "$binary" ] || { echo "appimage.sh: build the release binary first (make package)" >&2; exit 1; }
mkdir -p "$work" "$out"

# The runtime, from crates.io (the registry cargo itself downloads from).
runtime=$work/runtime-x86_64
if ! echo "$RUNTIME_SHA256  $runtime" | sha256sum -c --status 2>/dev/null; then
  crate=$work/$RUNTIME_CRATE.crate
  curl -sSfL -o "$crate" "https://static.crates.io/crates/appimage/$RUNTIME_CRATE.crate"
  echo "$RUNTIME_CRATE_SHA256  $crate" | sha256sum -c --quiet
  tar -xzOf "$crate" "$RUNTIME_CRATE/assets/runtime-x86_64" >"$runtime"
  echo "$RUNTIME_SHA256  $runtime" | sha256sum -c --quiet
fi

rm -rf "$appdir"
mkdir -p "$appdir/usr/bin" "$appdir/usr/lib/gio/modules" "$appdir/usr/share/campaign-desk"
install -m 0755 "$binary" "$appdir/usr/bin/campaign-desk"

# WebKit's processes and injected bundle, where the rewritten library will look for them.
mkdir -p "$appdir/usr/lib/$multiarch/webkit2gtk-4.1/injected-bundle"
for process in WebKitWebProcess WebKitNetworkProcess WebKitGPUProcess; do
  [ -e "$webkit/$process" ] && install -m 0755 "$webkit/$process" "$appdir/usr/lib/$multiarch/webkit2gtk-4.1/"
done
install -m 0644 "$webkit/injected-bundle/libwebkit2gtkinjectedbundle.so" \
  "$appdir/usr/lib/$multiarch/webkit2gtk-4.1/injected-bundle/"

# GdkPixbuf's loaders; AppRun writes their list with the AppImage's own path, once a mount.
mkdir -p "$appdir/usr/lib/gdk-pixbuf-2.0/loaders"
cp "$pixbuf"/loaders/*.so "$appdir/usr/lib/gdk-pixbuf-2.0/loaders/"
"/usr/lib/$multiarch/gdk-pixbuf-2.0/gdk-pixbuf-query-loaders" "$appdir"/usr/lib/gdk-pixbuf-2.0/loaders/*.so |
  sed "s|$(realpath "$appdir")|@APPDIR@|g" >"$appdir/usr/lib/gdk-pixbuf-2.0/loaders.cache.in"

# GTK's own schemas, compiled.
mkdir -p "$appdir/usr/share/glib-2.0/schemas"
cp /usr/share/glib-2.0/schemas/org.gtk.Settings.*.gschema.xml "$appdir/usr/share/glib-2.0/schemas/"
glib-compile-schemas "$appdir/usr/share/glib-2.0/schemas"

# Every library those load, but a desktop's own (AppImage's exclusion rule, shortened to what
# WebKitGTK pulls in). A library found twice is copied once.
excluded='^(ld-linux.*|libc|libm|libdl|libpthread|librt|libresolv|libutil|libanl|libmvec|libnsl|libBrokenLocale|libthread_db|libstdc\+\+|libgcc_s|libGL|libGLX|libEGL|libGLdispatch|libOpenGL|libglapi|libdrm|libgbm|libX11|libX11-xcb|libxcb|libfontconfig|libfreetype|libharfbuzz|libexpat|libasound)\.so'
elves=("$appdir/usr/bin/campaign-desk" "$appdir/usr/lib/$multiarch/webkit2gtk-4.1"/* \
  "$appdir/usr/lib/$multiarch/webkit2gtk-4.1/injected-bundle"/*.so "$appdir"/usr/lib/gdk-pixbuf-2.0/loaders/*.so)
for elf in "${elves[@]}"; do
  [ -f "$elf" ] || continue
  ldd "$elf" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'
done | sort -u | while read -r lib; do
  name=$(basename "$lib")
  [[ $name =~ $excluded ]] && continue
  cp -L "$lib" "$appdir/usr/lib/$name"
done
[ -e "$appdir/usr/lib/libwebkit2gtk-4.1.so.0" ] || { echo "appimage.sh: libwebkit2gtk not found by ldd" >&2; exit 1; }
# WebKit's processes, from a folder relative to where the window runs (its usr).
python3 - "$appdir/usr/lib/libwebkit2gtk-4.1.so.0" "/usr/lib/$multiarch/webkit2gtk-4.1" <<'PY'
import sys
path, folder = sys.argv[1], sys.argv[2].encode()
relative = b"././" + folder[len(b"/usr"):]  # ././/lib/...: the same length, nothing moves
data = open(path, "rb").read()
if folder not in data:
    sys.exit("appimage.sh: WebKit's process folder was not found in libwebkit2gtk")
open(path, "wb").write(data.replace(folder, relative))
PY

# Fonts and licences as in the .deb; fontconfig learns of the fonts from a file of ours that
# includes the computer's own configuration.
mkdir -p "$appdir/usr/share/fonts/truetype/campaign-desk" "$appdir/usr/share/doc/campaign-desk/fonts"
cp fonts/*.ttf "$appdir/usr/share/fonts/truetype/campaign-desk/"
cp fonts/OFL.txt fonts/README.md "$appdir/usr/share/doc/campaign-desk/fonts/"
cp LICENSE "$appdir/usr/share/doc/campaign-desk/"
cp packaging/README.md "$appdir/usr/share/doc/campaign-desk/APPIMAGE.md"
cat >"$appdir/usr/share/campaign-desk/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir prefix="relative">../fonts/truetype/campaign-desk</dir>
  <cachedir prefix="xdg">fontconfig</cachedir>
</fontconfig>
EOF

# The desktop entry and icon at the top, as the AppImage format asks.
install -m 0644 icons/128x128.png "$appdir/campaign-desk.png"
ln -s campaign-desk.png "$appdir/.DirIcon"
cat >"$appdir/campaign-desk.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=Campaign Desk
Comment=Signers, events and money for small human-rights campaigns
Exec=campaign-desk
Icon=campaign-desk
Categories=Office;
Terminal=false
EOF
install -m 0755 packaging/AppRun "$appdir/AppRun"

# The image: a squashfs of the folder after the runtime (gzip: what this runtime reads).
rm -f "$work/AppDir.squashfs" "$image"
mksquashfs "$appdir" "$work/AppDir.squashfs" -root-owned -noappend -comp gzip -quiet >/dev/null
cat "$runtime" "$work/AppDir.squashfs" >"$image"
chmod 0755 "$image"
ls -l "$image"
