import { describe, expect, it } from 'vitest';
import { keepLastApplied, LAST_APPLIED_ANNOTATION, stripServerFields, withoutServerMetadata } from './server-fields';

describe('server-owned fields', () => {
  const live = {
    apiVersion: 'v',
    kind: 'K',
    metadata: { name: 'a', resourceVersion: '9', uid: 'u', generation: 2, managedFields: [{}], deletionTimestamp: 't', annotations: { [LAST_APPLIED_ANNOTATION]: '{}', team: 'a' } },
    spec: { x: [1, 2] },
    status: { s: 1 },
  };

  it('strips status, server metadata and the last-applied annotation before a diff, keeping the rest', () => {
    expect(stripServerFields(live)).toEqual({ apiVersion: 'v', kind: 'K', metadata: { name: 'a', annotations: { team: 'a' } }, spec: { x: [1, 2] } });
    expect(live.metadata.resourceVersion).toBe('9');
  });

  it('drops an annotations map that only held tool annotations', () => {
    const only = { metadata: { name: 'a', annotations: { [LAST_APPLIED_ANNOTATION]: '{}' } } };
    expect(stripServerFields(only)).toEqual({ metadata: { name: 'a' } });
  });

  it('removes only server-owned metadata for a create', () => {
    expect(withoutServerMetadata(live.metadata)).toEqual({ name: 'a', annotations: live.metadata.annotations });
  });

  it("keeps the live object's last-applied annotation unless the edit sets or removes it", () => {
    const edit = { name: 'a', annotations: { team: 'b' } };
    expect(keepLastApplied(live, edit).annotations).toEqual({ team: 'b', [LAST_APPLIED_ANNOTATION]: '{}' });
    expect(keepLastApplied(live, { name: 'a', annotations: { [LAST_APPLIED_ANNOTATION]: 'mine' } }).annotations).toEqual({ [LAST_APPLIED_ANNOTATION]: 'mine' });
    expect(keepLastApplied({ metadata: {} }, edit)).toBe(edit);
  });
});
