import 'server-only';

// The IdP's HTML pages: sign-in, sign-out confirmation, signed-out, error. Self-contained (no
// fonts or scripts from elsewhere: the demo runs offline); the sign-in form has labelled
// `username` and `password` fields and a "Sign in" button, for people and browser tests alike.

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f0f0f0;margin:0;padding:48px 16px;color:#151515}
main{max-width:360px;margin:0 auto;background:#fff;border-radius:8px;padding:24px 32px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.4rem;font-weight:500;margin:0 0 4px}p.sub{color:#6a6e73;margin:0 0 20px}
label{display:block;font-weight:500;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:8px;font-size:1rem;border:1px solid #8a8d90;border-radius:4px}
button{margin-top:20px;width:100%;padding:10px;font-size:1rem;border:0;border-radius:4px;background:#0066cc;color:#fff;cursor:pointer}
button.secondary{background:none;color:#0066cc;margin-top:8px}.error{color:#c9190b;margin:12px 0 0}
table{border-collapse:collapse;margin-top:16px;font-size:.9rem}td{padding:2px 8px 2px 0}code{font-size:.9rem}`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface LoginPageOptions {
  uid: string;
  clientName: string;
  username?: string;
  error?: string;
  users: { name: string; password: string; groups: string[] }[];
}

export function loginPage(o: LoginPageOptions): string {
  const hint = o.users.map((u) => `<tr><td><code>${escapeHtml(u.name)}</code></td><td><code>${escapeHtml(u.password)}</code></td><td>${escapeHtml(u.groups.join(', '))}</td></tr>`).join('');
  return page(
    'Sign in · Meridian demo IdP',
    `<h1>Sign in</h1><p class="sub">to ${escapeHtml(o.clientName)} with the Meridian demo identity provider</p>
<form method="post" action="/interaction/${encodeURIComponent(o.uid)}/login" autocomplete="off">
<label for="username">Username</label><input id="username" name="username" value="${escapeHtml(o.username ?? '')}" autofocus required>
<label for="password">Password</label><input id="password" name="password" type="password" required>
${o.error ? `<p class="error" role="alert">${escapeHtml(o.error)}</p>` : ''}
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${encodeURIComponent(o.uid)}/abort"><button class="secondary" type="submit">Cancel</button></form>
<table aria-label="Demo users"><tr><th align="left">user</th><th align="left">password</th><th align="left">groups</th></tr>${hint}</table>`,
  );
}

/** RP-initiated logout: `form` is oidc-provider's hidden form (id op.logoutForm with its xsrf token). */
export function logoutPage(form: string, host: string): string {
  return page(
    'Sign out · Meridian demo IdP',
    `<h1>Sign out</h1><p class="sub">Sign out of ${escapeHtml(host)}?</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button class="secondary" type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}

export function loggedOutPage(clientName: string | undefined): string {
  return page('Signed out · Meridian demo IdP', `<h1>Signed out</h1><p class="sub">You signed out${clientName ? ` of ${escapeHtml(clientName)}` : ''}.</p>`);
}

export function errorPage(fields: Record<string, unknown>): string {
  const rows = Object.entries(fields).map(([k, v]) => `<tr><td><strong>${escapeHtml(k)}</strong></td><td>${escapeHtml(v)}</td></tr>`).join('');
  return page('Error · Meridian demo IdP', `<h1>Something went wrong</h1><table>${rows}</table>`);
}
