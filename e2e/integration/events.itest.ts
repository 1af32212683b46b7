import { describe, expect, it } from 'vitest';
import { kubectl, stack } from '../support/stack';

/** Reads an SSE stream until `match` accepts an event; resolves with the event and when it came. */
async function waitForEvent(url: string, match: (event: string, data: unknown) => boolean, opened: () => void, timeoutMs = 10_000) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ctrl.signal, headers: { accept: 'text/event-stream' } });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buf += value;
      let idx: number;
      while ((idx = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'hello') opened();
        if (data && match(event, JSON.parse(data))) return { at: Date.now(), data: JSON.parse(data) as Record<string, unknown> };
      }
    }
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
}

describe('GET /api/events', () => {
  it('delivers a ServiceExport created with kubectl in under 2 s', async () => {
    const name = `itest-export-${Date.now().toString(36)}`;
    let appliedAt = 0;
    let resolveOpened!: () => void;
    const opened = new Promise<void>((r) => (resolveOpened = r));
    const seen = waitForEvent(
      `${stack().consoleUrl}/api/events`,
      (event, data) => event === 'inventory' && (data as { name?: string }).name === name,
      resolveOpened,
    );
    await opened;
    // A Service to export, then the export itself.
    const manifest = `apiVersion: multicluster.x-k8s.io/v1alpha1
kind: ServiceExport
metadata:
  name: ${name}
  namespace: mcs-demo
`;
    appliedAt = Date.now();
    const r = await kubectl(['--context', 'eu-west', 'apply', '-f', '-'], { input: manifest });
    expect(r.code, r.stderr).toBe(0);
    const ev = await seen;
    expect(ev.data).toMatchObject({ type: 'inventory', cluster: 'eu-west', namespace: 'mcs-demo', kind: 'ServiceExport', action: 'added' });
    expect(ev.at - appliedAt).toBeLessThan(2000);
    await kubectl(['--context', 'eu-west', 'delete', 'serviceexport', name, '-n', 'mcs-demo']);
  });
});
