#!/usr/bin/env node
/*
 * Builds dist/ only when a build input changed since the last build, so `npm start` (and every
 * other script that needs dist/) restarts in about two seconds instead of rebuilding for ten.
 *
 * Inputs: every file under src/, migrations/ and bench/ (path, size, mtime — so an added,
 * changed or deleted file counts), the TypeScript and Nest configs, and package-lock.json.
 * Their fingerprint is kept in dist/.build-stamp after a successful build.
 *
 *   node scripts/build-if-stale.js            build if stale (prestart, pretest, …)
 *   node scripts/build-if-stale.js --force    always build (npm run build)
 *
 * Everything it prints goes to stderr: `npm run --silent mcp:stdio` keeps stdout for the protocol.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const STAMP = path.join(root, 'dist', '.build-stamp');
const INPUT_DIRS = ['src', 'migrations', 'bench'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];
const ENTRY = path.join(root, 'dist', 'src', 'main.js');

function walk(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

function fingerprint() {
  const files = [];
  for (const d of INPUT_DIRS) walk(path.join(root, d), files);
  for (const f of INPUT_FILES) files.push(path.join(root, f));
  const hash = crypto.createHash('sha256');
  for (const f of files.sort()) {
    let line = `${path.relative(root, f)}:missing`;
    try {
      const st = fs.statSync(f);
      line = `${path.relative(root, f)}:${st.size}:${st.mtimeMs}`;
    } catch {
      /* a listed config file that does not exist */
    }
    hash.update(`${line}\n`);
  }
  return hash.digest('hex');
}

function main() {
  const force = process.argv.includes('--force');
  const before = fingerprint();
  let stamp = null;
  try {
    stamp = fs.readFileSync(STAMP, 'utf8').trim();
  } catch {
    /* never built */
  }
  if (!force && stamp === before && fs.existsSync(ENTRY)) return 0;
  if (!force) process.stderr.write('Sources changed since the last build: building (nest build)…\n');
  const started = Date.now();
  const nest = path.join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
  // stdout → stderr: nothing of the build may reach a protocol channel.
  const r = spawnSync(process.execPath, [nest, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write(`Build failed (exit ${r.status ?? r.signal}).\n`);
    return r.status || 1;
  }
  // The fingerprint from before the build: a file edited during the build triggers the next one.
  fs.writeFileSync(STAMP, `${before}\n`);
  if (!force) process.stderr.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return 0;
}

process.exit(main());
