import { z } from 'zod';
import { durationParam } from '@/lib/graph/query';
import { dnsNameList } from '@/lib/names';
import { unknownCluster } from '@/server/http/errors';
import { handler, json, parseQuery } from '@/server/http/handler';
import { clusterNames } from '@/server/kube/clients';
import { meshView } from '@/server/mesh';

export const dynamic = 'force-dynamic';

const query = z.strictObject({
  clusters: dnsNameList.optional().default([]),
  duration: durationParam.optional().default(300),
});

export const GET = handler('/api/mesh', async (req) => {
  const q = parseQuery(req, query);
  const all = clusterNames();
  for (const c of q.clusters) if (!all.includes(c)) throw unknownCluster(c);
  return json(await meshView(q.clusters.length ? q.clusters : all, q.duration));
});
