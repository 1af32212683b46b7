import 'server-only';
import { formatFinding } from '@/lib/validation/format';
import { YamlSyntaxError } from '@/lib/validation/yaml-source';
import { UsageError, readPath } from './files';
import { CHECKS, analyzeSnapshot } from './index';
import { snapshotFromYaml, type YamlInput } from './offline';

// `npm run analyze -- [options] <files or folders>`: istioctl analyze for files, offline, over one or
// several clusters. Started by scripts/analyze.mjs with `node --conditions=react-server --import tsx`.

const USAGE = `Usage: npm run analyze -- [options] <file or folder>...

Reads Kubernetes/Istio YAML (multi-document, Lists) without a cluster and prints the findings of
Meridian's checks, one line each in istioctl's form.

  A folder holding only sub-folders is read as one folder per cluster (named after the sub-folder).
  --cluster <name> <paths...>  the following paths belong to cluster <name> (repeatable)
  -o, --output line|json       output format (default line; json prints the findings array)
  --list                       list the checks and exit
  -h, --help                   this help

Exit code: 0 without error-level findings (warnings and infos only), 1 with errors, 2 on usage or input errors.`;

interface Args {
  output: 'line' | 'json';
  inputs: { path: string; cluster?: string }[];
  list: boolean;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const args: Args = { output: 'line', inputs: [], list: false };
  let cluster: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--list') args.list = true;
    else if (a === '-o' || a === '--output' || a.startsWith('--output=') || a.startsWith('-o=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
      if (v !== 'json' && v !== 'line') throw new UsageError(`unknown output format "${v}": use line or json`);
      args.output = v;
    } else if (a === '--cluster' || a.startsWith('--cluster=')) cluster = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else args.inputs.push({ path: a, ...(cluster ? { cluster } : {}) });
  }
  return args;
}

export function main(argv: readonly string[], cwd = process.cwd()): number {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (err) {
    console.error(`analyze: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (args.list) {
    for (const c of CHECKS) console.log(`${c.code}\t${c.severity}\t${c.name}\t${c.description}`);
    return 0;
  }
  if (args.inputs.length === 0) {
    console.error(`analyze: no files or folders given\n\n${USAGE}`);
    return 2;
  }
  let inputs: YamlInput[];
  let offline;
  try {
    inputs = args.inputs.flatMap((i) => readPath(i.path, i.cluster, cwd));
    offline = snapshotFromYaml(inputs);
  } catch (err) {
    if (err instanceof UsageError || err instanceof YamlSyntaxError) {
      console.error(`analyze: ${err.message}`);
      return 2;
    }
    throw err;
  }
  for (const s of offline.skipped) console.error(`analyze: ${s}: not a Kubernetes object (no kind or metadata.name), skipped`);
  const findings = analyzeSnapshot(offline.snapshot, { extra: offline.extra, locate: offline.locate, assumeDefaultIngress: true });
  if (args.output === 'json') console.log(JSON.stringify(findings, null, 2));
  else if (findings.length === 0) console.log(`✔ No validation issues found when analyzing ${inputs.length} file(s).`);
  else for (const f of findings) console.log(formatFinding(f));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

if (process.argv[1] && /validation[\\/]cli\.ts$/.test(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2));
}
