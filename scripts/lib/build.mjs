// Builds the production server: `next build` (output: 'standalone') when the sources are newer than
// the last build, then completes <distDir>/standalone so that it runs on its own (and is what the
// container image copies): the static files, public/ when there is one, and the entry start.mjs.
//   node <distDir>/standalone/start.mjs   (PORT, HOSTNAME; see scripts/production-server.mjs)
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run } from './proc.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');

const SOURCES = ['app', 'components', 'lib', 'server', 'public', 'next.config.js', 'package-lock.json', 'instrumentation.ts', 'tsconfig.json', 'scripts/production-server.mjs'];
const ENTRY = join(ROOT, 'scripts', 'production-server.mjs');

/** The build folder (NEXT_DIST_DIR, default .next), relative to the project root. */
export const distDir = (dist = process.env.NEXT_DIST_DIR) => dist || '.next';

/** The standalone server folder of a build, and its one start command. */
export function productionServer(dist = distDir()) {
  const dir = join(ROOT, dist, 'standalone');
  return { dir, entry: join(dir, 'start.mjs'), command: [process.execPath, join(dir, 'start.mjs')] };
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

export function buildIsStale(dist = distDir()) {
  const id = join(ROOT, dist, 'BUILD_ID');
  if (!existsSync(id) || !existsSync(productionServer(dist).entry)) return true;
  const built = statSync(id).mtimeMs;
  return SOURCES.some((s) => newest(join(ROOT, s)) > built);
}

/** Copies what `next build` leaves out of the standalone folder, and the entry. */
export function completeStandalone(dist = distDir()) {
  const { dir, entry } = productionServer(dist);
  if (!existsSync(join(dir, 'server.js'))) throw new Error(`${dir}/server.js is missing: is output: 'standalone' set in next.config.js?`);
  const staticOut = join(dir, dist, 'static');
  rmSync(staticOut, { recursive: true, force: true });
  cpSync(join(ROOT, dist, 'static'), staticOut, { recursive: true });
  if (existsSync(join(ROOT, 'public'))) cpSync(join(ROOT, 'public'), join(dir, 'public'), { recursive: true });
  cpSync(ENTRY, entry);
}

/**
 * Resolves with the build's exit code (0 when nothing had to be built). `dist` and `env` let a second
 * build live beside the production one (the bench build: MERIDIAN_BENCH_BUILD=1 in .next-bench).
 */
export async function buildConsole({ force = false, dist = distDir(), quiet = false, env = {} } = {}) {
  if (!force && !buildIsStale(dist)) return 0;
  console.log(`Building the console (next build${dist === '.next' ? '' : ` into ${dist}`})…`);
  const code = await run(process.execPath, [join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: ROOT,
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env, NEXT_DIST_DIR: dist },
    quiet,
  });
  if (code !== 0) return code;
  try {
    completeStandalone(dist);
  } catch (e) {
    console.error(`build: ${e.message}`);
    return 1;
  }
  return 0;
}
