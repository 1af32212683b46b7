import { describe, expect, it } from 'vitest';
import { emptyObjects, type InventorySnapshot, type K8sObject } from '@/lib/inventory/types';
import { managedControlPlane, managedHealthy } from './managed';

const cpr = (name: string, channel: string, conditions: { type: string; status: string; reason?: string; message?: string }[]): K8sObject => ({
  apiVersion: 'mesh.cloud.google.com/v1beta1',
  kind: 'ControlPlaneRevision',
  metadata: { name, namespace: 'istio-system' },
  spec: { type: 'managed_service', channel },
  status: { conditions },
});
const ns = (name: string, labels: Record<string, string>): K8sObject => ({ kind: 'Namespace', metadata: { name, labels } });

function snap(objects: { ControlPlaneRevision?: K8sObject[]; Namespace?: K8sObject[]; Deployment?: K8sObject[] }): InventorySnapshot {
  const o = emptyObjects();
  Object.assign(o, objects);
  return { clusters: [{ cluster: 'cluster-a', state: 'synced', objects: o }] };
}

const RECONCILED = [
  { type: 'Reconciled', status: 'True', reason: 'Provisioned', message: 'The provisioning process has completed successfully' },
  { type: 'ProvisioningFinished', status: 'True', reason: 'ProvisioningFinished' },
  { type: 'Stalled', status: 'False', reason: 'NotStalled' },
];

describe('managedControlPlane', () => {
  it('reads the ControlPlaneRevision (channel, type, conditions) and the namespaces a managed revision injects', () => {
    const cp = managedControlPlane('cluster-a', snap({ ControlPlaneRevision: [cpr('asm-managed', 'regular', RECONCILED)], Namespace: [ns('mcs-demo', { 'istio.io/rev': 'asm-managed' }), ns('other', {})] }));
    expect(cp).toMatchObject({ revisions: [{ name: 'asm-managed', channel: 'regular', type: 'managed_service', conditions: RECONCILED }], namespaces: ['mcs-demo'] });
    expect(cp?.note).toContain('istiod debug endpoints');
    expect(managedHealthy(cp!)).toBe(true);
  });

  it('a namespace labelled asm-managed-rapid alone says managed (rapid channel), without conditions', () => {
    const cp = managedControlPlane('cluster-a', snap({ Namespace: [ns('shop', { 'istio.io/rev': 'asm-managed-rapid' })] }));
    expect(cp?.revisions).toEqual([{ name: 'asm-managed-rapid', channel: 'rapid', conditions: [] }]);
    expect(managedHealthy(cp!)).toBeUndefined();
  });

  it('a Stalled revision is not healthy; a cluster running istiod, or with no sign of one, is not managed', () => {
    const stalled = [{ type: 'Reconciled', status: 'False', reason: 'NotProvisioned' }, { type: 'Stalled', status: 'True', reason: 'PreconditionFailed', message: 'Unsupported Kubernetes version' }];
    expect(managedHealthy(managedControlPlane('cluster-a', snap({ ControlPlaneRevision: [cpr('asm-managed', 'regular', stalled)] }))!)).toBe(false);
    const istiod: K8sObject = { kind: 'Deployment', metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod' } } };
    expect(managedControlPlane('cluster-a', snap({ Deployment: [istiod], Namespace: [ns('a', { 'istio.io/rev': 'asm-managed' })] }))).toBeUndefined();
    expect(managedControlPlane('cluster-a', snap({ Namespace: [ns('a', { 'istio-injection': 'enabled' })] }))).toBeUndefined();
  });
});
