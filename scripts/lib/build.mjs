// Builds the console (`next build`) when the sources are newer than the last build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './proc.mjs';
import { ROOT } from './stack.mjs';

const SOURCES = ['app', 'components', 'lib', 'server', 'public', 'next.config.js', 'package-lock.json', 'instrumentation.ts', 'tsconfig.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

function buildIsStale(distDir) {
  const id = join(ROOT, distDir, 'BUILD_ID');
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  return SOURCES.some((s) => newest(join(ROOT, s)) > built);
}

/**
 * Resolves with next build's exit code (0 when nothing had to be built). `distDir` (default
 * NEXT_DIST_DIR or .next) and `env` let a second build live beside the production one (the bench
 * build: MERIDIAN_BENCH_BUILD=1 in .next-bench).
 */
export async function buildConsole({ force = false, distDir = process.env.NEXT_DIST_DIR || '.next', env = {} } = {}) {
  if (!force && !buildIsStale(distDir)) return 0;
  console.log(`Building the console into ${distDir} (next build)…`);
  return run(process.execPath, [join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: ROOT, env: { NEXT_TELEMETRY_DISABLED: '1', ...env, NEXT_DIST_DIR: distDir } });
}
