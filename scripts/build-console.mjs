#!/usr/bin/env node
// Builds the web console (web/ → dist/console/) with Vite. With --if-stale it does nothing when the
// build is newer than every source file, so `npm start` and `npm test` pay the ~5 s only after a change.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'dist/console/index.html');

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

const ifStale = process.argv.includes('--if-stale');
if (ifStale && existsSync(built) && statSync(built).mtimeMs >= newestSourceTime(join(root, 'web'))) {
  process.exit(0);
}
console.log('Building the web console …');
const result = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'web/vite.config.ts',
    '--logLevel',
    'warn',
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
