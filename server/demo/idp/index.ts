import 'server-only';

// The demo's OpenID Provider (oidc-provider) and its users; grants.ts seeds what they may do in
// each demo cluster. See server/demo/README.md.
export { createIdpServer, consoleClient, demoUsersForState, type IdpServer, type IdpServerOptions } from './server';
export { CONSOLE_CLIENT_ID, SCOPES } from './provider';
export { DEMO_USERS, DEMO_GROUPS, findDemoUser, type DemoUser } from './users';
export { demoGrants, seedDemoGrants, BOOKINFO_EDIT_CLUSTERS } from './grants';
