// The production server's entry. `npm run build` copies it into the standalone output as start.mjs:
//   node .next/standalone/start.mjs          (the container image: node start.mjs)
// PORT (default 3000) and HOSTNAME (default 0.0.0.0) choose where it listens (Next's server.js reads them).
//
// What it adds to Next's standalone server.js:
// - Log lines: every line the process writes is one JSON object {time, level, msg, ...}. The console's
//   own lines are written that way (server/observability/log.ts); console output of Next and of
//   libraries is turned into such lines here.
// - Signals: Next's own SIGTERM handler closes the HTTP server and waits for every connection to end,
//   which an open SSE stream never does. Here Next leaves signals alone (NEXT_MANUAL_SIG_HANDLE) and
//   SIGTERM/SIGINT go to the console's shutdown (server/shutdown.ts: close SSE streams, let requests
//   in flight finish, stop the informers, exit 0). A signal that comes before the console has started
//   ends the process at once with 0: nothing is running yet that needs draining.
// - The HTTP server: Next creates it inside startServer() and keeps it to itself; the shutdown needs
//   it (stop accepting, close connections once their response is out), so the first server created
//   through http.createServer is kept on globalThis.
import http from 'node:http';
import { format } from 'node:util';

process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.NEXT_MANUAL_SIG_HANDLE = 'true';
// Next's "Ready in …" counts from here (its own CLI sets this; its server.js does not).
process.env.NEXT_PRIVATE_START_TIME ??= String(Math.round(performance.timeOrigin));

const LEVELS = { debug: 'debug', log: 'info', info: 'info', warn: 'warn', error: 'error' };
const ANSI = /\u001b\[[0-9;]*m/g;
// Next's status marks (▲ Next.js, ✓ Ready, ⚠ warning, ⨯ error, - Local:) carry no meaning once a level is set.
const MARK = /^(?:[▲✓⚠⨯○]|-(?= ))\s+/u;

for (const [method, level] of Object.entries(LEVELS)) {
  const stream = level === 'warn' || level === 'error' ? process.stderr : process.stdout;
  console[method] = (...args) => {
    const err = args.find((a) => a instanceof Error);
    const msg = format(...args.filter((a) => a !== err))
      .replace(ANSI, '')
      .trim()
      .replace(MARK, '');
    if (!msg && !err) return;
    const line = { time: new Date().toISOString(), level, msg: msg || err.message };
    if (err) line.error = err.stack ?? String(err);
    stream.write(`${JSON.stringify(line)}\n`);
  };
}

const HTTP_SERVER = Symbol.for('meridian.http-server');
const createServer = http.createServer;
http.createServer = function (...args) {
  const server = createServer.apply(this, args);
  globalThis[HTTP_SERVER] ??= server;
  return server;
};

const SHUTDOWN = Symbol.for('meridian.shutdown');
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    const shutdown = globalThis[SHUTDOWN];
    if (typeof shutdown === 'function') shutdown(signal);
    else process.exit(0);
  });
}

await import('./server.js');
