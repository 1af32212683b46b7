import 'server-only';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type Provider from 'oidc-provider';
import { IdpStore } from './adapter';
import { handleInteraction } from './interactions';
import { loadOrCreateKeys, type IdpKeys } from './keys';
import { CONSOLE_CLIENT_ID, createDemoProvider, type ConsoleClient } from './provider';
import { DEMO_USERS } from './users';

// The demo IdP on its own loopback port: issuer http://127.0.0.1:<port> (plain http is fine on
// loopback for the demo), oidc-provider's endpoints (discovery at /.well-known/openid-configuration,
// /jwks, /auth, /token, /me, /session/end, /token/revocation) and the sign-in pages. State (keys,
// sessions, refresh tokens) lives in <state-dir>/idp/.

export interface IdpServerOptions {
  stateDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Base URLs of the console, e.g. http://127.0.0.1:3000: its redirect URIs derive from them. */
  consoleUrls: string[];
  tokenTtlSeconds?: number;
}

export interface IdpServer {
  /** http://127.0.0.1:<port>; known after start(). */
  readonly issuer: string;
  readonly client: ConsoleClient;
  /** The signing key (private JWK), for tests that must mint a token the IdP would not (e.g. expired). */
  readonly keys: IdpKeys;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function consoleClient(consoleUrls: string[], secret: string): ConsoleClient {
  const bases = consoleUrls.map((u) => u.replace(/\/+$/, ''));
  return {
    id: CONSOLE_CLIENT_ID,
    secret,
    redirectUris: bases.map((b) => `${b}/api/auth/callback`),
    postLogoutRedirectUris: bases.map((b) => `${b}/`),
  };
}

export async function createIdpServer(options: IdpServerOptions): Promise<IdpServer> {
  const host = options.host ?? '127.0.0.1';
  const keys = await loadOrCreateKeys(options.stateDir);
  const store = new IdpStore(join(options.stateDir, 'idp', 'store.json'));
  await store.load();
  const client = consoleClient(options.consoleUrls, keys.clientSecret);
  let provider: Provider | undefined;
  let callback: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  let issuer = '';
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    if (!provider || !callback) return void res.writeHead(503).end();
    const p = provider;
    const cb = callback;
    void handleInteraction(p, req, res).then((handled) => handled || cb(req, res));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    get issuer() {
      return issuer;
    },
    client,
    keys,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : options.port;
      issuer = `http://${host}:${port}`;
      provider = createDemoProvider({ issuer, keys, store, client, ...(options.tokenTtlSeconds ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}) });
      provider.on('server_error', (_ctx, err) => console.error('[demo idp] server error:', err));
      callback = provider.callback();
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      await store.close();
    },
  };
}

/** The users as the demo's state file lists them (name, password, groups). */
export function demoUsersForState() {
  return DEMO_USERS.map(({ name, password, email, groups }) => ({ name, password, email, groups }));
}
