import { describe, expect, it } from 'vitest';
import { foldMatrix, matrixQuery } from './matrix';

const s = (m: string, src: string, dst: string, value: number) => ({ metric: { m, source_cluster: src, destination_cluster: dst }, value });

describe('cross-cluster matrix', () => {
  it('folds tagged samples into cells with error share, quantiles, mTLS share and a graph link', () => {
    const cells = foldMatrix(
      [s('rps', 'a', 'b', 10), s('err', 'a', 'b', 1), s('p50', 'a', 'b', 20), s('p95', 'a', 'b', 90), s('p95', 'a', 'b', 120), s('p99', 'a', 'b', 200), s('mtls', 'a', 'b', 3), s('dtotal', 'a', 'b', 4), s('rps', 'a', 'a', 5), s('rps', 'a', 'x', 5)],
      ['a', 'b'],
    );
    expect(cells).toEqual([
      { source: 'a', destination: 'a', rps: 5, errorRate: 0, link: '/graph?clusters=a&find=cluster%3Da' },
      { source: 'a', destination: 'b', rps: 10, errorRate: 0.1, p50: 20, p95: 120, p99: 200, mtlsShare: 0.75, link: '/graph?clusters=a,b&find=crosscluster' },
    ]);
  });

  it('is one query with every arm, filtered by the cluster label on a shared Prometheus', () => {
    const q = matrixQuery(300, { label: 'cluster', clusters: ['us-east', 'eu-west'] });
    for (const arm of ['rps', 'err', 'p50', 'p95', 'p99', 'mtls', 'dtotal']) expect(q).toContain(`"m", "${arm}"`);
    expect(q).toContain('[300s]');
    expect(q).toContain('cluster=~"us-east|eu-west"');
    expect(matrixQuery(60)).not.toContain('cluster=~');
  });
});
