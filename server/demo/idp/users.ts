// The people of the demo: users of the demo's OpenID Provider, with deterministic demo passwords
// (printed in the `npm run demo` banner) and the groups their ID tokens carry. The demo clusters
// know them by `preferred_username` and `groups` (see grants.ts for what each may do where).

export interface DemoUser {
  /** The login name, `preferred_username` in the ID token and the Kubernetes user name. */
  name: string;
  password: string;
  /** The ID token's `sub`: stable and opaque, as an IdP's subject identifier is. */
  sub: string;
  email: string;
  displayName: string;
  groups: string[];
}

export const DEMO_GROUPS = {
  bookinfoEditors: 'bookinfo-editors',
  meshViewers: 'mesh-viewers',
  meshAdmins: 'mesh-admins',
} as const;

export const DEMO_USERS: readonly DemoUser[] = [
  {
    name: 'alice',
    password: 'alice-demo',
    sub: '5d0c7a51-3f0e-4c8e-9b1a-a11ce0000001',
    email: 'alice@demo.meridian.dev',
    displayName: 'Alice Anders',
    groups: [DEMO_GROUPS.bookinfoEditors],
  },
  {
    name: 'bob',
    password: 'bob-demo',
    sub: '5d0c7a51-3f0e-4c8e-9b1a-b0b000000002',
    email: 'bob@demo.meridian.dev',
    displayName: 'Bob Berg',
    groups: [DEMO_GROUPS.meshViewers],
  },
  {
    name: 'carol',
    password: 'carol-demo',
    sub: '5d0c7a51-3f0e-4c8e-9b1a-ca4010000003',
    email: 'carol@demo.meridian.dev',
    displayName: 'Carol Castro',
    groups: [DEMO_GROUPS.meshAdmins],
  },
];

export function findDemoUser(name: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.name === name);
}
