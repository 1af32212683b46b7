// Child-process helpers shared by `npm run demo` and `npm test`: start, wait until ready, stop all.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const children = new Set();

/** A port that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Fails with a message naming the port and the option that changes it when the port is taken. */
export async function assertPortFree(port, option) {
  await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (e) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${port} is in use; choose another with ${option}` : `port ${port}: ${e.message}`)),
    );
    srv.listen(port, '127.0.0.1', () => srv.close(resolve));
  });
}

/**
 * Starts a long-running child in its own process group; its output goes to <logDir>/<name>.log
 * (and to our stdout too when `echo` is set).
 */
export function startProcess(name, cmd, args, { env = {}, logDir, echo = false, cwd } = {}) {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('error', (e) => log.write(`[spawn error] ${e.message}\n`));
  for (const s of [child.stdout, child.stderr]) {
    s.pipe(log, { end: false });
    if (echo) s.on('data', (d) => process.stdout.write(`[${name}] ${d}`));
  }
  const entry = { name, child, logFile: join(logDir, `${name}.log`) };
  children.add(entry);
  child.on('exit', () => children.delete(entry));
  return entry;
}

/** Polls `url` until it answers 2xx, the process dies, or the timeout passes. */
export async function waitForHttp(url, { timeoutMs = 60_000, proc, what = url } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) {
      throw new Error(`${what} exited with code ${proc.child.exitCode} before it was ready; see ${proc.logFile}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s (${last})${proc ? `; see ${proc.logFile}` : ''}`);
}

/** Runs a command to completion, inheriting stdio; resolves with its exit code. */
export function run(cmd, args, { env = {}, cwd, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, stdio: quiet ? 'ignore' : 'inherit' });
    child.on('error', (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Stops every started child (its whole process group), politely first. */
export async function stopAll() {
  const list = [...children];
  for (const { child } of list) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  const deadline = Date.now() + 5000;
  while (list.some((e) => e.child.exitCode === null && e.child.signalCode === null) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const { child } of list) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

/** Runs a command to completion and collects its output: {code, stdout, stderr}. */
export function capture(cmd, args, { env = {}, cwd, timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.on('error', (e) => resolve({ code: 127, stdout, stderr: `${cmd}: ${e.message}` }));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}
