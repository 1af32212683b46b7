#!/usr/bin/env node
// `npm run analyze -- [options] <files or folders>`: istioctl-style analysis of YAML files, offline.
// Runs the TypeScript engine (server/validation/cli.ts) with tsx; `--conditions=react-server` makes
// the `server-only` guard of server/ modules resolve to an empty module outside Next.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const child = spawn(
  process.execPath,
  ['--conditions=react-server', '--import', 'tsx', join(ROOT, 'server/validation/cli.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: process.cwd(), env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') } },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
