import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';

// Multi-document YAML with positions: each object keeps its document so a field path
// (`spec.http[0].route[1].destination.subset`) maps back to a line. Pure: shared by the offline
// reader (`npm run analyze`), POST /api/validate and the editors.

export interface YamlObject {
  /** The document as plain JSON. */
  value: unknown;
  /** 0-based index of the document in the text. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  doc: Document.Parsed;
}

export interface YamlSource {
  objects: YamlObject[];
  lineCounter: LineCounter;
}

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'YamlSyntaxError';
  }
}

/** Parses every document of `text`; empty documents are skipped. Throws YamlSyntaxError naming the line. */
export function parseYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const objects: YamlObject[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const err = doc.errors[0];
    if (err) throw new YamlSyntaxError(err.message.split('\n')[0] ?? err.message, lineCounter.linePos(err.pos[0]).line);
    if (doc.contents === null) return;
    const start = doc.contents.range?.[0] ?? 0;
    objects.push({ value: doc.toJS({ maxAliasCount: 100 }), index, line: lineCounter.linePos(start).line, doc: doc as Document.Parsed });
  });
  return { objects, lineCounter };
}

/** `spec.http[0].route[1]` or `metadata.labels[app.kubernetes.io/name]` as path segments. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/**
 * The 1-based line of `path` in a document: the key of the deepest existing field (a missing field
 * points at its closest existing parent), or the start of the document.
 */
export function lineOfPath(obj: YamlObject, path: string | undefined, lineCounter: LineCounter): number {
  let node: Node | null | undefined = obj.doc.contents;
  let offset = node?.range?.[0];
  for (const seg of splitPath(path ?? '')) {
    if (typeof seg === 'number' && isSeq(node)) {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else break;
  }
  return offset === undefined ? obj.line : lineCounter.linePos(offset).line;
}
