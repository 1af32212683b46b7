import 'server-only';
import type { NamespaceSpec } from '../spec';
import { baseNamespaces } from './base';
import { bookinfo } from './bookinfo';
import { istioSystem } from './istio-system';
import { legacy } from './legacy';
import { mcsDemo } from './mcs-demo';

/** The hand-written content of the demo mesh, in seeding order (istio-system first). */
export const DEMO_CONTENT: readonly NamespaceSpec[] = [...baseNamespaces, istioSystem, bookinfo, mcsDemo, legacy];
