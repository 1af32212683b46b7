import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { decodeKubeProtobuf } from './protobuf';
import { KubeError, badRequest, status, type KubeStatus } from './status';

// Request and response plumbing shared by the handlers.

const MAX_BODY_BYTES = 3 * 1024 * 1024; // the API server's request limit

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendStatus(res: ServerResponse, s: KubeStatus): void {
  sendJson(res, s.code, s);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new KubeError(status(413, 'RequestEntityTooLarge', 'Request entity too large'));
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** A JSON body, YAML (`application/apply-patch+yaml`, `application/yaml`) or kubectl's protobuf. */
export function parseBody(body: Buffer, contentType: string): unknown {
  if (contentType.includes('protobuf')) return decodeKubeProtobuf(body);
  if (contentType.includes('cbor')) {
    throw new KubeError(status(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml'));
  }
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest('the request body is empty');
  try {
    return contentType.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw badRequest(`the body of the request was in an unknown format: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Query parameters of a request URL (single values; the last one wins). */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** Whether the client asked for a meta.k8s.io Table (kubectl get does). */
export function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.split(',').some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

/** `dryRun=All`; any other value is refused as by the API server. */
export function isDryRun(url: URL): boolean {
  const values = url.searchParams.getAll('dryRun');
  const bad = values.find((v) => v !== 'All');
  if (bad !== undefined) throw badRequest(`Unsupported value: "${bad}": supported values: "All"`);
  return values.length > 0;
}
