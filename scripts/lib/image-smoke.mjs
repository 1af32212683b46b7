// The image smoke test (suite "image" of `npm test`): builds the image (or reuses one made from the
// same build and Containerfile), runs the image's own entrypoint as uid 10001 with buildah against
// the demo stack's clusters — meridian.yaml, kubeconfig and the session secret mounted read-only,
// tmpfs only on /tmp and /app/.next/cache, as deploy/kubernetes mounts them — and checks what a user
// of the image relies on. Prints the image size, the build times and the cold start to ready.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildah, buildahResult, buildImage, ensureBase, imageSize, ISOLATION } from './image.mjs';
import { capture, freePort } from './proc.mjs';

const USER = '10001:10001';
const READY_TIMEOUT_MS = 120_000;
const SHUTDOWN_LIMIT_MS = 10_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Pids of every descendant of `pid` (from /proc; chroot isolation shares the host's pid namespace). */
function descendants(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** The server inside the container: the descendant of `buildah run` that runs as the image's user. */
function serverPid(runPid) {
  return descendants(runPid).find((p) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      return /^Uid:\s+10001\b/m.test(status) && readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[0] !== 'buildah-chroot-exec' && !/^Name:\s+buildah/m.test(status);
    } catch {
      return false;
    }
  });
}

async function fetchJson(url, timeoutMs = 15_000) {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/**
 * Runs the smoke test against a running demo stack (`state` as scripts/lib/stack.mjs returns it).
 * Resolves with {checks: [{name, ok, detail}], figures}; never throws for a failed check.
 */
export async function imageSmoke({ state, log = console.log, logDir }) {
  const checks = [];
  const figures = {};
  const check = (name, ok, detail = '') => {
    checks.push({ name, ok: !!ok, detail });
    log(`  ${ok ? '✔' : '✘'} ${name}${detail ? ` — ${detail}` : ''}`);
    return !!ok;
  };
  const work = mkdtempSync(join(tmpdir(), 'meridian-smoke-'));
  const name = `meridian-smoke-${process.pid}-${randomBytes(3).toString('hex')}`;
  let container;
  let runProc;
  try {
    // 1. The image.
    const baseSeconds = await ensureBase({ log });
    const built = await buildImage({ force: baseSeconds > 0, log });
    figures.baseSeconds = baseSeconds;
    figures.imageSeconds = built.seconds;
    figures.size = await imageSize(built.image);
    const config = JSON.parse(await buildah(['inspect', '--type', 'image', built.image])).OCIv1?.config ?? {};
    check('the image runs as a non-root uid', config.User === USER, `USER ${config.User || '(root)'}`);
    check('the image has no HEALTHCHECK (Kubernetes probes /api/readyz and /api/healthz)', !config.Healthcheck);
    const entrypoint = config.Entrypoint ?? [];
    if (!check('the image has an entrypoint', entrypoint.length > 0, entrypoint.join(' '))) return { checks, figures };

    // 2. What the Deployment mounts: meridian.yaml (its kubeconfig paths pointing into the container),
    //    the kubeconfig and the session secret, all read-only.
    const meridianYaml = readFileSync(state.meridianConfig, 'utf8').replaceAll(state.kubeconfig, '/etc/meridian/kubeconfig/config');
    writeFileSync(join(work, 'meridian.yaml'), meridianYaml);
    writeFileSync(join(work, 'session-secret'), randomBytes(32).toString('base64url'));
    const port = await freePort();
    container = await buildah(['from', '--quiet', '--name', name, built.image]);
    const stamp = Date.now();

    // 3. The entrypoint, as uid 10001; cold start to ready.
    mkdirSync(logDir, { recursive: true });
    const logFile = join(logDir, 'image-smoke.log');
    const out = createWriteStream(logFile);
    let output = '';
    const args = [
      '--storage-driver', process.env.STORAGE_DRIVER || 'vfs',
      'run', '--isolation', ISOLATION, '--user', USER,
      '--mount', 'type=tmpfs,destination=/tmp',
      '--mount', 'type=tmpfs,destination=/app/.next/cache',
      '--volume', `${join(work, 'meridian.yaml')}:/etc/meridian/meridian.yaml:ro`,
      '--volume', `${state.kubeconfig}:/etc/meridian/kubeconfig/config:ro`,
      '--volume', `${join(work, 'session-secret')}:/etc/meridian/secrets/session-secret:ro`,
      '--env', `PORT=${port}`, '--env', 'HOSTNAME=127.0.0.1',
      '--env', 'MERIDIAN_CONFIG=/etc/meridian/meridian.yaml',
      '--env', 'MERIDIAN_SESSION_SECRET_FILE=/etc/meridian/secrets/session-secret',
      container, '--', ...entrypoint,
    ];
    const started = Date.now();
    runProc = spawn('buildah', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => runProc.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    for (const s of [runProc.stdout, runProc.stderr]) {
      s.on('data', (d) => {
        output += d;
        out.write(d);
      });
    }
    const base = `http://127.0.0.1:${port}`;
    let ready = false;
    while (Date.now() - started < READY_TIMEOUT_MS && runProc.exitCode === null) {
      ready = await fetch(`${base}/api/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      if (ready) break;
      await sleep(200);
    }
    figures.coldStartSeconds = (Date.now() - started) / 1000;
    const why = runProc.exitCode !== null ? `the container exited with code ${runProc.exitCode}` : `not ready within ${READY_TIMEOUT_MS / 1000} s`;
    if (!check('the entrypoint starts and /api/readyz answers 200', ready, ready ? `${figures.coldStartSeconds.toFixed(1)} s from buildah run` : `${why}; see ${logFile}`)) return { checks, figures };

    // 4. The API.
    const health = await fetchJson(`${base}/api/healthz`);
    check('GET /api/healthz', health.status === 200 && health.body?.status === 'ok', `HTTP ${health.status}`);
    const readyz = await fetchJson(`${base}/api/readyz`);
    check('GET /api/readyz: every cluster cache synced', readyz.status === 200 && readyz.body?.checks?.filter((c) => c.name.startsWith('cache:') && c.message === 'synced').length === 3, readyz.body?.checks?.map((c) => `${c.name}=${c.message}`).join(', '));
    const clusters = await fetchJson(`${base}/api/clusters`);
    const reachable = (clusters.body?.items ?? []).filter((c) => c.reachable).map((c) => c.name);
    check('GET /api/clusters: 3 clusters reachable', clusters.status === 200 && reachable.length === 3, reachable.join(', ') || `HTTP ${clusters.status}`);
    const graph = await fetchJson(`${base}/api/graph?graphType=workload&duration=1m`, 60_000);
    const nodes = graph.body?.nodes?.length ?? 0;
    check('GET /api/graph: a non-empty graph', graph.status === 200 && nodes > 0 && (graph.body?.edges?.length ?? 0) > 0, `HTTP ${graph.status}, ${nodes} nodes, ${graph.body?.edges?.length ?? 0} edges`);

    // 5. SIGTERM with an SSE stream open: exit 0 within 10 s.
    const sse = await fetch(`${base}/api/events`, { headers: { accept: 'text/event-stream' } });
    const sseEnded = (async () => {
      const reader = sse.body.getReader();
      for (;;) if ((await reader.read()).done) return true;
    })().catch(() => false);
    const pid = serverPid(runProc.pid);
    if (check('the server process inside runs as uid 10001', pid !== undefined, pid ? `pid ${pid}` : 'no process of uid 10001 under buildah run')) {
      const signalled = Date.now();
      process.kill(pid, 'SIGTERM');
      const result = await Promise.race([exited, sleep(SHUTDOWN_LIMIT_MS + 5000).then(() => undefined)]);
      figures.shutdownSeconds = result ? (result.at - signalled) / 1000 : undefined;
      check(
        'SIGTERM with an open SSE stream: exit code 0 within 10 s',
        result && result.code === 0 && result.at - signalled < SHUTDOWN_LIMIT_MS,
        result ? `exit code ${result.code ?? result.signal} after ${figures.shutdownSeconds.toFixed(2)} s` : 'still running after 15 s',
      );
      check('the SSE stream was ended by the server', await Promise.race([sseEnded, sleep(2000).then(() => false)]));
    }

    // 6. Structured logs: every line the server wrote is a JSON object with time, level and msg.
    const lines = output.split('\n').filter((l) => l.trim());
    const bad = lines.filter((l) => {
      try {
        const o = JSON.parse(l);
        return !(typeof o.time === 'string' && typeof o.level === 'string' && typeof o.msg === 'string');
      } catch {
        return true;
      }
    });
    check('every log line is a JSON object {time, level, msg, ...}', lines.length > 0 && bad.length === 0, bad.length ? `not JSON: ${bad.slice(0, 2).join(' | ').slice(0, 300)}` : `${lines.length} lines`);

    // 7. Read-only root: the server wrote nothing into the image's file system (only to the tmpfs mounts).
    const mnt = await buildah(['mount', container]);
    try {
      const r = await capture('find', [mnt, '-xdev', '-uid', '10001'], { timeoutMs: 60_000 });
      const written = r.stdout.split('\n').filter(Boolean).map((p) => p.slice(mnt.length));
      check('nothing written to the root file system (only to the mounted tmpfs)', r.code === 0 && written.length === 0, written.slice(0, 5).join(', ') || `checked ${Math.round((Date.now() - stamp) / 1000)} s of running`);
    } finally {
      await buildahResult(['umount', container]);
    }
  } catch (e) {
    check('the smoke test ran to the end', false, e.message);
  } finally {
    if (runProc && runProc.exitCode === null) {
      try {
        process.kill(-runProc.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (container) await buildahResult(['rm', container]);
    rmSync(work, { recursive: true, force: true });
  }
  return { checks, figures };
}
