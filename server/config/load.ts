import 'server-only';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { fieldPath } from '@/lib/mesh-rules/field-path';
import { meridianConfigSchema, type MeridianConfig } from './schema';

/** A configuration that cannot be used. The message names the file, the line and the field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the text of a meridian.yaml. YAML syntax errors and schema errors both report
 * `<file>:<line>:<col>: <field>: <problem>`.
 */
export function parseConfigText(text: string, file: string): Omit<MeridianConfig, 'clusters'> & { clusters?: MeridianConfig['clusters'] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new ConfigError(`${file}:${pos.line}:${pos.col}: invalid YAML: ${syntax.message.split('\n')[0]}`);
  }
  const parsed = meridianConfigSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ...parsed.data, source: file };

  const messages = parsed.error.issues.slice(0, 5).map((issue) => {
    // Point at the deepest node of the path that exists (a missing field points at its parent).
    let offset = 0;
    for (let n = issue.path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) {
        offset = node.range[0];
        break;
      }
    }
    const { line, col } = lineCounter.linePos(offset);
    const field = fieldPath(issue.path) || '(top level)';
    return `${file}:${line}:${col}: ${field}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid Meridian configuration:\n  ${messages.join('\n  ')}`);
}

/** Every context of a kubeconfig becomes a cluster named after its context. */
function clustersFromKubeconfig(kubeconfigPath?: string): MeridianConfig['clusters'] {
  const kc = new KubeConfig();
  try {
    if (kubeconfigPath) kc.loadFromFile(kubeconfigPath);
    else kc.loadFromDefault();
  } catch (e) {
    throw new ConfigError(`Cannot read kubeconfig ${kubeconfigPath ?? process.env.KUBECONFIG ?? '~/.kube/config'}: ${String(e)}`);
  }
  return kc.getContexts().map((c) => ({ name: c.name, context: c.name, kubeconfig: kubeconfigPath }));
}

/**
 * Loads the configuration: MERIDIAN_CONFIG's file when set (it must exist and be valid), otherwise
 * every context of KUBECONFIG is a cluster.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): MeridianConfig {
  const path = env.MERIDIAN_CONFIG;
  if (!path) {
    const clusters = clustersFromKubeconfig(env.KUBECONFIG?.split(':')[0] || undefined);
    const base = parseConfigText('{}', '(defaults)');
    return { ...base, clusters, source: `kubeconfig ${env.KUBECONFIG ?? '~/.kube/config'}` };
  }
  const file = isAbsolute(path) ? path : resolve(/*turbopackIgnore: true*/ process.cwd(), path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the Meridian configuration (MERIDIAN_CONFIG): ${(e as Error).message}`);
  }
  const cfg = parseConfigText(text, file);
  const clusters = cfg.clusters ?? clustersFromKubeconfig(env.KUBECONFIG?.split(':')[0] || undefined);
  return { ...cfg, clusters, source: file };
}
