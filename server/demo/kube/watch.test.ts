import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, vs, type TestCluster } from './testing';

// Watch streams over plain http: resourceVersion semantics, selectors, bookmarks, timeouts, 410.

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ bookmarkIntervalMs: 100 });
});
afterAll(async () => {
  await c.close();
});

const VS = 'networking.istio.io/v1';
const PATH = '/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices';

interface Event {
  type: string;
  object: { kind?: string; code?: number; reason?: string; metadata?: { name?: string; resourceVersion?: string } };
}

/** An open watch: the events so far, a way to wait for more, and whether the server ended it. */
async function openWatch(query: string) {
  const controller = new AbortController();
  const res = await fetch(`${c.server.url}${PATH}?watch=true&${query}`, {
    headers: { Authorization: 'Bearer demo-editor' },
    signal: controller.signal,
  });
  const events: Event[] = [];
  let ended = false;
  let buffer = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buffer.slice(0, nl)) as Event);
          buffer = buffer.slice(nl + 1);
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
  })();
  const until = async (what: string, ok: () => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(events.map((e) => e.type))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    status: res.status,
    events,
    until,
    summary: () => events.map((e) => `${e.type} ${e.object.metadata?.name ?? e.object.reason ?? ''}`.trim()),
    ended: () => ended,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

describe('watch', () => {
  it('without a resourceVersion: ADDED for what exists, then live changes', async () => {
    const w = await openWatch('');
    await w.until('initial state', () => w.events.length >= 1);
    expect(w.summary()).toEqual(['ADDED reviews']);
    const a = c.store.create(vs('live', 'bookinfo'));
    c.store.replace({ ...a, spec: { hosts: ['live', 'x'] } });
    c.store.delete(VS, 'VirtualService', 'bookinfo', 'live');
    c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other-kind', namespace: 'bookinfo' } });
    c.store.create(vs('other-ns', 'default'));
    await w.until('live events', () => w.events.length >= 4);
    expect(w.summary()).toEqual(['ADDED reviews', 'ADDED live', 'MODIFIED live', 'DELETED live']);
    const deletedRv = Number(w.events[3]?.object.metadata?.resourceVersion);
    expect(deletedRv).toBeGreaterThan(Number(w.events[2]?.object.metadata?.resourceVersion));
    await w.close();
  });

  it('from a resourceVersion: replays what came after it', async () => {
    const rv = c.store.resourceVersion;
    c.store.create(vs('r1', 'bookinfo'));
    c.store.delete(VS, 'VirtualService', 'bookinfo', 'r1');
    const w = await openWatch(`resourceVersion=${rv}`);
    await w.until('replay', () => w.events.length >= 2);
    expect(w.summary()).toEqual(['ADDED r1', 'DELETED r1']);
    await w.close();
  });

  it('applies label selectors, turning objects that start or stop matching into ADDED/DELETED', async () => {
    const w = await openWatch('labelSelector=tier%3Dfront');
    const obj = c.store.create(vs('sel', 'bookinfo'));
    const front = c.store.replace({ ...obj, metadata: { ...obj.metadata, labels: { tier: 'front' } } });
    const relabelled = c.store.replace({ ...front, metadata: { ...front.metadata, labels: { tier: 'front', x: '1' } } });
    c.store.replace({ ...relabelled, metadata: { ...relabelled.metadata, labels: { tier: 'back' } } });
    await w.until('selected events', () => w.events.length >= 3);
    expect(w.summary()).toEqual(['ADDED sel', 'MODIFIED sel', 'DELETED sel']);
    await w.close();
  });

  it('too old a resourceVersion: one ERROR event with a 410 Expired Status, then the end', async () => {
    const rv = c.store.resourceVersion;
    c.store.create(vs('old', 'bookinfo'));
    c.store.compactHistory();
    const w = await openWatch(`resourceVersion=${rv}`);
    expect(w.status).toBe(200);
    await w.until('the end', () => w.ended());
    expect(w.events).toEqual([
      { type: 'ERROR', object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }) },
    ]);
  });

  it('sends BOOKMARKs only when allowed, and ends at timeoutSeconds', async () => {
    const plain = await openWatch(`resourceVersion=${c.store.resourceVersion}&timeoutSeconds=1`);
    const bookmarks = await openWatch(`resourceVersion=${c.store.resourceVersion}&allowWatchBookmarks=true`);
    await bookmarks.until('bookmarks', () => bookmarks.events.length >= 2);
    expect(bookmarks.events[0]).toEqual({ type: 'BOOKMARK', object: { kind: 'VirtualService', apiVersion: VS, metadata: { resourceVersion: c.store.resourceVersion } } });
    await plain.until('the timeout', () => plain.ended(), 2500);
    expect(plain.events).toEqual([]);
    await bookmarks.close();
  });

  it('stop() ends open watches and refuses connections until start()', async () => {
    const w = await openWatch('');
    await w.until('initial state', () => w.events.length >= 1);
    await c.server.stop();
    expect(c.server.isListening()).toBe(false);
    await w.until('the end', () => w.ended());
    await expect(fetch(`${c.server.url}/version`)).rejects.toThrow();
    await c.server.start();
    expect((await fetch(`${c.server.url}/version`, { headers: { Authorization: 'Bearer demo-viewer' } })).status).toBe(200);
  });
});
