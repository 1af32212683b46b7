import 'server-only';

/**
 * Same-origin check of a mutation: when the browser says where the request comes from (Origin, or
 * else Referer), its host must be the console's own host (the request's Host header, or the
 * X-Forwarded-Host a proxy in front of the console sets). Returns:
 *   'same'   Origin/Referer present and ours
 *   'cross'  present and not ours (including Origin "null")
 *   'absent' neither header (non-browser clients; the CSRF token still has to be valid)
 */
export type OriginVerdict = 'same' | 'cross' | 'absent';

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>();
  const host = req.headers.get('host');
  if (host) hosts.add(host.toLowerCase());
  const forwarded = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (forwarded) hosts.add(forwarded.toLowerCase());
  if (hosts.size === 0) {
    const fromUrl = hostOf(req.url);
    if (fromUrl) hosts.add(fromUrl);
  }
  return hosts;
}

export function originVerdict(req: Request): OriginVerdict {
  const origin = req.headers.get('origin');
  const referer = req.headers.get('referer');
  const claimed = origin ?? referer;
  if (claimed === null) return 'absent';
  const host = hostOf(claimed);
  return host && ownHosts(req).has(host) ? 'same' : 'cross';
}
