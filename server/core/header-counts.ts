// The counts in a signed-in page's header (unread notifications, unread private messages). Each
// feature registers its count as a subquery; they are read in the same statement as the person the
// session names (core/auth.ts), so a signed-in page pays one query for who and what is new, not three.
import type { NextFunction, Request, Response } from 'express';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './db.ts';

/** A count for the header: a query of one row and one integer column, for the person given. */
export type HeaderCount = (db: Db, userId: number) => SQLWrapper;

const registry = new Map<string, HeaderCount>();

/** Registers the count shown in templates as `res.locals[local]` on every signed-in page. */
export function registerHeaderCount(local: string, count: HeaderCount): void {
  registry.set(local, count);
}

/** The registered counts as columns of a select, named by their `res.locals` key. */
export function headerCountColumns(db: Db, userId: number): Record<string, SQL<number>> {
  return Object.fromEntries(
    [...registry].map(([local, count]) => [local, sql<number>`coalesce((${count(db, userId)}), 0)::int`]),
  );
}

const counted = new WeakMap<Express.User, Record<string, number>>();

/** Keeps the counts read with the session's person, for `headerCounts` to put in the page. */
export function rememberHeaderCounts(user: Express.User, counts: Record<string, number>): void {
  counted.set(user, counts);
}

/** Whether a request is a page a browser shows (so its header needs the counts). */
export function isPageRequest(req: Request): boolean {
  // A live connection's handshake is a bare Node request: it may have no originalUrl.
  const url = req.originalUrl ?? req.url ?? '';
  return (req.method === 'GET' || req.method === 'HEAD') && !url.startsWith('/api/') && !url.startsWith('/socket.io');
}

/** Puts the header's counts in `res.locals` for signed-in pages (read afresh if the session did not). */
export function headerCounts(db: Db) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!req.user || !isPageRequest(req) || req.apiTokenId) return next();
    let counts = counted.get(req.user);
    if (!counts && registry.size) {
      const columns = headerCountColumns(db, req.user.id);
      const names = Object.keys(columns);
      const result = (await db.execute(
        sql`SELECT ${sql.join(
          names.map((name) => sql`${columns[name]} AS ${sql.identifier(name)}`),
          sql`, `,
        )}`,
      )) as unknown as { rows: Record<string, number>[] };
      counts = result.rows[0] ?? {};
    }
    Object.assign(res.locals, counts);
    next();
  };
}
