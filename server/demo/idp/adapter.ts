import 'server-only';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// oidc-provider's storage (sessions, grants, codes, refresh tokens, interactions) in memory, saved
// to <state-dir>/idp/store.json shortly after each change and on close, so that a demo restart
// keeps people signed in and their refresh tokens valid. The data is small (a few demo users), so
// lookups by uid or grant scan the entries.

type Payload = Record<string, unknown> & { uid?: string; userCode?: string; grantId?: string; consumed?: number };

interface Entry {
  payload: Payload;
  /** Epoch ms; undefined: no expiry. */
  expiresAt?: number;
}

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export class IdpStore {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const now = Date.now();
    for (const [key, entry] of Object.entries(JSON.parse(text) as Record<string, Entry>)) {
      if (entry.expiresAt === undefined || entry.expiresAt > now) this.entries.set(key, entry);
    }
  }

  get(key: string): Payload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: Payload, expiresInSeconds: number | undefined): void {
    this.entries.set(key, { payload, ...(expiresInSeconds !== undefined ? { expiresAt: Date.now() + expiresInSeconds * 1000 } : {}) });
    this.changed();
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.changed();
  }

  /** The keys of `model` whose payload satisfies `match`. */
  keysWhere(model: string, match: (p: Payload) => boolean): string[] {
    return [...this.entries.keys()].filter((k) => k.startsWith(`${model}:`) && this.get(k) !== undefined && match(this.entries.get(k)!.payload));
  }

  changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), 200);
  }

  private save(): Promise<void> {
    this.timer = undefined;
    const text = JSON.stringify(Object.fromEntries(this.entries));
    this.saving = this.saving.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(`${this.file}.tmp`, text, { mode: 0o600 });
      await rename(`${this.file}.tmp`, this.file);
    }).catch((err: unknown) => console.error('[demo idp] saving the IdP store failed:', err));
    return this.saving;
  }

  async close(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      await this.save();
    }
    await this.saving;
  }
}

/** The adapter factory oidc-provider calls once per model name. */
export function fileAdapter(store: IdpStore) {
  return (model: string) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id: string, payload: Payload, expiresIn?: number) {
        store.set(key(id), payload, expiresIn);
      },
      async find(id: string) {
        return store.get(key(id));
      },
      async findByUid(uid: string) {
        const [k] = store.keysWhere(model, (p) => p.uid === uid);
        return k ? store.get(k) : undefined;
      },
      async findByUserCode(userCode: string) {
        const [k] = store.keysWhere(model, (p) => p.userCode === userCode);
        return k ? store.get(k) : undefined;
      },
      async consume(id: string) {
        const payload = store.get(key(id));
        if (payload) {
          payload.consumed = Math.floor(Date.now() / 1000);
          store.changed();
        }
      },
      async destroy(id: string) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId: string) {
        for (const m of GRANTABLE) for (const k of store.keysWhere(m, (p) => p.grantId === grantId)) store.delete(k);
      },
    };
  };
}
