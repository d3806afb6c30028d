#!/usr/bin/env bash
# Wraps a macOS posrecon binary into posrecon.app and, on macOS, a .dmg with an Applications link to drag it to.
#   bash packaging/macos/make-app.sh BINARY VERSION OUT_DIR [DMG_NAME]
# BINARY is usually a universal (lipo) binary. Without hdiutil (not on macOS) only the .app is made: enough to
# check the bundle layout and Info.plist on Linux. The app is not signed or notarised (see docs/PACKAGING.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary=${1:?binary}; version=${2:?version}; out=${3:?out dir}; dmg_name=${4:-posrecon-$version-macos.dmg}

app="$out/posrecon.app"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$binary" "$app/Contents/MacOS/posrecon"
chmod 755 "$app/Contents/MacOS/posrecon"
cp "$here/../../assets/icon/posrecon.icns" "$app/Contents/Resources/posrecon.icns"
sed "s/@VERSION@/$version/g" "$here/Info.plist" >"$app/Contents/Info.plist"
printf 'APPL????' >"$app/Contents/PkgInfo"
if command -v plutil >/dev/null; then plutil -lint "$app/Contents/Info.plist"; fi
echo "wrote $app"

if command -v hdiutil >/dev/null; then
    stage=$(mktemp -d)
    cp -R "$app" "$stage/"
    ln -s /Applications "$stage/Applications"
    hdiutil create -volname "posrecon $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out/$dmg_name"
    rm -rf "$stage"
    echo "wrote $out/$dmg_name"
fi
