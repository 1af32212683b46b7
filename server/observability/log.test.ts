import { describe, expect, it } from 'vitest';
import { formatLogLine } from './log';

describe('formatLogLine', () => {
  const now = new Date('2026-12-04T10:00:00.000Z');

  it('writes one JSON object with time, level, msg first, then the fields', () => {
    const line = formatLogLine('info', 'configuration loaded', { clusters: ['us-east', 'eu-west'], readOnly: false }, now);
    expect(line).not.toContain('\n');
    expect(Object.keys(JSON.parse(line))).toEqual(['time', 'level', 'msg', 'clusters', 'readOnly']);
    expect(JSON.parse(line)).toEqual({ time: '2026-12-04T10:00:00.000Z', level: 'info', msg: 'configuration loaded', clusters: ['us-east', 'eu-west'], readOnly: false });
  });

  it('turns an Error into its message and stack, drops undefined fields, and never lets a field replace time, level or msg', () => {
    const o = JSON.parse(formatLogLine('error', 'alert refresh failed', { err: new Error('boom\nsecond line'), gone: undefined, level: 'debug', msg: 'x' }, now));
    expect(o.level).toBe('error');
    expect(o.msg).toBe('alert refresh failed');
    expect(o.err.message).toBe('boom\nsecond line');
    expect(o.err.stack).toMatch(/^Error: boom/);
    expect('gone' in o).toBe(false);
  });
});
