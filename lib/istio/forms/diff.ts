// What a diff of live versus proposed shows: the object without what the server writes
// (lib/mesh-rules/server-fields.ts), as YAML. The changed fields are lib/istio-config/diff-summary.ts's.
import { stripServerFields } from '../../mesh-rules/server-fields';
import { type Obj } from './object';
import { toYaml } from './yaml';

export { stripServerFields };

/** YAML for one side of a diff ('' for an object that does not exist). */
export function diffYaml(obj: Obj | undefined): string {
  return obj ? toYaml(stripServerFields(obj)) : '';
}
