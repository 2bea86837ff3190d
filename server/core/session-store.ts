// An express-session store on our own database (PGlite or PostgreSQL), so sessions survive a
// restart and are shared by every app process.
import session from 'express-session';
import type { Database } from '../../models/db.ts';
import * as q from '../../models/queries/sessions.ts';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** Sessions read and not yet touched, remembered at most this many at once (requests in flight). */
const REMEMBERED = 10_000;

export class DbSessionStore extends session.Store {
  readonly #database: Database;
  /** The expiry each session had when this request read it: a touch within the hour writes nothing. */
  readonly #readExpiry = new Map<string, number>();
  #pruneTimer: NodeJS.Timeout | undefined;

  constructor(database: Database, opts: { pruneEveryMs?: number } = {}) {
    super();
    this.#database = database;
    if (opts.pruneEveryMs) {
      this.#pruneTimer = setInterval(
        () => void q.deleteExpiredSessions(database.db).catch(() => {}),
        opts.pruneEveryMs,
      );
      this.#pruneTimer.unref();
    }
  }

  stop(): void {
    clearInterval(this.#pruneTimer);
  }

  #expiry(sess: session.SessionData): Date {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + DAY);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    q.readSession(this.#database.db, sid).then(
      (row) => {
        if (row) {
          if (this.#readExpiry.size >= REMEMBERED) this.#readExpiry.clear();
          this.#readExpiry.set(sid, row.expiresAt.getTime());
        }
        cb(null, (row?.sess as session.SessionData | undefined) ?? null);
      },
      (err) => cb(err),
    );
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.#readExpiry.delete(sid);
    const userId = sess.passport?.user ?? null;
    q.writeSession(this.#database.db, sid, sess, userId, this.#expiry(sess)).then(
      () => cb?.(),
      (err) => cb?.(err),
    );
  }

  override touch(sid: string, sess: session.SessionData, cb?: () => void): void {
    const expiry = this.#expiry(sess);
    const read = this.#readExpiry.get(sid);
    this.#readExpiry.delete(sid);
    // The same rule as touchSession's own condition, known without asking the database.
    if (read !== undefined && read >= expiry.getTime() - HOUR) return void cb?.();
    q.touchSession(this.#database.db, sid, expiry).then(
      () => cb?.(),
      () => cb?.(),
    );
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.#readExpiry.delete(sid);
    q.deleteSession(this.#database.db, sid).then(
      () => cb?.(),
      (err) => cb?.(err),
    );
  }
}
