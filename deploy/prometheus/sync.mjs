#!/usr/bin/env node
// Writes meridian-prometheusrule.yaml (a monitoring.coreos.com/v1 PrometheusRule for the Prometheus
// Operator) from meridian-rules.yaml (the plain Prometheus rule file, the one source of the rules).
//   node deploy/prometheus/sync.mjs          rewrite the PrometheusRule
//   node deploy/prometheus/sync.mjs --check  exit 1 when it is not what the rule file gives
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

const DIR = import.meta.dirname;
export const RULES_FILE = join(DIR, 'meridian-rules.yaml');
export const PROMETHEUS_RULE_FILE = join(DIR, 'meridian-prometheusrule.yaml');

const HEADER = `# Generated from meridian-rules.yaml by \`node deploy/prometheus/sync.mjs\`: edit the rule file, not this.
# Meridian's alert rules as a Prometheus Operator PrometheusRule. Apply it in the namespace your
# Prometheus selects rules from, with the labels its ruleSelector matches (here: role=alert-rules).
`;

/** The PrometheusRule object carrying the rule file's groups unchanged. */
export function prometheusRuleOf(ruleFile) {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'meridian-rules',
      namespace: 'istio-system',
      labels: { 'app.kubernetes.io/name': 'meridian', 'app.kubernetes.io/component': 'alert-rules', role: 'alert-rules' },
    },
    spec: { groups: ruleFile.groups },
  };
}

export function renderPrometheusRule(ruleFileText) {
  return HEADER + stringify(prometheusRuleOf(parse(ruleFileText)), { lineWidth: 0 });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const want = renderPrometheusRule(readFileSync(RULES_FILE, 'utf8'));
  if (process.argv.includes('--check')) {
    let have = '';
    try {
      have = readFileSync(PROMETHEUS_RULE_FILE, 'utf8');
    } catch {
      /* missing: out of sync */
    }
    if (have !== want) {
      console.error('deploy/prometheus/meridian-prometheusrule.yaml is out of sync with meridian-rules.yaml: run `node deploy/prometheus/sync.mjs`');
      process.exit(1);
    }
    console.log('meridian-prometheusrule.yaml is in sync with meridian-rules.yaml');
  } else {
    writeFileSync(PROMETHEUS_RULE_FILE, want);
    console.log(`wrote ${PROMETHEUS_RULE_FILE}`);
  }
}
