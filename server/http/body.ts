import 'server-only';
import type { z } from 'zod';
import { MAX_BODY_BYTES } from '@/lib/api/session';
import { badRequest, fromZodError, MeridianError } from './errors';

// Request bodies of the API handlers: read with a size cap, parsed as JSON, checked with zod.

const tooLarge = (limit: number) =>
  new MeridianError('payload_too_large', `request body is larger than the limit of ${limit} bytes (${formatLimit(limit)})`);

function formatLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * The request body as text, at most `limit` bytes: a Content-Length above it is refused before
 * reading, and the stream is counted while read (a missing or lying Content-Length, chunked bodies),
 * so an oversized body is never buffered whole. Over the limit: 413 payload_too_large.
 */
export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON (undefined when empty); malformed JSON is a 400. */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(req, limit);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest(`request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** A JSON body parsed with `schema`; failures are a 400 naming the field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw fromZodError(parsed.error, 'request body');
  return parsed.data;
}
