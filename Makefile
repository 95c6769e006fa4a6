# Campaign Desk. Two commands do all set-up on a fresh Debian or Ubuntu machine:
#   make run    installs what is missing, builds, and opens the window
#   make test   installs what is missing, builds, and runs every test, the end-to-end ones
#               included (under Xvfb when there is no display), then builds the .deb and the
#               AppImage and checks that they install and run (tests/package.sh, tests/appimage.sh)
#   make package  the installable packages alone (target/release/bundle/)
# Rust (cargo) must be there already: https://rustup.rs or your distribution.

SHELL := /bin/bash

# Build: WebKitGTK and friends for Tauri. Fonts for every script a signer writes in.
# Benchmarks: the sqlite3 shell, the import's baseline; python3-venv for Typst, print's.
# Tests: WebKit's WebDriver, a virtual display, poppler, xdotool (answers the native file
# dialogs in the end-to-end tests), xwd (x11-apps) and netpbm (their screenshots, from the X
# server). libclang: bindgen for SQLite's session extension.
# zbar-tools: zbarimg reads back the QR codes printed on flyers and sign-up sheets.
# The AppImage: curl fetches its runtime from crates.io, squashfs-tools packs it; debootstrap
# makes the desktop without WebKitGTK that tests/appimage.sh runs it on.
DEBIAN_PACKAGES := build-essential pkg-config file libwebkit2gtk-4.1-dev libgtk-3-dev sqlite3 \
	libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev \
	fonts-noto-core fonts-noto-cjk webkit2gtk-driver xvfb xauth poppler-utils \
	libclang-dev xdotool python3-icalendar zbar-tools python3-venv \
	curl squashfs-tools debootstrap x11-apps netpbm
TAURI_DRIVER_VERSION := 2.1.0
# The Tauri bundler, for make package.
TAURI_CLI_VERSION := 2.12.4
# sudo -n: with no one to type a password (CI), fail at once instead of waiting.
SUDO := $(shell [ "$$(id -u)" = 0 ] || { [ -t 0 ] && echo sudo || echo sudo -n; })
# The window needs a display; without one the tests get a virtual one.
HEADLESS := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24")

.PHONY: run test deps test-tools package package-tools bench startup lint

run: deps
	cargo run --release --locked

test: deps test-tools
	$(HEADLESS) cargo test --workspace --locked
	$(MAKE) package
	$(HEADLESS) tests/package.sh

# Installs the Debian packages that are missing (apt-get; through sudo when not root).
deps:
	@command -v cargo >/dev/null || { echo "Rust is missing: install it (https://rustup.rs) and run make again." >&2; exit 1; }
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Installable packages: the .deb with the Tauri bundler (tauri.conf.json's bundle), then the
# AppImage from the same release binary (packaging/appimage.sh: the bundler's own AppImage
# needs linuxdeploy from GitHub). On Windows and macOS, `cargo tauri build` makes the .msi and
# the .dmg from the same configuration.
package: deps package-tools
	cargo tauri build --bundles deb
	packaging/appimage.sh
	@ls -l target/release/bundle/*/*.deb target/release/bundle/*/*.AppImage

package-tools:
	@cargo tauri --version 2>/dev/null | grep -qx "tauri-cli $(TAURI_CLI_VERSION)" || \
		cargo install --locked tauri-cli --version $(TAURI_CLI_VERSION)

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
test-tools:
	@tauri-driver --help >/dev/null 2>&1 || cargo install --locked tauri-driver --version $(TAURI_DRIVER_VERSION)

# Benchmarks: recording and bundles (benches/sync.rs), a table-mode signature among a million
# signers (benches/table_signing.rs), the signer list's search and pages among a million
# (benches/signer_list.rs), importing 100,000 signers against the sqlite3 shell's .import
# (benches/signer_import.rs, hence the sqlite3 package), the door's search and check-in over
# 10,000 answers (benches/door.rs), the ledger and the money totals over 100,000 gifts
# (benches/money.rs), the appeal with 50,000 names against Typst from PyPI, and a flyer
# (benches/print.rs; Typst in a virtualenv under target/); each against a baseline in the same run.
TYPST_VENV := target/typst-venv
bench: deps
	@test -x $(TYPST_VENV)/bin/python3 || { python3 -m venv $(TYPST_VENV) && \
		$(TYPST_VENV)/bin/pip install -q typst==0.15.2; }
	cargo bench --locked -p desk-core --bench sync --bench table_signing --bench signer_list \
		--bench signer_import --bench door --bench money --bench print

# Benchmarks: start-up to first paint and memory, against a bare Tauri window (benches/startup.sh).
# Both windows built as the package builds the app (Tauri's custom-protocol on).
startup: deps package-tools
	cargo tauri build --no-bundle
	cargo build --release --locked -p bare-window --features tauri/custom-protocol
	$(HEADLESS) benches/startup.sh target/release/campaign-desk target/release/bare-window

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
