// The container image, built offline with buildah (see ../../Containerfile and TOOLCHAIN.md):
// no image registry is reachable here, so the base is made locally — a Debian base from Debian
// packages (mmdebstrap) plus this machine's Node.js — and the server is the host's standalone build
// (`npm run build`), fed to the Containerfile's build stage with PREBUILT=true. Used by `npm run image` and by
// the image smoke test (scripts/lib/image-smoke.mjs).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { distDir } from './build.mjs';
import { capture, run } from './proc.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const BASE_IMAGE = 'localhost/meridian-base';
export const IMAGE = 'localhost/meridian:latest';

/**
 * buildah's settings on these machines: vfs storage (works without kernel overlay support, e.g.
 * inside a container) and chroot isolation (the process shares the host's network: a server inside
 * answers on 127.0.0.1). STORAGE_DRIVER and BUILDAH_ISOLATION choose others. buildah 1.28 does not
 * read STORAGE_DRIVER itself, so the driver is passed as an option to every command.
 */
const DRIVER = process.env.STORAGE_DRIVER || 'vfs';
export const ISOLATION = process.env.BUILDAH_ISOLATION || 'chroot';
const BUILDAH_ENV = { STORAGE_DRIVER: DRIVER, BUILDAH_ISOLATION: ISOLATION };
const buildahArgs = (args) => ['--storage-driver', DRIVER, ...args];

/** Runs buildah to completion: {code, stdout, stderr}. */
export const buildahResult = (args, opts = {}) => capture('buildah', buildahArgs(args), { env: BUILDAH_ENV, ...opts });

/** Runs buildah; resolves with its output, or rejects with a message naming the command. */
export async function buildah(args, { timeoutMs = 600_000 } = {}) {
  const r = await buildahResult(args, { timeoutMs });
  if (r.code !== 0) {
    const what = r.code === 127 ? 'buildah is not installed (scripts/ensure-tools.sh installs it)' : `exit code ${r.code}: ${r.stderr.trim().split('\n').slice(-5).join('\n')}`;
    throw new Error(`buildah ${args.join(' ')}: ${what}`);
  }
  return r.stdout.trim();
}

async function containerIds() {
  return (await buildah(['containers', '--all', '--quiet', '--notruncate'])).split('\n').filter(Boolean);
}

/** The image's labels, or undefined when there is no such image. */
export async function imageLabels(name) {
  const r = await buildahResult(['inspect', '--type', 'image', name]);
  if (r.code !== 0) return undefined;
  return JSON.parse(r.stdout).OCIv1?.config?.Labels ?? {};
}

/** "213 MB": the image's size as buildah reports it. */
export async function imageSize(name) {
  const list = JSON.parse(await buildah(['images', '--json', name]));
  return list[0]?.size ?? 'unknown';
}

function hostCodename() {
  try {
    return /^VERSION_CODENAME=(\w+)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'bookworm';
  } catch {
    return 'bookworm';
  }
}

/**
 * The local base image: Debian's essential packages plus libstdc++ and CA certificates (no apt, no
 * compiler), documentation and locales left out, and this machine's node binary at
 * /usr/local/bin/node (where the public Node.js image has it). Made once and reused; made again when
 * the machine's Node.js or Debian release differs from the one it was made with.
 * Resolves with the seconds it took (0 when reused).
 */
export async function ensureBase({ rebuild = false, log = console.log } = {}) {
  const codename = hostCodename();
  const labels = await imageLabels(BASE_IMAGE);
  if (!rebuild && labels?.['meridian.node-version'] === process.version && labels?.['meridian.debian'] === codename) return 0;
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'meridian-base-'));
  try {
    const mirror = process.env.MERIDIAN_DEBIAN_MIRROR || 'http://deb.debian.org/debian';
    const security = process.env.MERIDIAN_DEBIAN_SECURITY_MIRROR || 'http://deb.debian.org/debian-security';
    log(`Making the base image ${BASE_IMAGE} (mmdebstrap ${codename} + node ${process.version}; a few minutes)…`);
    const tar = join(tmp, 'base.tar');
    const exclude = ['/usr/share/doc/*', '/usr/share/man/*', '/usr/share/info/*', '/usr/share/locale/*'];
    const code = await run(
      'mmdebstrap',
      [
        '--quiet',
        '--variant=essential',
        '--include=libstdc++6,ca-certificates',
        ...exclude.map((p) => `--dpkgopt=path-exclude=${p}`),
        '--dpkgopt=path-include=/usr/share/doc/*/copyright',
        codename,
        tar,
        `deb ${mirror} ${codename} main`,
        `deb ${mirror} ${codename}-updates main`,
        `deb ${security} ${codename}-security main`,
      ],
      {},
    );
    if (code !== 0) throw new Error(code === 127 ? 'mmdebstrap is not installed (scripts/ensure-tools.sh installs it)' : `mmdebstrap failed with exit code ${code}`);
    const c = await buildah(['from', 'scratch']);
    try {
      await buildah(['add', c, tar, '/']);
      await buildah(['copy', '--chmod', '0755', c, process.execPath, '/usr/local/bin/node']);
      await buildah(['config', '--label', `meridian.node-version=${process.version}`, '--label', `meridian.debian=${codename}`, '--env', 'PATH=/usr/local/bin:/usr/bin:/bin', c]);
      await buildah(['commit', '--quiet', c, BASE_IMAGE]);
    } finally {
      await buildahResult(['rm', c]);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return (Date.now() - started) / 1000;
}

/** What the image is made of: the standalone build and the Containerfile. Same key, same image. */
export function imageKey(dist = distDir()) {
  const buildId = readFileSync(join(ROOT, dist, 'BUILD_ID'), 'utf8').trim();
  const containerfile = createHash('sha256').update(readFileSync(join(ROOT, 'Containerfile'))).digest('hex').slice(0, 16);
  return `${buildId}-${containerfile}-${process.version}`;
}

/**
 * Builds the image from the host's standalone build (which must exist: `npm run build`), unless an
 * image of the same key exists and `force` is not set. Resolves with {image, seconds, reused}.
 */
export async function buildImage({ tag = IMAGE, force = false, log = console.log } = {}) {
  const dist = distDir();
  if (dist !== '.next') throw new Error(`the image is built from .next/standalone; unset NEXT_DIST_DIR (it is "${dist}")`);
  if (!existsSync(join(ROOT, dist, 'standalone', 'start.mjs'))) throw new Error('no .next/standalone/start.mjs: run `npm run build` first');
  const key = imageKey(dist);
  if (!force && (await imageLabels(tag))?.['meridian.image-key'] === key) return { image: tag, seconds: 0, reused: true };
  const started = Date.now();
  log(`Building ${tag} (buildah, Containerfile, PREBUILT=true)…`);
  const before = new Set(await containerIds());
  try {
    await buildah(['build', '--quiet', '--isolation', ISOLATION, '--file', join(ROOT, 'Containerfile'), '--build-arg', `BASE=${BASE_IMAGE}`, '--build-arg', 'PREBUILT=true', '--label', `meridian.image-key=${key}`, '--tag', tag, ROOT], {
      timeoutMs: 900_000,
    });
  } finally {
    // buildah keeps working containers of stages that were only copied from, and the images of
    // intermediate stages: remove what this build left, then the images nothing refers to any more.
    for (const id of await containerIds()) if (!before.has(id)) await buildahResult(['rm', id]);
    await buildahResult(['rmi', '--prune']);
  }
  return { image: tag, seconds: (Date.now() - started) / 1000, reused: false };
}
