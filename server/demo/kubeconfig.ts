import 'server-only';
import { stringify } from 'yaml';
import { DEMO_TOKENS } from './types';

/**
 * A kubeconfig of the demo: one context per simulated cluster. `.demo/kubeconfig` uses the editor
 * token; `.demo/kubeconfig-viewer` the viewer token (read-only). The API servers speak plain http,
 * which client-node accepts only with insecure-skip-tls-verify.
 */
export function demoKubeconfig(clusters: { name: string; url: string }[], role: keyof typeof DEMO_TOKENS = 'editor'): string {
  const user = `demo-${role}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map((c) => ({ name: c.name, cluster: { server: c.url, 'insecure-skip-tls-verify': true } })),
    users: [{ name: user, user: { token: DEMO_TOKENS[role] } }],
    contexts: clusters.map((c) => ({ name: c.name, context: { cluster: c.name, user } })),
    'current-context': clusters[0]?.name,
  });
}
