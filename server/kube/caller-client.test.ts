import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setConfig, type MeridianConfig } from '@/server/config';
import { kubeConfigForCaller } from './caller-client';
import { kubeConfigFor } from './clients';

// Which credentials a caller's requests to a cluster carry (the API calls themselves are exercised
// against the demo API server in server/istio-config/operation.test.ts).

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'caller-client-'));
  file = join(dir, 'kubeconfig');
  await writeFile(
    file,
    `apiVersion: v1
kind: Config
clusters:
- {name: east, cluster: {server: 'https://east.example:6443', insecure-skip-tls-verify: true}}
users:
- {name: console, user: {token: console-sa}}
contexts:
- {name: cc-anon, context: {cluster: east, user: console}}
- {name: cc-token, context: {cluster: east, user: console}}
current-context: cc-anon
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => setConfig(undefined));

const config = (cluster: string, strategy: MeridianConfig['auth']['strategy']): MeridianConfig => ({
  clusters: [{ name: cluster, kubeconfig: file }],
  auth: { strategy },
  readOnly: false,
  source: 'test',
});

describe('kubeConfigForCaller', () => {
  it("uses the cluster's own kubeconfig for the anonymous and header strategies", () => {
    setConfig(config('cc-anon', 'anonymous'));
    const kc = kubeConfigForCaller('cc-anon', {});
    expect(kc).toBe(kubeConfigFor('cc-anon'));
    expect(kc.getCurrentUser()?.token).toBe('console-sa');
    setConfig(config('cc-anon', 'header'));
    expect(kubeConfigForCaller('cc-anon', {}).getCurrentUser()?.token).toBe('console-sa');
  });

  it("sends the caller's own bearer token to the same server for the token strategy", () => {
    setConfig(config('cc-token', 'token'));
    const kc = kubeConfigForCaller('cc-token', { token: 'users-token' });
    expect(kc.getCurrentUser()?.token).toBe('users-token');
    expect(kc.getCurrentCluster()?.server).toBe('https://east.example:6443');
    // The shared kubeconfig of the cluster keeps the console's credentials.
    expect(kubeConfigFor('cc-token').getCurrentUser()?.token).toBe('console-sa');
  });

  it('refuses the token strategy without a caller token instead of falling back to the console credentials', () => {
    setConfig(config('cc-token', 'token'));
    expect(() => kubeConfigForCaller('cc-token', {})).toThrow(/without a caller token/);
  });
});
