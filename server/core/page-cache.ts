// The shared HTML cache of anonymous pages (as Discourse serves anonymous topic pages): a page that a
// visitor without a session and without a token receives is the same for every such visitor of the
// same address in the same language, so it is rendered once and served from memory until something
// changes. What counts as a change:
// - any durable domain event, in any process: the outbox table's trigger NOTIFYs `domain_events` on
//   commit and every process listens;
// - any successful write request (POST, PUT, PATCH, DELETE below 400) in this process, before its
//   response leaves, so the writer's next page is fresh even for writes that record no event;
// - time: an entry lives at most `ttlMs` (relative dates, "late" milestones, writes of other processes
//   that record no event).
// Never cached: a request with the session cookie or an Authorization header (signed-in people, and
// visitors whose session holds a form token or a message), a response that sets a cookie or says
// no-store/private, anything but a 200 text/html answer to a GET, a page rendered while a change
// happened (its generation moved on), and pages that opt out with `res.locals.noPageCache`.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import onHeaders from 'on-headers';
import type { Database } from '../../models/db.ts';
import { DEFAULT_LANG, isLang } from './i18n.ts';

type Entry = { body: Buffer; type: string; etag: string | undefined };

export type PageCacheOptions = {
  /** How long an entry may be served; 0 turns the cache off. */
  ttlMs: number;
  /** The most bytes of HTML kept (least recently used entries go first). */
  maxBytes: number;
  /** The session cookie's name: its presence means the page may be personal. */
  sessionCookie: string;
};

export type PageCache = {
  enabled: boolean;
  middleware: RequestHandler;
  /** Forgets every page (a change happened). */
  invalidate(): void;
  /** Listens for the domain events of every process. */
  start(database: Database): Promise<void>;
  stop(): Promise<void>;
  stats(): { entries: number; bytes: number; hits: number; misses: number; invalidations: number };
};

const MAX_KEY_LENGTH = 2048;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const DOMAIN_EVENTS_CHANNEL = 'domain_events';

export function createPageCache(opts: PageCacheOptions): PageCache {
  const enabled = opts.ttlMs > 0 && opts.maxBytes > 0;
  const cache = new LRUCache<string, Entry>({
    max: 10_000,
    maxSize: Math.max(1, opts.maxBytes),
    sizeCalculation: (entry, key) => entry.body.length + key.length,
    ttl: Math.max(1, opts.ttlMs),
  });
  let generation = 0;
  let hits = 0;
  let misses = 0;
  let unlisten: (() => Promise<void>) | undefined;

  function invalidate(): void {
    generation++;
    cache.clear();
  }

  function anonymous(req: Request): boolean {
    return !req.headers.authorization && !req.cookies?.[opts.sessionCookie];
  }

  function keyOf(req: Request): string | undefined {
    if (req.originalUrl.length > MAX_KEY_LENGTH) return undefined;
    const cookieLang: unknown = req.cookies?.lang;
    return `${isLang(cookieLang) ? cookieLang : DEFAULT_LANG} ${req.originalUrl}`;
  }

  function serve(req: Request, res: Response, entry: Entry): void {
    hits++;
    res.set('X-Page-Cache', 'hit');
    res.vary('Cookie');
    res.set('Content-Type', entry.type);
    if (entry.etag) res.set('ETag', entry.etag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.set('Content-Length', String(entry.body.length));
    res.end(req.method === 'HEAD' ? undefined : entry.body);
  }

  /** Keeps the page this response carries, if it may be shared, once it has been sent. */
  function capture(req: Request, res: Response, key: string): void {
    const renderedAt = generation;
    const chunks: Buffer[] = [];
    // A page written in pieces (streamed) is not kept: only what res.send or res.end gives whole.
    let streamed = false;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      streamed = true;
      return write(...args);
    }) as Response['write'];
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      const [chunk, encoding] = args;
      if (typeof chunk === 'string')
        chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (Buffer.isBuffer(chunk)) chunks.push(chunk);
      return end(...args);
    }) as Response['end'];
    res.on('finish', () => {
      if (streamed || renderedAt !== generation || res.statusCode !== 200 || res.locals.noPageCache) return;
      const type = String(res.getHeader('content-type') ?? '');
      const cacheControl = String(res.getHeader('cache-control') ?? '');
      if (!type.startsWith('text/html') || res.getHeader('set-cookie') || /no-store|private/.test(cacheControl)) return;
      const body = Buffer.concat(chunks);
      if (!body.length) return;
      const etag = res.getHeader('etag');
      cache.set(key, { body, type, etag: typeof etag === 'string' ? etag : undefined });
    });
  }

  function middleware(req: Request, res: Response, next: NextFunction): void {
    if (WRITE_METHODS.has(req.method)) {
      // Before the response leaves: the writer's next request already misses the old pages.
      onHeaders(res, () => {
        if (res.statusCode < 400) invalidate();
      });
      return next();
    }
    // The JSON API is never a page: its answers are neither looked up nor watched.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api/') || !anonymous(req))
      return next();
    const key = keyOf(req);
    if (!key) return next();
    const entry = cache.get(key);
    if (entry) return serve(req, res, entry);
    misses++;
    res.set('X-Page-Cache', 'miss');
    if (req.method === 'GET') capture(req, res, key);
    next();
  }

  return {
    enabled,
    middleware: enabled ? middleware : (_req, _res, next) => next(),
    invalidate,
    async start(database) {
      if (!enabled || unlisten) return;
      unlisten = await database.listen(DOMAIN_EVENTS_CHANNEL, invalidate);
    },
    async stop() {
      await unlisten?.();
      unlisten = undefined;
    },
    stats: () => ({ entries: cache.size, bytes: cache.calculatedSize, hits, misses, invalidations: generation }),
  };
}
