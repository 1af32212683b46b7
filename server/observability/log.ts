import 'server-only';

/**
 * The console's own log lines: one JSON object per line, `{time, level, msg, ...fields}`, on stdout
 * (warn and error on stderr), so that a log collector parses them without patterns. An Error among
 * the fields becomes its message and stack. (The production entry, scripts/production-server.mjs,
 * turns the console output of Next and of libraries into the same shape.)
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

function plain(value: unknown): unknown {
  if (value instanceof Error) return { message: value.message, ...(value.stack ? { stack: value.stack } : {}) };
  return value;
}

/** The JSON line of one entry (without the newline). Fields never overwrite time, level or msg. */
export function formatLogLine(level: LogLevel, msg: string, fields: LogFields = {}, now = new Date()): string {
  const entry: Record<string, unknown> = { time: now.toISOString(), level, msg };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && !(k in entry)) entry[k] = plain(v);
  return JSON.stringify(entry);
}

function write(level: LogLevel, msg: string, fields?: LogFields): void {
  const stream = level === 'warn' || level === 'error' ? process.stderr : process.stdout;
  stream.write(`${formatLogLine(level, msg, fields)}\n`);
}

export const log = {
  debug: (msg: string, fields?: LogFields) => write('debug', msg, fields),
  info: (msg: string, fields?: LogFields) => write('info', msg, fields),
  warn: (msg: string, fields?: LogFields) => write('warn', msg, fields),
  error: (msg: string, fields?: LogFields) => write('error', msg, fields),
};
