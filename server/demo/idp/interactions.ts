import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errorPage, loginPage } from './pages';
import { SCOPES } from './provider';
import { DEMO_USERS, findDemoUser } from './users';

// The interaction routes oidc-provider sends a browser to (interactions.url is /interaction/<uid>):
//   GET  /interaction/<uid>         the sign-in form (or, for a consent prompt, consent granted at once)
//   POST /interaction/<uid>/login   username + password (form-encoded); a wrong pair shows the form again
//   POST /interaction/<uid>/abort   access_denied back to the client
// oidc-provider ties each interaction to its cookie, so a form works only in the browser that began it.

const MAX_FORM_BYTES = 16 * 1024;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw Object.assign(new Error('form too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendHtml(res: ServerResponse, code: number, html: string): void {
  res.writeHead(code, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
}

const clientName = (clientId: unknown) => (clientId === 'meridian' ? 'Meridian' : String(clientId ?? 'an application'));
const hintUsers = DEMO_USERS.map(({ name, password, groups }) => ({ name, password, groups }));

/** Handles an /interaction/... request; returns false when the path is not one of them. */
export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const match = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(new URL(req.url ?? '/', 'http://idp').pathname);
  if (!match) return false;
  const action = match[2];
  try {
    const details = await provider.interactionDetails(req, res);
    const name = clientName(details.params.client_id);
    if (req.method === 'GET' && !action) {
      if (details.prompt.name === 'login') {
        sendHtml(res, 200, loginPage({ uid: details.uid, clientName: name, users: hintUsers }));
        return true;
      }
      // A consent prompt (a grant that lacks a scope): every demo client is first-party.
      const accountId = details.session?.accountId ?? '';
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) throw Object.assign(new Error('grant not found'), { status: 400 });
      grant.addOIDCScope(SCOPES.join(' '));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
      return true;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const username = form.get('username')?.trim() ?? '';
      const user = findDemoUser(username);
      if (!user || !sameSecret(form.get('password') ?? '', user.password)) {
        sendHtml(res, 200, loginPage({ uid: details.uid, clientName: name, username, error: 'Invalid username or password.', users: hintUsers }));
        return true;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
      return true;
    }
    if (req.method === 'POST' && action === 'abort') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
      return true;
    }
    sendHtml(res, 405, errorPage({ error: 'method_not_allowed', error_description: `${req.method} ${match[0]}` }));
  } catch (err) {
    const e = err as { status?: number; name?: string; message?: string; error_description?: string };
    sendHtml(res, e.status && e.status >= 400 && e.status < 500 ? e.status : 400, errorPage({ error: e.name ?? 'error', error_description: e.error_description ?? e.message ?? String(err) }));
  }
  return true;
}
