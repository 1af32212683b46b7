import 'server-only';
import { getConfig } from '@/server/config';

export interface Readiness {
  ready: boolean;
  checks: { name: string; ok: boolean; message: string }[];
}

/** Ready once the configuration is loaded. (Cache sync joins the checks with the informers.) */
export function readiness(): Readiness {
  try {
    const cfg = getConfig();
    return {
      ready: true,
      checks: [{ name: 'config', ok: true, message: `${cfg.clusters.length} cluster(s) from ${cfg.source}` }],
    };
  } catch (e) {
    return { ready: false, checks: [{ name: 'config', ok: false, message: (e as Error).message }] };
  }
}
