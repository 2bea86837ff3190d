// The platform's signing keys: P-256 (ES256) JWK files in CREDENTIALS_KEY_DIR, outside the database.
// Files are numbered (key-0001.json, key-0002.json…) and never change once written: the highest
// number signs, every one stays published in the JWK set so credentials signed before a rotation
// still verify. A file is written whole under a temporary name and then hard-linked to its final
// name, which fails if the name exists: two processes starting together (or rotating together)
// cannot both claim key-0001.json, and nobody ever reads a half-written key. On a filesystem without
// hard links (EPERM, ENOTSUP: some network and FAT-like mounts) the final name is created exclusively
// instead ('wx') and written there: still one claim per name, but a reader racing the writer could
// find it incomplete, and says which file it could not read.
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export const ALG = 'ES256';
const FILE = /^key-(\d{4,})\.json$/;
const fileName = (n: number) => `key-${String(n).padStart(4, '0')}.json`;

export type SigningKey = {
  kid: string;
  number: number;
  createdAt: string;
  privateKey: CryptoKey;
  /** What /.well-known/jwks.json publishes: the public coordinates only. */
  publicJwk: JWK;
};

type StoredKey = { kid: string; alg: typeof ALG; createdAt: string; jwk: JWK };

/** The file operations a store needs that a filesystem may lack (tests stand in for one without hard links). */
export type KeyFs = { link: (existing: string, name: string) => Promise<void> };
/** Filesystems that cannot make hard links answer so. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP']);

/** A key file that is not a key the store wrote: named, with what is wrong, never a bare JSON error. */
export class KeyFileError extends Error {}

export class KeyStore {
  readonly dir: string;
  readonly #fs: KeyFs;
  /** Key files never change, so each is parsed once per process. */
  #parsed = new Map<string, Promise<SigningKey>>();

  constructor(dir: string, fs: KeyFs = { link }) {
    this.dir = dir;
    this.#fs = fs;
  }

  /** Every key, oldest first (none yet: an empty list). */
  async all(): Promise<SigningKey[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const numbered = names
      .map((name) => ({ name, n: Number(FILE.exec(name)?.[1] ?? NaN) }))
      .filter((f) => Number.isInteger(f.n))
      .sort((a, b) => a.n - b.n);
    return Promise.all(numbered.map((f) => this.#load(f.name, f.n)));
  }

  /** The key that signs now, made on first use. */
  async active(): Promise<SigningKey> {
    let keys = await this.all();
    if (!keys.length) {
      await this.#claim(1);
      keys = await this.all();
    }
    return keys[keys.length - 1]!;
  }

  /** Makes a new signing key; the earlier ones stay published for what they signed. */
  async rotate(): Promise<SigningKey> {
    for (;;) {
      const keys = await this.all();
      const next = (keys[keys.length - 1]?.number ?? 0) + 1;
      if (await this.#claim(next)) return (await this.all()).find((k) => k.number === next)!;
      // Another process took that number meanwhile: theirs is a key like ours, take the next one.
    }
  }

  /** The public JWK set, every key (the newest last). */
  async jwks(): Promise<{ keys: JWK[] }> {
    if (!(await this.all()).length) await this.active();
    return { keys: (await this.all()).map((k) => k.publicJwk) };
  }

  #load(name: string, n: number): Promise<SigningKey> {
    let parsed = this.#parsed.get(name);
    if (!parsed) {
      const file = path.join(this.dir, name);
      parsed = readFile(file, 'utf8').then(async (text) => {
        try {
          const stored = JSON.parse(text) as StoredKey;
          if (typeof stored?.kid !== 'string' || !stored.kid || typeof stored.jwk?.d !== 'string')
            throw new Error('no "kid" or no private key "jwk"');
          return {
            kid: stored.kid,
            number: n,
            createdAt: stored.createdAt,
            privateKey: (await importJWK(stored.jwk, ALG)) as CryptoKey,
            publicJwk: publicPart(stored.jwk, stored.kid),
          };
        } catch (err) {
          throw new KeyFileError(
            `${file}: not a signing key written by Rete SPI (${(err as Error).message}); ` +
              'restore it from the backup of CREDENTIALS_KEY_DIR — removing it would make the credentials it signed unverifiable',
            { cause: err },
          );
        }
      });
      parsed.catch(() => this.#parsed.delete(name));
      this.#parsed.set(name, parsed);
    }
    return parsed;
  }

  /** Writes a new key as key-<n>.json unless that file exists; true when this call made it. */
  async #claim(n: number): Promise<boolean> {
    await makeDir(this.dir);
    await chmod(this.dir, 0o700).catch(() => undefined); // a folder someone else made stays theirs
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    const stored: StoredKey = { kid, alg: ALG, createdAt: new Date().toISOString(), jwk: { ...jwk, kid, alg: ALG } };
    const temp = path.join(this.dir, `.tmp-${process.pid}-${randomUUID()}`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(stored, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const final = path.join(this.dir, fileName(n));
    try {
      await chmod(temp, 0o600); // whatever the umask said
      await this.#fs.link(temp, final);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') return false;
      if (NO_HARD_LINKS.has(code)) return writeExclusive(final, stored);
      throw err;
    } finally {
      await rm(temp, { force: true });
    }
  }
}

/**
 * mkdir -p, 0700, that gives up: Node's `mkdir(…, {recursive: true})` never settles where making a
 * folder answers ENOENT although its parent exists (under /proc, say), and a start would hang on it.
 */
async function makeDir(dir: string, depth = 0): Promise<void> {
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir || depth > 100) throw err;
    await makeDir(parent, depth + 1);
    // Once: the parent is there now, so ENOENT again is this filesystem's answer, not a missing parent.
    await mkdir(dir, { mode: 0o700 }).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

/** Creates `file` only if it does not exist, and writes the key into it; false when it existed. */
async function writeExclusive(file: string, stored: StoredKey): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(`${JSON.stringify(stored, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Whether the store can sign: its active key made or read, then every key read, within `timeoutMs`
 * (a hung network mount must not hang the start). Throws an error naming CREDENTIALS_KEY_DIR and
 * the system's reason, for a start that stops there rather than a platform that cannot issue.
 */
export async function checkKeyStore(
  store: Pick<KeyStore, 'dir' | 'active' | 'all'>,
  timeoutMs = 10_000,
): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        await store.active();
        return (await store.all()).length;
      })(),
      timeout,
    ]);
  } catch (err) {
    const reason = err instanceof KeyFileError ? err.message : `${store.dir}: ${(err as Error).message}`;
    throw new Error(
      `CREDENTIALS_KEY_DIR: le chiavi di firma delle credenziali non si possono leggere o creare / ` +
        `the credential signing keys cannot be read or made — ${reason}`,
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** A JWK's public coordinates with its id and use, nothing private. */
function publicPart(jwk: JWK, kid: string): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: ALG, use: 'sig' };
}

const stores = new Map<string, KeyStore>();
/** One store per key folder and process. */
export function keyStoreFor(dir: string): KeyStore {
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = new KeyStore(dir)));
  return store;
}
