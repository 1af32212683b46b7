/**
 * The graph's find / hide expression language (pure).
 *
 *   expr      := or
 *   or        := and (("OR" | "||") and)*
 *   and       := unary (("AND" | "&&") unary)*          AND binds tighter than OR
 *   unary     := ("NOT" | "!") unary | "(" expr ")" | predicate
 *   predicate := field op value | flag
 *   text fields   ns svc wl app version cluster name   op = | !=   value may use * as a wildcard
 *   number fields rps %error rt(ms)                      op > >= < <= = !=   value 12, 0.5, 5%, 200ms
 *   flags         mtls crosscluster exported imported idle healthy degraded failing nosidecar
 *
 * Parsing never throws: errors carry the [start, end) span of the offending text so the UI can mark it.
 * Evaluation is three-valued: a predicate that does not apply to a subject (ns= on an edge) is
 * `undefined`, and a subject matches only when the whole expression is `true`.
 */

export const TEXT_FIELDS = ['ns', 'svc', 'wl', 'app', 'version', 'cluster', 'name'] as const;
export const NUMBER_FIELDS = ['rps', '%error', 'rt'] as const;
export const FLAGS = ['mtls', 'crosscluster', 'exported', 'imported', 'idle', 'healthy', 'degraded', 'failing', 'nosidecar'] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type Flag = (typeof FLAGS)[number];
export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=';

export interface Span {
  start: number;
  end: number;
}

export type FindExpr =
  | ({ type: 'text'; field: TextField; op: '=' | '!='; value: string } & Span)
  | ({ type: 'number'; field: NumberField; op: Op; value: number } & Span)
  | ({ type: 'flag'; flag: Flag } & Span)
  | { type: 'not'; expr: FindExpr }
  | { type: 'and' | 'or'; left: FindExpr; right: FindExpr };

export interface FindError extends Span {
  message: string;
}

export type ParseResult = { ok: true; expr: FindExpr | undefined } | { ok: false; error: FindError };

/** What a node or an edge offers to expressions; absent fields make their predicates not apply. */
export interface Facts {
  text: Partial<Record<TextField, string>>;
  numbers: Partial<Record<NumberField, number>>;
  flags: Partial<Record<Flag, boolean>>;
}

type Token = Span &
  ({ t: '(' | ')' | 'and' | 'or' | 'not' | 'end' } | { t: 'pred'; expr: FindExpr });

class SyntaxErr extends Error {
  constructor(readonly error: FindError) {
    super(error.message);
  }
}
const fail = (message: string, start: number, end: number): never => {
  throw new SyntaxErr({ message, start, end: Math.max(end, start + 1) });
};

const isText = (f: string): f is TextField => (TEXT_FIELDS as readonly string[]).includes(f);
const isNumber = (f: string): f is NumberField => (NUMBER_FIELDS as readonly string[]).includes(f);
const isFlag = (f: string): f is Flag => (FLAGS as readonly string[]).includes(f);

function predicate(src: string, start: number): { token: Token; next: number } {
  const word = /^[A-Za-z%][A-Za-z0-9_%-]*/.exec(src.slice(start))?.[0] ?? '';
  const wEnd = start + word.length;
  const field = word.toLowerCase();
  let i = wEnd;
  while (src[i] === ' ') i++;
  const op = /^(!=|>=|<=|=|>|<)/.exec(src.slice(i))?.[0] as Op | undefined;
  if (!op) {
    if (isFlag(field)) return { token: { t: 'pred', start, end: wEnd, expr: { type: 'flag', flag: field, start, end: wEnd } }, next: wEnd };
    if (isText(field) || isNumber(field)) fail(`"${word}" needs a comparison, e.g. ${isText(field) ? `${field}=name` : `${field}>1`}`, start, wEnd);
    fail(`unknown word "${word}": expected a field (${[...TEXT_FIELDS, ...NUMBER_FIELDS].join(', ')}) or a flag (${FLAGS.join(', ')})`, start, wEnd);
  }
  if (!isText(field) && !isNumber(field)) fail(`unknown field "${word}" (fields: ${[...TEXT_FIELDS, ...NUMBER_FIELDS].join(', ')})`, start, wEnd);
  const opEnd = i + (op as string).length;
  let v = opEnd;
  while (src[v] === ' ') v++;
  const value = /^[^\s()&|]+/.exec(src.slice(v))?.[0] ?? '';
  if (!value) fail(`a value is expected after "${word}${op}"`, v, v + 1);
  const end = v + value.length;
  if (isText(field)) {
    if (op !== '=' && op !== '!=') fail(`"${field}" compares with = or != only`, i, opEnd);
    return { token: { t: 'pred', start, end, expr: { type: 'text', field, op: op as '=' | '!=', value, start, end } }, next: end };
  }
  const num = /^(\d+(?:\.\d+)?|\.\d+)(%|ms|rps)?$/.exec(value);
  if (!num) fail(`"${value}" is not a number`, v, end);
  return { token: { t: 'pred', start, end, expr: { type: 'number', field: field as NumberField, op: op as Op, value: Number(num?.[1]), start, end } }, next: end };
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ t: c, start: i, end: i + 1 });
      i++;
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ t: c === '&' ? 'and' : 'or', start: i, end: i + 2 });
      i += 2;
    } else if (c === '!' && src[i + 1] !== '=') {
      out.push({ t: 'not', start: i, end: i + 1 });
      i++;
    } else if (/[A-Za-z%]/.test(c)) {
      const word = (/^[A-Za-z]+/.exec(src.slice(i))?.[0] ?? '').toLowerCase();
      const after = src[i + word.length];
      if ((word === 'and' || word === 'or' || word === 'not') && (after === undefined || /[\s(!]/.test(after))) {
        out.push({ t: word, start: i, end: i + word.length });
        i += word.length;
        continue;
      }
      const { token, next } = predicate(src, i);
      out.push(token);
      i = next;
    } else {
      fail(`unexpected "${c}"`, i, i + 1);
    }
  }
  out.push({ t: 'end', start: src.length, end: src.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  private peek(): Token {
    return this.tokens[this.i] as Token;
  }
  parse(): FindExpr {
    const e = this.or();
    const t = this.peek();
    if (t.t === ')') fail('")" without a matching "("', t.start, t.end);
    if (t.t !== 'end') fail('expected AND or OR before this', t.start, t.end);
    return e;
  }
  private or(): FindExpr {
    let left = this.and();
    while (this.peek().t === 'or') {
      this.i++;
      left = { type: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): FindExpr {
    let left = this.unary();
    while (this.peek().t === 'and') {
      this.i++;
      left = { type: 'and', left, right: this.unary() };
    }
    return left;
  }
  private unary(): FindExpr {
    const t = this.peek();
    this.i++;
    if (t.t === 'not') return { type: 'not', expr: this.unary() };
    if (t.t === 'pred') return t.expr;
    if (t.t === '(') {
      const e = this.or();
      const close = this.peek();
      if (close.t !== ')') fail(close.t === 'end' ? 'missing ")"' : 'expected ")" here', close.start, close.end);
      this.i++;
      return e;
    }
    return fail(t.t === 'end' ? 'the expression ends early: a predicate is expected' : `expected a predicate, found "${t.t === ')' ? ')' : t.t.toUpperCase()}"`, t.start, t.end);
  }
}

/** Parses an expression; blank input is a valid empty expression (matches nothing, filters nothing). */
export function parseFind(src: string): ParseResult {
  if (!src.trim()) return { ok: true, expr: undefined };
  try {
    return { ok: true, expr: new Parser(tokenize(src)).parse() };
  } catch (e) {
    if (e instanceof SyntaxErr) return { ok: false, error: e.error };
    throw e;
  }
}

function glob(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

/** Kleene logic: true, false, or undefined when the expression does not apply to the subject. */
export function evaluate(expr: FindExpr, facts: Facts): boolean | undefined {
  switch (expr.type) {
    case 'text': {
      const v = facts.text[expr.field];
      if (v === undefined) return undefined;
      return glob(expr.value, v) === (expr.op === '=');
    }
    case 'number': {
      const v = facts.numbers[expr.field];
      return v === undefined ? undefined : compare(v, expr.op, expr.value);
    }
    case 'flag':
      return facts.flags[expr.flag];
    case 'not': {
      const v = evaluate(expr.expr, facts);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      const l = evaluate(expr.left, facts);
      if (l === false) return false;
      const r = evaluate(expr.right, facts);
      if (r === false) return false;
      return l === undefined || r === undefined ? undefined : true;
    }
    case 'or': {
      const l = evaluate(expr.left, facts);
      if (l === true) return true;
      const r = evaluate(expr.right, facts);
      if (r === true) return true;
      return l === undefined || r === undefined ? undefined : false;
    }
  }
}

export const matches = (expr: FindExpr | undefined, facts: Facts): boolean => (expr ? evaluate(expr, facts) === true : false);
