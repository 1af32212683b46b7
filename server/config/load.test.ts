import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigText } from './load';
import { DEFAULT_MESH_TARGET_PATTERN, telemetrySettings } from './schema';

const kubeconfig = (contexts: string[]) => `apiVersion: v1
kind: Config
clusters:
${contexts.map((c) => `- name: ${c}\n  cluster: {server: 'http://127.0.0.1:1', insecure-skip-tls-verify: true}`).join('\n')}
users:
- name: u
  user: {token: t}
contexts:
${contexts.map((c) => `- name: ${c}\n  context: {cluster: ${c}, user: u}`).join('\n')}
current-context: ${contexts[0]}
`;

function tmp(name: string, text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-config-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('meridian.yaml', () => {
  it('names the file, line and field of a schema error', () => {
    const text = ['clusters:', '  - name: us-east', '  - name: eu-west', '    prometheus:', '      url: not-a-url', ''].join('\n');
    expect(() => parseConfigText(text, 'meridian.yaml')).toThrowError(ConfigError);
    try {
      parseConfigText(text, 'meridian.yaml');
    } catch (e) {
      expect((e as Error).message).toMatch(/meridian\.yaml:5:\d+: clusters\[1\]\.prometheus\.url: must be an http\(s\) URL/);
    }
  });

  it('names an unknown field and its line', () => {
    const text = 'readOnly: true\nclustres:\n  - name: a\n';
    expect(() => parseConfigText(text, 'm.yaml')).toThrowError(/m\.yaml:1:1: \(top level\): Unrecognized key: "clustres"/);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(() => parseConfigText('clusters:\n  - name: [a\n', 'bad.yaml')).toThrowError(/bad\.yaml:\d+:\d+: invalid YAML/);
  });

  it('rejects a cluster name that is not DNS-1123, naming it', () => {
    expect(() => parseConfigText('clusters:\n  - name: US_East\n', 'm.yaml')).toThrowError(/m\.yaml:2:\d+: clusters\[0\]\.name: "US_East" is not a valid DNS-1123 label/);
  });

  it('applies defaults to a valid file', () => {
    const cfg = parseConfigText('clusters:\n  - name: a\n    istiod: {url: "http://127.0.0.1:15014"}\nprometheus:\n  url: http://thanos:9090\n', 'm.yaml');
    expect(cfg.readOnly).toBe(false);
    expect(cfg.auth.strategy).toBe('anonymous');
    expect(cfg.prometheus).toMatchObject({ url: 'http://thanos:9090', clusterLabel: 'cluster' });
  });

  it('reads the telemetry settings, with defaults, and names a bad mesh-target pattern', () => {
    const cfg = parseConfigText('clusters:\n  - name: a\ntelemetry:\n  meshTargets: {pattern: "istio-proxies"}\n', 'm.yaml');
    expect(telemetrySettings(cfg)).toEqual({ meshTargets: { label: 'job', pattern: 'istio-proxies' }, staleAfterSeconds: 60 });
    expect(telemetrySettings(parseConfigText('clusters:\n  - name: a\n', 'm.yaml')).meshTargets.pattern).toBe(DEFAULT_MESH_TARGET_PATTERN);
    expect(() => parseConfigText('clusters:\n  - name: a\ntelemetry:\n  meshTargets: {pattern: "mesh-(("}\n', 'm.yaml')).toThrowError(
      /m\.yaml:4:\d+: telemetry\.meshTargets\.pattern: must be a valid regular expression/,
    );
  });

  it('without MERIDIAN_CONFIG, every kubeconfig context is a cluster', () => {
    const kc = tmp('kubeconfig', kubeconfig(['alpha', 'beta', 'gamma']));
    const cfg = loadConfig({ KUBECONFIG: kc });
    expect(cfg.clusters.map((c) => c.name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('a missing config file is an error naming it', () => {
    expect(() => loadConfig({ MERIDIAN_CONFIG: '/nonexistent/meridian.yaml' })).toThrowError(/\/nonexistent\/meridian\.yaml: cannot read/);
  });
});
