# Installs what Packagento needs when it is missing; sourced by scripts/dev and
# scripts/test. Every step checks first, so running it again costs seconds.

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target (under a minute, once)"
    rustup target add wasm32-unknown-unknown
  fi
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
ensure_wasm_bindgen() {
  local wanted
  wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
    say "installing wasm-bindgen-cli $wanted, about 3 minutes, once"
    cargo install wasm-bindgen-cli --version "=$wanted"
  fi
}

# cargo-leptos 0.3.11 builds on stable: its lock file's cargo-util-schemas 0.14.2
# declares Rust 1.96 but holds the code of 0.14.1, so the declaration is ignored. It is
# built unoptimised and without debug information (brotli, which compresses a release
# build's assets at the best level, optimised): 4.4 minutes instead of 19 for its own
# fat-LTO release profile, and a build with it takes within a second of the same.
ensure_cargo_leptos() {
  if ! cargo leptos --version >/dev/null 2>&1; then
    say "installing cargo-leptos 0.3.11, about 5 minutes, once"
    CARGO_PROFILE_DEV_DEBUG=0 cargo --config 'profile.dev.package.brotli.opt-level=3' \
      install cargo-leptos --locked --version 0.3.11 --ignore-rust-version --debug
  fi
}

ensure_npm_packages() {
  if [ ! -f end2end/node_modules/.package-lock.json ] ||
     [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing the browser-test packages (under a minute)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# Debian's Chromium for the browser tests, aiosmtpd as the SMTP server, Composer and PHP
# for the repository test.
ensure_test_packages() {
  if ! command -v chromium >/dev/null 2>&1; then
    say "installing Chromium from Debian (about 2 minutes, once)"
    apt_install chromium
  fi
  if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
    say "installing the aiosmtpd SMTP server from Debian (seconds, once)"
    apt_install python3-aiosmtpd
  fi
  if ! command -v composer >/dev/null 2>&1 || ! command -v php >/dev/null 2>&1 \
    || ! php -m 2>/dev/null | grep -qx curl; then
    say "installing Composer and PHP from Debian (a minute, once)"
    apt_install composer php-cli php-curl php-zip unzip
  fi
}

ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    say "starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
    echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
    return 1
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_cargo_leptos
  ensure_npm_packages
}
