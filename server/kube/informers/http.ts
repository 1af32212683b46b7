import 'server-only';
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { describeCause } from '@/server/http/errors';

// A plain GET of a Kubernetes collection as raw JSON (the typed clients of @kubernetes/client-node
// turn timestamps into Date objects; the caches keep objects as the API server sent them). Auth, CA
// and TLS settings come from the KubeConfig (applyToHTTPSOptions); nothing of them is logged.

/** An HTTP error answer of an API server: `.code` and `.body` like client-node's ApiException (fromKubeError reads both). */
export class KubeHttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'KubeHttpError';
  }
}

export async function getJson(kc: KubeConfig, path: string, opts: { signal?: AbortSignal; timeoutMs: number }): Promise<unknown> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/$/, '') + path);
  const options: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kc.applyToHTTPSOptions(options);
  const request = url.protocol === 'https:' ? https.request : http.request;

  return new Promise((resolve, reject) => {
    const req = request(url, { ...options, signal: opts.signal, timeout: opts.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        if (status >= 200 && status < 300) {
          if (typeof body === 'object' && body !== null) resolve(body);
          else reject(new Error(`GET ${url.pathname} answered ${status} with a body that is not JSON`));
          return;
        }
        reject(new KubeHttpError(status, body, `${status} ${http.STATUS_CODES[status] ?? 'Error'}`));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Status code of an API error (KubeHttpError, ApiException, Watch's `statusCode`, a Status object's `code`). */
export function statusOf(err: unknown): number | undefined {
  const e = err as { code?: unknown; statusCode?: unknown } | null;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.code === 'number') return e.code;
  return undefined;
}

/**
 * One line saying why a request failed, safe to show and log: "401 Unauthorized",
 * "403 Forbidden: pods is forbidden: ...", "connect ECONNREFUSED 127.0.0.1:16444".
 */
export function failureReason(err: unknown): string {
  const status = statusOf(err);
  if (status !== undefined && status >= 400) {
    const head = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
    const body = (err as { body?: unknown }).body;
    const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
    return typeof message === 'string' && message && message !== http.STATUS_CODES[status] ? `${head}: ${message}` : head;
  }
  return describeCause(err);
}
