import 'server-only';

// API requests in flight in this process (on globalThis: Next loads modules once per route bundle).
// handler.ts counts every request; shutdown (server/shutdown.ts) waits for the count to reach zero,
// and /metrics shows it (meridian_http_requests_in_flight).

interface InFlight {
  count: number;
  idle: Set<() => void>;
}
const KEY = Symbol.for('meridian.http.in-flight');
type WithInFlight = typeof globalThis & { [KEY]?: InFlight };

function state(): InFlight {
  const g = globalThis as WithInFlight;
  g[KEY] ??= { count: 0, idle: new Set() };
  return g[KEY];
}

/** Counts one request as in flight; call the result (once or more) when it is answered. */
export function trackRequest(): () => void {
  const s = state();
  s.count += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    s.count -= 1;
    if (s.count === 0) for (const wake of [...s.idle]) wake();
  };
}

export function requestsInFlight(): number {
  return state().count;
}

/** Resolves true once no request is in flight, or false when `ms` passed first. */
export function waitForIdle(ms: number): Promise<boolean> {
  const s = state();
  if (s.count === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      s.idle.delete(wake);
      resolve(true);
    };
    const timer = setTimeout(() => {
      s.idle.delete(wake);
      resolve(false);
    }, ms);
    s.idle.add(wake);
  });
}
