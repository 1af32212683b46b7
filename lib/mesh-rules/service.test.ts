import { describe, expect, it } from 'vitest';
import { readyEndpoints, servicePorts } from './service';

describe('Service facts', () => {
  it('read the ports in order, a field of the wrong type as absent', () => {
    expect(servicePorts({ ports: [{ name: 'http', port: 9080, targetPort: 'web', protocol: 'TCP' }, { port: '80', targetPort: 8080, appProtocol: 'grpc' }] })).toEqual([
      { name: 'http', port: 9080, targetPort: 'web', protocol: 'TCP', appProtocol: undefined },
      { name: undefined, port: undefined, targetPort: 8080, protocol: undefined, appProtocol: 'grpc' },
    ]);
    expect(servicePorts({})).toEqual([]);
    expect(servicePorts(undefined)).toEqual([]);
  });

  it('count the ready endpoints of an EndpointSlice, a missing condition as ready', () => {
    const slice = { endpoints: [{ conditions: { ready: true } }, { conditions: { ready: false } }, { addresses: ['10.0.0.3'] }] };
    expect(readyEndpoints(slice)).toBe(2);
    expect(readyEndpoints({})).toBe(0);
  });
});
