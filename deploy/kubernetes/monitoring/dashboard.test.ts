import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerInventoryMetrics } from '@/server/observability/inventory-metrics';
import { consoleMetrics } from '@/server/observability/metrics';

// The dashboard queries only metrics the console exports: every meridian_* name in its expressions
// is a metric of the console's registry (what GET /metrics serves), histograms by their
// _bucket/_sum/_count series.

const dashboard = JSON.parse(readFileSync(join(import.meta.dirname, 'meridian-dashboard.json'), 'utf8')) as {
  panels: { title: string; targets?: { expr: string }[] }[];
  templating: { list: { definition?: string }[] };
};

async function exportedSeries(): Promise<Set<string>> {
  registerInventoryMetrics();
  const text = await consoleMetrics().registry.metrics();
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (!name) continue;
    if (type === 'histogram' || type === 'summary') for (const s of ['_bucket', '_sum', '_count']) names.add(`${name}${s}`);
    if (type !== 'histogram') names.add(name);
  }
  return names;
}

describe('deploy/kubernetes/monitoring/meridian-dashboard.json', () => {
  it('queries only metric names the console exports', async () => {
    const series = await exportedSeries();
    const exprs = [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...dashboard.templating.list.map((v) => v.definition ?? '')];
    const used = new Set(exprs.flatMap((e) => e.match(/\bmeridian_[a-z0-9_]+/g) ?? []));
    expect(used.size).toBeGreaterThan(8);
    expect([...used].filter((n) => !series.has(n))).toEqual([]);
  });

  it('has a query in every panel that is not a row', () => {
    const empty = dashboard.panels.filter((p) => (p as { type?: string }).type !== 'row' && !(p.targets ?? []).some((t) => t.expr.trim()));
    expect(empty.map((p) => p.title)).toEqual([]);
  });
});
