#!/usr/bin/env node
// `npm run image`: builds the container image localhost/meridian:latest here, offline, with buildah
// (see scripts/lib/image.mjs and the Containerfile): the production server (`npm run build`, when
// the sources changed), the local base image (only when missing), then the image. Prints the build
// times and the image size.
//   npm run image [-- --force] [-- --rebuild-base]
import { parseArgs } from 'node:util';
import { buildConsole } from './lib/build.mjs';
import { buildImage, ensureBase, imageSize } from './lib/image.mjs';
import { run } from './lib/proc.mjs';

const { values: opts } = parseArgs({ options: { force: { type: 'boolean', default: false }, 'rebuild-base': { type: 'boolean', default: false } } });

try {
  if ((await run('bash', [new URL('./ensure-tools.sh', import.meta.url).pathname])) !== 0) throw new Error('tools are missing (see above)');
  const t0 = Date.now();
  if ((await buildConsole()) !== 0) throw new Error('the console did not build (see above)');
  const buildSeconds = (Date.now() - t0) / 1000;
  const baseSeconds = await ensureBase({ rebuild: opts['rebuild-base'] });
  const { image, seconds, reused } = await buildImage({ force: opts.force || opts['rebuild-base'] || baseSeconds > 0 });
  console.log(`\n${image}: ${await imageSize(image)}`);
  console.log(`  server build   ${buildSeconds.toFixed(1)} s${buildSeconds < 1 ? ' (up to date)' : ''}`);
  console.log(`  base image     ${baseSeconds.toFixed(1)} s${baseSeconds === 0 ? ' (reused localhost/meridian-base)' : ''}`);
  console.log(`  image          ${seconds.toFixed(1)} s${reused ? ' (reused: same build and Containerfile)' : ''}`);
} catch (e) {
  console.error(`image: ${e.message}`);
  process.exit(1);
}
