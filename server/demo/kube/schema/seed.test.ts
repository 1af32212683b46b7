import { describe, expect, it } from 'vitest';
import { seedAll } from '../../mesh/testing';
import { DEMO_CLUSTERS } from '../../types';
import { findKind } from '../resources';
import { decode } from './decode';
import { kindModels } from './index';
import { kindCauses } from './validate';

// The demo's own seed is what a real API server would accept: every object of a kind with a model
// decodes without an unknown field or a wrong type and passes the kind's validation.

describe('the seed, decoded and validated like kube-apiserver', () => {
  const seeds = seedAll({ syntheticServices: 30 });
  it.each(DEMO_CLUSTERS)('%s', async (cluster) => {
    const models = await kindModels();
    const problems: string[] = [];
    let checked = 0;
    for (const o of seeds[cluster]) {
      const def = findKind(o.apiVersion, o.kind);
      if (!def?.model) continue;
      checked++;
      const { unknown, error } = decode(models, def.model, o);
      const causes = kindCauses(def, o);
      const where = `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      if (error) problems.push(`${where}: ${error.message}`);
      for (const u of unknown) problems.push(`${where}: unknown field "${u}"`);
      for (const c of causes) problems.push(`${where}: ${c.field}: ${c.message}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });
});
