#!/usr/bin/env bash
# Builds the Linux packages and checks them the way a shop owner meets them. On demand only: `.ci/run` never
# runs this (a release build takes ~6 min on 2 cores).
#
#   bash packaging/build-deb.sh            # build + check; packages land in target/packages/
#   SKIP_BUILD=1 bash packaging/build-deb.sh   # check the .deb already in target/debian/
#
# 1. `cargo deb --strip` (release build) -> target/packages/posrecon_<version>-1_<arch>.deb
# 2. a tarball of the same files (usr/ layout)  -> target/packages/posrecon-<version>-linux-<arch>.tar.gz
# 3. installs the .deb into a scratch root (dpkg -x) and checks: apt would accept its dependencies, the desktop
#    entry is valid (desktop-file-validate), every hicolor icon has its size;
# 4. runs the installed binary's command line on the sample pair copied under a Chinese folder name;
# 5. starts the installed binary under Xvfb (packaging/linux/first-run.sh) with an empty HOME and XDG folders (a first run), once in Chinese and
#    once in English, as the menu starts it (`posrecon open`), checks the window's WM_CLASS and icon, screenshots
#    it (target/packages/first-run-<lang>.png) and checks the picture is not blank;
#    then clicks "Try with sample data" and checks that the window title names the sample files (the sample is
#    built into the binary: the scratch root has no sample-data folder).
# Needs: cargo-deb (cargo install cargo-deb), and the Debian packages dpkg-dev desktop-file-utils xvfb xauth
# imagemagick xdotool x11-utils fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "build-deb.sh: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

for tool in cargo-deb dpkg-deb desktop-file-validate xvfb-run import identify xdotool xprop; do
    command -v "$tool" >/dev/null || fail "$tool is missing (see the header of this script)"
done

version=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="posrecon"))')
arch=$(dpkg --print-architecture)
out="$PWD/target/packages"
mkdir -p "$out"

step "1. .deb (cargo deb)"
if [ -z "${SKIP_BUILD:-}" ]; then
    cargo deb --locked --strip
fi
deb=target/debian/posrecon_${version}-1_${arch}.deb
[ -f "$deb" ] || fail "$deb was not built"
cp "$deb" "$out/"
deb="$out/$(basename "$deb")"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
echo "$(du -h "$deb" | cut -f1)  $deb"

scratch=$(mktemp -d /tmp/posrecon-package.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
root="$scratch/root"

step "2. install into a scratch root (dpkg -x) and check it"
dpkg -x "$deb" "$root"
apt-get install --simulate --no-install-recommends "$deb" >"$scratch/apt.log" 2>&1 \
    || { cat "$scratch/apt.log"; fail "apt would not install $deb (dependencies)"; }
echo "apt accepts its dependencies"
desktop-file-validate "$root/usr/share/applications/posrecon.desktop" || fail "the desktop entry is not valid"
echo "desktop entry valid: $(grep '^MimeType=' "$root/usr/share/applications/posrecon.desktop")"
for size in 16 24 32 48 64 128 256 512; do
    icon="$root/usr/share/icons/hicolor/${size}x${size}/apps/posrecon.png"
    [ "$(identify -format '%wx%h' "$icon" 2>/dev/null)" = "${size}x${size}" ] || fail "$icon is missing or not ${size}x${size}"
done
[ -f "$root/usr/share/icons/hicolor/scalable/apps/posrecon.svg" ] || fail "the scalable icon is missing"
echo "hicolor icons: 16…512 and scalable"
bin="$root/usr/bin/posrecon"
[ -x "$bin" ] || fail "$bin is missing"
if [ -e "$root/usr/bin/sample-data" ] || [ -e "$root/usr/share/posrecon" ]; then fail "the package should not need a sample-data folder"; fi

step "3. tarball"
tarball="$out/posrecon-${version}-linux-$(uname -m).tar.gz"
stage="$scratch/posrecon-${version}-linux-$(uname -m)"
mkdir -p "$stage"
cp -a "$root/usr/." "$stage/"
tar -C "$scratch" -czf "$tarball" "$(basename "$stage")"
tar -tzf "$tarball" | grep -q '/bin/posrecon$' || fail "the tarball has no bin/posrecon"
echo "$(du -h "$tarball" | cut -f1)  $tarball"

step "4. the installed command line, on files in a folder with a Chinese name"
cn="$scratch/对账 测试"
mkdir -p "$cn"
cp sample-data/terminal-log.csv "$cn/终端交易明细.csv"
cp sample-data/bank-statement.xlsx "$cn/银行流水.xlsx"
(cd "$scratch" && "$bin" reconcile --terminal "$cn/终端交易明细.csv" --bank "$cn/银行流水.xlsx" --json "$cn/报告.json") >"$scratch/cli.log" 2>&1 \
    || { cat "$scratch/cli.log"; fail "posrecon reconcile failed on the Chinese paths"; }
if ! grep -q "终端交易明细.csv" "$scratch/cli.log" || [ ! -s "$cn/报告.json" ]; then cat "$scratch/cli.log"; fail "no report, or it does not name the file"; fi
head -3 "$scratch/cli.log"

step "5. first run under Xvfb (empty HOME)"
first_run() {
    local lang=$1 name=$2
    local home="$scratch/home-$name"
    mkdir -p "$home"
    env -i PATH="$PATH" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/run" LANG="$lang" LC_ALL="$lang" \
        ICED_BACKEND="${ICED_BACKEND:-tiny-skia}" BIN="$bin" SHOT="$out/first-run-$name.png" \
        SAMPLE_SHOT="$out/after-sample-$name.png" READY="$scratch/ready-$name" SAMPLE_X="$SAMPLE_X" SAMPLE_Y="$SAMPLE_Y" \
        xvfb-run -a -s "-screen 0 1280x820x24" bash packaging/linux/first-run.sh >"$scratch/run-$name.log" 2>&1 \
        || { cat "$scratch/run-$name.log"; fail "first run ($lang) failed"; }
    cat "$scratch/run-$name.log"
    local stats
    stats=$(identify -format '%k %[fx:standard_deviation]' "$out/first-run-$name.png")
    awk -v s="$stats" 'BEGIN { split(s, a, " "); exit !(a[1] > 50 && a[2] > 0.02) }' \
        || fail "$out/first-run-$name.png looks blank ($stats colours, spread)"
    echo "first-run-$name.png: $stats (colours, spread)"
}

# Where "Try with sample data" sits in the 1280x820 window on the first run (the first button of the welcome
# panel, measured on first-run-*.png). Override with SAMPLE_X/SAMPLE_Y after a layout change.
SAMPLE_X=${SAMPLE_X:-100} SAMPLE_Y=${SAMPLE_Y:-278}
first_run zh_CN.UTF-8 zh
first_run en_US.UTF-8 en

step "done"
ls -l "$out"
