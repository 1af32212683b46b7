import 'server-only';
import { servedResources } from '../resources';
import { CRD_MODEL_ROOTS, SERVICE_MONITOR_MODELS } from './crds';
import { loadModels, type ModelSet } from './models';

// The models of every served kind that has one (resources.ts `model`), loaded once per process.

const CRD_MODELS = new Set(SERVICE_MONITOR_MODELS.map((m) => m.name));

let loading: Promise<ModelSet> | undefined;

export function kindModels(): Promise<ModelSet> {
  loading ??= (async () => {
    const roots = servedResources().flatMap((r) => (r.model && !CRD_MODELS.has(r.model) ? [r.model] : []));
    const models = await loadModels([...roots, ...CRD_MODEL_ROOTS]);
    for (const m of SERVICE_MONITOR_MODELS) models.set(m.name, m);
    return models;
  })().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/** Whether a model is a custom resource's (validated like a CRD: type errors are 422 Invalid). */
export function isCustomModel(model: string): boolean {
  return CRD_MODELS.has(model);
}

export type { ModelSet } from './models';
