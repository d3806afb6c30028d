#!/usr/bin/env bash
# Rebuilds the workbook fixtures of tests/import/formats_cn.rs: tests/formats/wechat-personal.xlsx (written by
# rust_xlsxwriter from wechat-personal.csv) and tests/formats/ccb-debit.xls (a real BIFF8 .xls: LibreOffice converts
# the workbook the ignored test `write_workbook_sources` builds from ccb-debit-gbk.csv). Needs `soffice`.
# Run from anywhere: bash tests/formats/make-cn-workbooks.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
CN_WORKBOOK_SOURCES="$work" \
    cargo test --no-default-features --test import -- --ignored --exact formats_cn::write_workbook_sources
# A private profile directory, so a running LibreOffice or a first-start wizard does not get in the way.
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to xls:"MS Excel 97" \
    --outdir "$work" "$work/ccb-debit.xlsx"
cp "$work/ccb-debit.xls" "$here/"
ls -l "$here/wechat-personal.xlsx" "$here/ccb-debit.xls"
