import 'server-only';
import Provider, { type OidcContext } from 'oidc-provider';
import { fileAdapter, type IdpStore } from './adapter';
import type { IdpKeys } from './keys';
import { errorPage, loggedOutPage, logoutPage } from './pages';
import { DEMO_USERS } from './users';

// The demo's OpenID Provider: oidc-provider (OpenID Certified) configured for the console.
// - client `meridian` (confidential, client_secret_basic): authorization code + PKCE (S256,
//   required), refresh tokens, redirect URIs `<console>/api/auth/callback`, post-logout redirect
//   URIs `<console>/`; scopes openid profile email groups offline_access.
// - ID tokens (RS256, one hour) carry sub, name, preferred_username, email, email_verified, groups:
//   the claims the demo clusters map to a Kubernetes user (preferred_username) and groups.
// - first-party client: consent is granted without asking (loadExistingGrant).
// - refresh tokens for any client allowed the refresh_token grant, with or without offline_access
//   (oidc-provider drops offline_access unless prompt=consent, which a first-party app never asks).

export const CONSOLE_CLIENT_ID = 'meridian';
export const SCOPES = ['openid', 'profile', 'email', 'groups', 'offline_access'];

export interface ConsoleClient {
  id: string;
  secret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface DemoProviderOptions {
  issuer: string;
  keys: IdpKeys;
  store: IdpStore;
  client: ConsoleClient;
  /** ID and access token lifetime (default 3600 s). */
  tokenTtlSeconds?: number;
}

const DAY = 24 * 60 * 60;

function account(sub: string) {
  const user = DEMO_USERS.find((u) => u.sub === sub);
  if (!user) return undefined;
  const claims = {
    sub: user.sub,
    name: user.displayName,
    preferred_username: user.name,
    email: user.email,
    email_verified: true,
    groups: user.groups,
  };
  return { accountId: user.sub, claims: () => claims };
}

async function autoGrant(ctx: OidcContext) {
  const { client, session, result, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const existing = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  if (existing) return provider.Grant.find(existing);
  const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
  grant.addOIDCScope(SCOPES.join(' '));
  await grant.save();
  return grant;
}

export function createDemoProvider(o: DemoProviderOptions): Provider {
  const ttl = o.tokenTtlSeconds ?? 3600;
  const provider = new Provider(o.issuer, {
    adapter: fileAdapter(o.store),
    clients: [
      {
        client_id: o.client.id,
        client_secret: o.client.secret,
        client_name: 'Meridian',
        redirect_uris: o.client.redirectUris,
        post_logout_redirect_uris: o.client.postLogoutRedirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: SCOPES.join(' '),
      },
    ],
    scopes: SCOPES,
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'], groups: ['groups'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, sub: string) => account(sub),
    loadExistingGrant: autoGrant,
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    jwks: { keys: [o.keys.signingKey] },
    cookies: { keys: o.keys.cookieKeys },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: OidcContext, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.host);
        },
        postLogoutSuccessSource: async (ctx: OidcContext) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(ctx.oidc.client?.clientName);
        },
      },
    },
    ttl: { AccessToken: ttl, IdToken: ttl, AuthorizationCode: 60, Interaction: 3600, RefreshToken: 14 * DAY, Session: 14 * DAY, Grant: 14 * DAY },
    clientBasedCORS: () => false,
    renderError: async (ctx: OidcContext, out: Record<string, unknown>) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  });
  return provider;
}
