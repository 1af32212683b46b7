// The CLI's contract (called in-process; demo.test.ts runs the real `npm run analyze`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from './cli';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
`;
const SVC = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: web, port: 9080}]
`;

describe('analyze CLI', () => {
  let dir: string;
  const out: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meridian-analyze-'));
    writeFileSync(join(dir, 'vs.yaml'), VS);
    writeFileSync(join(dir, 'svc.yaml'), SVC);
    writeFileSync(join(dir, 'bad.yaml'), 'a: [1\n');
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    vi.spyOn(console, 'error').mockImplementation((s: string) => void out.push(s));
  });
  afterEach(() => void out.splice(0));
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 on an error finding and prints istioctl lines with file:line', () => {
    expect(main([join(dir, 'vs.yaml')], dir)).toBe(1);
    expect(out).toContain('Error [IST0101] (VirtualService bookinfo/reviews vs.yaml:8) Referenced host not found: "reviews"');
  });

  it('exits 0 with only warnings and infos, and prints JSON with -o json', () => {
    expect(main(['-o', 'json', join(dir, 'vs.yaml'), join(dir, 'svc.yaml')], dir)).toBe(0);
    const findings = JSON.parse(out.join('\n')) as { code: string; severity: string }[];
    expect(findings.map((f) => `${f.code} ${f.severity}`)).toEqual(['IST0118 info']);
  });

  it('reads each path in the cluster named before it', () => {
    expect(main(['--cluster', 'us-east', join(dir, 'vs.yaml'), '--cluster', 'eu-west', join(dir, 'svc.yaml')], dir)).toBe(0);
    expect(out.some((l) => l.includes('[eu-west]') && l.includes('IST0118'))).toBe(true);
  });

  it('exits 2 naming a missing path, a malformed file or a bad option', () => {
    expect(main(['nope.yaml'], dir)).toBe(2);
    expect(out.join('\n')).toContain('no such file or directory: nope.yaml');
    expect(main(['bad.yaml'], dir)).toBe(2);
    expect(out.join('\n')).toMatch(/bad\.yaml.*line 2|line 2.*bad\.yaml/);
    expect(main(['-o', 'xml', 'vs.yaml'], dir)).toBe(2);
    expect(main([], dir)).toBe(2);
  });
});
