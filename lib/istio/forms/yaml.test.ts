import { describe, expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION } from '../../mesh-rules/server-fields';
import { changedFields, diffYaml } from './diff';
import { writeTrafficShift } from './virtual-service';
import { lineOfField, parseYamlObject, patchYamlText } from './yaml';

const TEXT = `# reviews routing — owned by team books
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews # the service
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 50 # canary
    - destination:
        host: reviews
        subset: v2
      weight: 30
    timeout: soon
`;

describe('YAML with positions', () => {
  it('finds the line of a field path, or of its nearest existing parent', () => {
    expect(lineOfField(TEXT, 'spec.http[0].route')).toBe(11);
    expect(lineOfField(TEXT, 'spec.http[0].timeout')).toBe(20);
    expect(lineOfField(TEXT, 'spec.http[0].route[1].weight')).toBe(19);
    expect(lineOfField(TEXT, 'spec.http[0].route[1].destination.subset')).toBe(18);
    expect(lineOfField(TEXT, 'spec.http[0].retries.attempts')).toBe(11);
    expect(lineOfField(TEXT, 'metadata.name')).toBe(5);
    expect(lineOfField('a: [', 'spec')).toBe(1);
  });

  it('reports a syntax error with its line and never throws', () => {
    const r = parseYamlObject('apiVersion: v1\nkind: X\nspec:\n  a: 1\n   b: 2\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.line).toBeGreaterThanOrEqual(4);
    expect(parseYamlObject('- a\n- b').ok).toBe(false);
  });

  it('patches a form edit into the text, keeping comments and layout elsewhere', () => {
    const parsed = parseYamlObject(TEXT);
    if (!parsed.ok) throw new Error('parse');
    const next = writeTrafficShift(parsed.value, 0, {
      destinations: [
        { host: 'reviews', subset: 'v1', weight: 70 },
        { host: 'reviews', subset: 'v2', weight: 30 },
      ],
    });
    const text = patchYamlText(TEXT, next);
    expect(text).toContain('# reviews routing — owned by team books');
    expect(text).toContain('- reviews # the service');
    expect(text).toMatch(/weight: 70/);
    const again = parseYamlObject(text);
    expect(again.ok && again.value).toEqual(next);
  });

  it('diffs without server fields and lists the changed fields', () => {
    const live = { apiVersion: 'v', kind: 'K', metadata: { name: 'a', resourceVersion: '9', managedFields: [{}], annotations: { [LAST_APPLIED_ANNOTATION]: '{}' } }, spec: { x: [1, 2] }, status: { s: 1 } };
    expect(diffYaml(live)).not.toMatch(/resourceVersion|managedFields|status|last-applied/);
    expect(changedFields(live.spec, { x: [1, 3] }, 'spec')).toEqual(['spec.x[1]']);
    expect(changedFields({ labels: { 'app.kubernetes.io/name': 'a' } }, { labels: { 'app.kubernetes.io/name': 'b' } })).toEqual(['labels[app.kubernetes.io/name]']);
  });
});

describe('markers', () => {
  it('puts schema causes, API server causes and findings at their lines', async () => {
    const { markersFor } = await import('./markers');
    const m = markersFor(TEXT, {
      causes: [{ field: 'spec.http[0].route', message: 'sum to 80' }],
      serverCauses: [{ field: 'spec.http[0].timeout', message: 'invalid duration' }],
      findings: [{ code: 'IST0101', name: 'ReferencedResourceNotFound', severity: 'error', kind: 'VirtualService', objectName: 'reviews', path: 'spec.http[0].route[1].destination.subset', message: 'no subset v2' }],
    });
    expect(m.map((x) => [x.line, x.source])).toEqual([[11, 'schema'], [20, 'API server'], [18, 'IST0101']]);
  });
});
