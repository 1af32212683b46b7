import { describe, expect, it } from 'vitest';
import { routeDestinations } from './routes';

describe('VirtualService destinations', () => {
  it('lists route and mirror destinations of http, tcp and tls rules with their field paths', () => {
    const spec = {
      http: [{ route: [{ destination: { host: 'reviews', subset: 'v1', port: { number: 9080 } } }, {}], mirror: { host: 'shadow' }, mirrors: [{ destination: { host: 'shadow2' } }] }],
      tcp: [{ route: [{ destination: { host: 'db' } }] }],
      tls: [{ route: [{ destination: { host: 'api.example.com', port: { number: 'x' } } }] }],
    };
    expect(routeDestinations(spec)).toEqual([
      { path: 'spec.http[0].route[0].destination', host: 'reviews', subset: 'v1', port: 9080, mirror: false },
      { path: 'spec.http[0].mirror', host: 'shadow', mirror: true },
      { path: 'spec.http[0].mirrors[0].destination', host: 'shadow2', mirror: true },
      { path: 'spec.tcp[0].route[0].destination', host: 'db', mirror: false },
      { path: 'spec.tls[0].route[0].destination', host: 'api.example.com', mirror: false },
    ]);
    expect(routeDestinations({ http: 'no' })).toEqual([]);
    expect(routeDestinations(undefined)).toEqual([]);
  });
});
