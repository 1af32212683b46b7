/** "42 s", "5 min", "3 h", "2 d" since/until an ISO time. */
export function formatAge(iso: string, now = Date.now()): string {
  const ms = Math.abs(now - Date.parse(iso));
  if (!Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

export const SEVERITY_COLOR = { critical: 'red', warning: 'orange', info: 'blue' } as const;
export const STATE_COLOR = { firing: 'red', pending: 'yellow', silenced: 'grey' } as const;
