import 'server-only';
import { DEMO_CLUSTERS } from '../../types';
import type { NamespaceSpec } from '../spec';

// The namespaces every Kubernetes cluster has (so `kubectl get pods` in `default` just works).
const empty = (name: string): NamespaceSpec => ({ name, clusters: DEMO_CLUSTERS, injected: false, workloads: [], services: [] });

export const baseNamespaces: NamespaceSpec[] = [empty('default'), empty('kube-system')];
