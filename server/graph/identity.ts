import 'server-only';
import type { SeriesPath } from './series';

/**
 * A series' identity: who called whom (the source_* and destination_* labels, not code, flags,
 * security policy or reporter). Every query of a build returns series of the same identities;
 * what the build learns about one (reporter seen, node path) is kept on one Identity record.
 */

type Labels = Record<string, string | undefined>;

/** The identity labels besides source_workload and destination_service (the table's two Map levels). */
interface Row<T> {
  sc: string | undefined;
  sns: string | undefined;
  scs: string | undefined;
  scr: string | undefined;
  dc: string | undefined;
  dsn: string | undefined;
  dsns: string | undefined;
  dwns: string | undefined;
  dw: string | undefined;
  dcs: string | undefined;
  dcr: string | undefined;
  value: T;
}

// Written out label by label: named property loads are several times faster than a loop of
// keyed loads over a label list, and this runs for every sample of every query.
function sameIdentity(r: Row<unknown>, m: Labels): boolean {
  return (
    r.dw === m.destination_workload &&
    r.sc === m.source_cluster &&
    r.dc === m.destination_cluster &&
    r.sns === m.source_workload_namespace &&
    r.dwns === m.destination_workload_namespace &&
    r.dsn === m.destination_service_name &&
    r.dsns === m.destination_service_namespace &&
    r.scs === m.source_canonical_service &&
    r.scr === m.source_canonical_revision &&
    r.dcs === m.destination_canonical_service &&
    r.dcr === m.destination_canonical_revision
  );
}

/**
 * A map keyed by a series' identity (who called whom: the source_* and destination_* labels, not
 * code, flags, security policy or reporter) without building a key string per sample: two Map
 * levels (source workload, destination service host), then a short list compared label by label.
 * Graph builds see ~10^5 samples; string keys cost more than the whole rest of the build.
 */
export class IdentityTable<T> {
  private readonly root = new Map<string | undefined, Map<string | undefined, Row<T>[]>>();

  private rows(m: Labels, create: boolean): Row<T>[] | undefined {
    let level = this.root.get(m.source_workload);
    if (!level) {
      if (!create) return undefined;
      this.root.set(m.source_workload, (level = new Map()));
    }
    let rows = level.get(m.destination_service);
    if (!rows && create) level.set(m.destination_service, (rows = []));
    return rows;
  }

  get(m: Labels): T | undefined {
    const rows = this.rows(m, false);
    if (rows) for (let i = 0; i < rows.length; i++) if (sameIdentity(rows[i]!, m)) return rows[i]!.value;
    return undefined;
  }

  getOrCreate(m: Labels, make: () => T): T {
    const rows = this.rows(m, true)!;
    for (let i = 0; i < rows.length; i++) if (sameIdentity(rows[i]!, m)) return rows[i]!.value;
    const value = make();
    rows.push({
      sc: m.source_cluster,
      sns: m.source_workload_namespace,
      scs: m.source_canonical_service,
      scr: m.source_canonical_revision,
      dc: m.destination_cluster,
      dsn: m.destination_service_name,
      dsns: m.destination_service_namespace,
      dwns: m.destination_workload_namespace,
      dw: m.destination_workload,
      dcs: m.destination_canonical_service,
      dcr: m.destination_canonical_revision,
      value,
    });
    return value;
  }
}

export interface Identity {
  /** The destination proxy reported it (request / tcp series): the source's series are duplicates. */
  destinationReported: { requests: boolean; tcp: boolean };
  /** Node path, once resolved (null = no path). */
  path?: SeriesPath | null;
}

/** The identities of one build. */
export class Identities {
  private readonly table = new IdentityTable<Identity>();

  of(m: Labels): Identity {
    return this.table.get(m) ?? this.create(m);
  }

  // Separate so that the hit path allocates no closure context.
  private create(m: Labels): Identity {
    return this.table.getOrCreate(m, () => ({ destinationReported: { requests: false, tcp: false } }));
  }
}
