import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseBody, readBodyText, readJsonBody } from './body';
import { MeridianError } from './errors';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://console.example/api/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

/** A body sent in chunks without a Content-Length, as a chunked upload is. */
function chunked(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(new Uint8Array(size).fill(0x61));
      else controller.close();
    },
  });
}

describe('request bodies', () => {
  it('reads a body up to the limit and refuses a larger one with 413, declared or not', async () => {
    expect(await readBodyText(post('abc'), 3)).toBe('abc');
    await expect(readBodyText(post('abcd', { 'content-length': '4' }), 3)).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
    await expect(readBodyText(post(chunked(4, 1024)), 2048)).rejects.toMatchObject({ status: 413, message: 'request body is larger than the limit of 2048 bytes (2 KiB)' });
  });

  it('parses JSON (empty is undefined) and names malformed JSON with a 400', async () => {
    expect(await readJsonBody(post(''))).toBeUndefined();
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
    await expect(readJsonBody(post('{"a":'))).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^request body is not valid JSON/) });
  });

  it('checks a body with its schema and names the failing field', () => {
    const schema = z.object({ clusters: z.array(z.string()).min(1, 'choose at least one cluster') });
    expect(parseBody(schema, { clusters: ['us-east'] })).toEqual({ clusters: ['us-east'] });
    expect(() => parseBody(schema, { clusters: [] })).toThrow(expect.objectContaining({ status: 400, message: 'Invalid request body: clusters: choose at least one cluster' }));
    expect(() => parseBody(schema, { clusters: [] })).toThrow(MeridianError);
  });
});
