import 'server-only';
import {
  arr,
  forbidden,
  intOrPercentCauses,
  invalidValue,
  labelCauses,
  nonNegative,
  num,
  obj,
  oneOf,
  required,
  selectorCauses,
  str,
  type Causes,
  type J,
} from './causes';
import { podSpecCauses } from './pods';

// Deployments, ReplicaSets, Pods and PodDisruptionBudgets as kube-apiserver validates them.

/** Whether a label selector (matchLabels and matchExpressions) selects these labels. */
export function selects(selector: J, labels: Record<string, unknown>): boolean {
  const has = (k: string) => Object.hasOwn(labels, k);
  if (!Object.entries(obj(selector.matchLabels)).every(([k, v]) => labels[k] === v)) return false;
  return arr(selector.matchExpressions).every((e) => {
    const key = str(e.key);
    const values = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case 'In':
        return has(key) && values.includes(labels[key]);
      case 'NotIn':
        return !has(key) || !values.includes(labels[key]);
      case 'Exists':
        return has(key);
      case 'DoesNotExist':
        return !has(key);
      default:
        return false;
    }
  });
}

/** Go's %#v of a map[string]string, as the selector mismatch message prints the template labels. */
function goStringMap(m: Record<string, unknown>): string {
  const entries = Object.keys(m).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(str(m[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** The selector and pod template of a Deployment or ReplicaSet. */
function templateCauses(spec: J, kind: string): Causes {
  const causes: Causes = [];
  const selector = spec.selector;
  const template = obj(spec.template);
  const labels = obj(obj(template.metadata).labels);
  if (selector === undefined || selector === null) causes.push(required('spec.selector'));
  else {
    const sel = obj(selector);
    causes.push(...selectorCauses('spec.selector', sel));
    if (Object.keys(obj(sel.matchLabels)).length === 0 && arr(sel.matchExpressions).length === 0) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'spec.selector',
        message: `Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for ${kind}`,
      });
    } else if (!selects(sel, labels)) {
      causes.push({ reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels', message: `Invalid value: ${goStringMap(labels)}: \`selector\` does not match template \`labels\`` });
    }
  }
  causes.push(...labelCauses('spec.template.metadata.labels', labels));
  causes.push(...podSpecCauses('spec.template.spec', obj(template.spec), ['Always']));
  return causes;
}

function strategyCauses(strategy: J): Causes {
  const type = strategy.type;
  const causes = oneOf('spec.strategy.type', type, ['Recreate', 'RollingUpdate']);
  const rolling = strategy.rollingUpdate;
  if (rolling === undefined || rolling === null) return causes;
  if (type === 'Recreate') return [...causes, forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")];
  const { maxUnavailable, maxSurge } = obj(rolling);
  causes.push(...intOrPercentCauses('spec.strategy.rollingUpdate.maxUnavailable', maxUnavailable, true));
  causes.push(...intOrPercentCauses('spec.strategy.rollingUpdate.maxSurge', maxSurge));
  const zero = (v: unknown) => v === 0 || v === '0%';
  if (zero(maxUnavailable) && zero(maxSurge)) {
    causes.push(invalidValue('spec.strategy.rollingUpdate.maxUnavailable', maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  return causes;
}

export function deploymentCauses(o: J): Causes {
  const spec = obj(o.spec);
  const causes = [
    ...nonNegative('spec.replicas', spec.replicas),
    ...nonNegative('spec.minReadySeconds', spec.minReadySeconds),
    ...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit),
    ...nonNegative('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds),
    ...templateCauses(spec, 'deployment'),
    ...strategyCauses(obj(spec.strategy)),
  ];
  const deadline = num(spec.progressDeadlineSeconds);
  if (deadline !== undefined && deadline <= (num(spec.minReadySeconds) ?? 0)) {
    causes.push(invalidValue('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  }
  return causes;
}

export function replicaSetCauses(o: J): Causes {
  const spec = obj(o.spec);
  return [...nonNegative('spec.replicas', spec.replicas), ...nonNegative('spec.minReadySeconds', spec.minReadySeconds), ...templateCauses(spec, 'replicaset')];
}

export function podCauses(o: J): Causes {
  return podSpecCauses('spec', obj(o.spec));
}

export function pdbCauses(o: J): Causes {
  const spec = obj(o.spec);
  const causes: Causes = [];
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(spec.minAvailable) && has(spec.maxUnavailable)) causes.push(invalidValue('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  causes.push(...intOrPercentCauses('spec.minAvailable', spec.minAvailable, true));
  causes.push(...intOrPercentCauses('spec.maxUnavailable', spec.maxUnavailable, true));
  if (has(spec.selector)) causes.push(...selectorCauses('spec.selector', spec.selector));
  causes.push(...oneOf('spec.unhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy, ['AlwaysAllow', 'IfHealthyBudget']));
  return causes;
}
