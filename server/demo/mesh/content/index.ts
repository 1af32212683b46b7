import 'server-only';
import type { NamespaceSpec } from '../spec';
import { bookinfo } from './bookinfo';
import { istioSystem } from './istio-system';
import { legacy } from './legacy';
import { mcsDemo } from './mcs-demo';

/**
 * The hand-written content of the demo mesh, in seeding order (istio-system first). The built-in
 * namespaces (default, kube-system, ...) are not part of the seed: the demo API store creates them.
 */
export const DEMO_CONTENT: readonly NamespaceSpec[] = [istioSystem, bookinfo, mcsDemo, legacy];
