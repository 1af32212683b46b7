// What the API server and tools write into an object, as opposed to what an operator edits: the one
// list used before a diff (so a person compares only their fields), before a create (the server
// refuses some of them), by the history summary, and by apply (which keeps kubectl's annotation).
import { isRec as isObj, type Rec as Obj } from './spec';

/** kubectl's copy of the last applied configuration, used by `kubectl apply`'s three-way merge. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Metadata fields the API server owns: never part of an operator's change, refused or ignored on create. */
export const SERVER_OWNED_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'deletionTimestamp'] as const;

/** Annotations tools write for themselves: not part of an operator's change. */
export const TOOL_ANNOTATIONS: readonly string[] = [LAST_APPLIED_ANNOTATION];


/** The metadata without the server-owned fields (a copy; annotations untouched). */
export function withoutServerMetadata<M extends Obj>(metadata: M): M {
  return Object.fromEntries(Object.entries(metadata).filter(([k]) => !(SERVER_OWNED_METADATA as readonly string[]).includes(k))) as M;
}

/** The annotations without the tools' own ones (a copy); undefined when nothing is left. */
export function withoutToolAnnotations(annotations: unknown): Record<string, unknown> | undefined {
  if (!isObj(annotations)) return undefined;
  const kept = Object.fromEntries(Object.entries(annotations).filter(([k]) => !TOOL_ANNOTATIONS.includes(k)));
  return Object.keys(kept).length ? kept : undefined;
}

/** The object as a person compares it: status, server-owned metadata and tool annotations removed (a deep copy). */
export function stripServerFields<T extends Obj>(obj: T): T {
  const out = structuredClone(obj) as Obj;
  delete out.status;
  if (isObj(out.metadata)) {
    const meta = withoutServerMetadata(out.metadata);
    const annotations = withoutToolAnnotations(meta.annotations);
    if (annotations) meta.annotations = annotations;
    else delete meta.annotations;
    out.metadata = meta;
  }
  return out as T;
}

/**
 * The editors never see kubectl's last-applied annotation (the inventory caches strip it); an edit
 * must not drop it from the live object, or the next `kubectl apply` would merge against nothing.
 * Returns the metadata with the live object's annotation kept, unless the edit sets or removes it itself.
 */
export function keepLastApplied<M extends { annotations?: Record<string, string> }>(live: { metadata?: { annotations?: Record<string, string> } } | undefined, metadata: M): M {
  const kept = live?.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (kept === undefined || (metadata.annotations && LAST_APPLIED_ANNOTATION in metadata.annotations)) return metadata;
  return { ...metadata, annotations: { ...metadata.annotations, [LAST_APPLIED_ANNOTATION]: kept } };
}
