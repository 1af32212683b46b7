// Where the editor marks problems: each schema cause, API server cause (422) and validation
// finding at the line of its field (or the line the finding names).
import type { Finding } from '../../validation/types';
import { lineOfField } from './yaml';

export interface Marker {
  line: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** "schema", "API server", "IST0101", ... */
  source: string;
  field?: string;
}

export interface MarkerInput {
  causes?: readonly { field: string; message: string }[];
  serverCauses?: readonly { field: string; message: string }[];
  findings?: readonly Finding[];
}

export function markersFor(text: string, input: MarkerInput): Marker[] {
  const out: Marker[] = [];
  for (const c of input.causes ?? []) {
    out.push({ line: lineOfField(text, c.field), message: `${c.field}: ${c.message}`, severity: 'error', source: 'schema', field: c.field });
  }
  for (const c of input.serverCauses ?? []) {
    out.push({ line: lineOfField(text, c.field), message: `${c.field}: ${c.message}`, severity: 'error', source: 'API server', field: c.field });
  }
  for (const f of input.findings ?? []) {
    const line = f.line ?? (f.path ? lineOfField(text, f.path) : 1);
    out.push({ line, message: `${f.code} ${f.name}: ${f.message}`, severity: f.severity, source: f.code, ...(f.path ? { field: f.path } : {}) });
  }
  return out;
}
