// HTTP plumbing shared by every feature: error pages and JSON errors, 404, flash messages, route
// parameters, and forms shown again with their errors.
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import {
  AppError,
  NotFoundError,
  ServiceUnavailableError,
  isConnectionLost,
  isValueRefusal,
  type FieldErrors,
} from './errors.ts';
import { statementCounter } from './db.ts';
import { DEFAULT_LANG, translateFields, translator } from './i18n.ts';

/** The largest PostgreSQL integer: ids above it cannot exist. */
export const MAX_ID = 2_147_483_647;

/** Route ids that are not positive integers are simply pages that do not exist. */
export function routeId(value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_ID || String(n) !== String(value)) throw new NotFoundError();
  return n;
}

/** The signed-in person making the request, as services take them (null for anonymous). */
export const actorOf = (req: Request): Express.User | null => req.user ?? null;

/** The `:slug` route parameter. */
export const slugOf = (req: Request): string => String(req.params.slug);

/** The `:id` route parameter as an id (a 404 when it cannot be one). */
export const idOf = (req: Request): number => routeId(String(req.params.id));

export const isApiRequest = (req: Request): boolean => req.originalUrl.startsWith('/api/');

/**
 * Maps anything thrown to an AppError; a lost database connection is a 503 (the pool replaces the
 * connection, the next request works); unknown errors become a 500 that reveals nothing.
 */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isConnectionLost(err)) return new ServiceUnavailableError();
  const e = err as { code?: string; status?: number; statusCode?: number; type?: string };
  if (e?.code === 'EBADCSRFTOKEN') return new AppError(403, 'csrf', 'errors.csrf');
  // Too many form fields is too large a body too; a charset or compression we cannot read, a 415.
  if (e?.type === 'entity.too.large' || e?.type === 'parameters.too.many')
    return new AppError(413, 'too_large', 'errors.too_large');
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported')
    return new AppError(415, 'unsupported_media_type', 'errors.unsupported_media_type');
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'bad_json', 'errors.bad_json');
  if (isValueRefusal(err)) return new AppError(400, 'bad_value', 'errors.bad_value');
  const status = e?.status ?? e?.statusCode;
  if (status && status >= 400 && status < 500) return new AppError(status, 'bad_request', 'errors.bad_request');
  return new AppError(500, 'internal', 'errors.internal');
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    const appError = toAppError(err);
    if (appError.status === 503) log.warn({ err, url: req.originalUrl }, 'request failed: database unavailable');
    else if (appError.status >= 500) log.error({ err, url: req.originalUrl }, 'request failed');
    // A value the input checks let through to the database: the client's fault, but a gap to close.
    else if (appError.code === 'bad_value') log.warn({ err, url: req.originalUrl }, 'database refused a value');
    if (res.headersSent) return next(err);
    if (appError.status === 503) res.set('Retry-After', '5');
    const t = req.t ?? translator(DEFAULT_LANG);
    // An error before the language was chosen (the session could not be read): the page is Italian.
    res.locals.lang ??= DEFAULT_LANG;
    const message = t(appError.key) as string;
    const fields = translateFields(t, appError.fields);
    // API calls, and any request with a token (an API client fetching an attachment), get JSON.
    if (
      isApiRequest(req) ||
      req.get('authorization') ||
      (req.accepts(['html', 'json']) === 'json' && !req.accepts('html'))
    ) {
      res.status(appError.status).json({ error: { code: appError.code, message, ...(fields ? { fields } : {}) } });
      return;
    }
    if (appError.status === 401) {
      res.redirect(303, `/accedi?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.status(appError.status).render('errors/error', {
      title: t(`errors.title_${appError.status}`, { defaultValue: t('errors.title') }),
      status: appError.status,
      message,
    });
  };
}

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/** Queues a one-time message for the next page (only for people who already have a session). */
export function flash(
  req: Request,
  kind: 'success' | 'info' | 'warning' | 'danger',
  key: string,
  params?: Record<string, unknown>,
): void {
  if (!req.session) return;
  (req.session.flash ??= []).push({ kind, key, ...(params ? { params } : {}) });
}

/**
 * Shows queued messages on the next page actually rendered: a redirect on the way (a permalink
 * that sends on to its thread page) leaves them queued.
 */
export function takeFlash(req: Request, res: Response, next: NextFunction): void {
  // express-session saves at the end of the response but sends a redirect's headers first, so the
  // browser can ask for the next page before a message queued here is stored: save, then redirect.
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (req.session?.flash?.length) req.session.save(() => redirect(...args));
    else redirect(...args);
  }) as Response['redirect'];
  if (!req.session?.flash?.length) return next();
  const render = res.render.bind(res) as (...args: unknown[]) => void;
  res.render = ((...args: unknown[]) => {
    const messages = req.session?.flash;
    if (messages?.length) {
      res.locals.flash = messages.map((m) => ({ kind: m.kind, text: req.t(m.key, m.params ?? {}) }));
      delete req.session.flash;
    }
    render(...args);
  }) as Response['render'];
  next();
}

/** Re-renders a form after a failed submission: translated field messages, input kept except secrets. */
export function formState(req: Request, fields: FieldErrors | undefined, secret: string[] = ['password']) {
  const values = { ...(req.body ?? {}) } as Record<string, unknown>;
  for (const key of [...secret, '_csrf']) delete values[key];
  return { values, errors: translateFields(req.t, fields) ?? {}, hasErrors: Boolean(fields) };
}

/** True for a refusal of the input (400 by default, or one of the statuses listed). */
function isRefusal(err: unknown, statuses: readonly number[]): err is AppError {
  return err instanceof AppError && statuses.includes(err.status);
}

/**
 * A form post: `submit` does the work and answers (a redirect, usually). When the service refuses
 * the input (a 400, or another status listed), `showForm` renders the same form again with the
 * errors and what the person typed (see formState), answering with the refusal's status; anything
 * else goes on to the error pages.
 */
export function formPost(
  submit: (req: Request, res: Response) => Promise<unknown>,
  showForm: (req: Request, res: Response, err: AppError) => unknown,
  statuses: readonly number[] = [400],
): RequestHandler {
  return async (req, res) => {
    try {
      await submit(req, res);
    } catch (err) {
      if (!isRefusal(err, statuses)) throw err;
      await showForm(req, res, err);
    }
  };
}

/** The message of a refusal shown as a flash: its first field's, else its own. */
export const firstFieldMessage = (err: AppError): string => Object.values(err.fields ?? {})[0]?.key ?? err.key;

/**
 * A button's post that goes back to a page either way: a refusal of the input (a 400, or another
 * status listed) becomes a message on that page instead of an error page (by default the first
 * field's message, else the refusal's own).
 */
export async function flashRefusal(
  req: Request,
  action: () => Promise<unknown>,
  opts: { statuses?: readonly number[]; message?: (err: AppError) => string } = {},
): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (!isRefusal(err, opts.statuses ?? [400])) throw err;
    flash(req, 'danger', (opts.message ?? firstFieldMessage)(err));
  }
}

/** Parses a page number from the query string (1-based, bounded). */
export function pageParam(value: unknown, max = 10_000): number {
  const n = Number.parseInt(String(value ?? '1'), 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** The header that tells how many SQL statements a response cost (outside production). */
export const STATEMENTS_HEADER = 'x-sql-statements';

/**
 * Counts the SQL statements each request issues and reports them in the response's
 * `X-SQL-Statements` header, so the tests can hold every page to its query budget.
 */
export const countStatements: RequestHandler = (_req, res, next) => {
  const store = { statements: 0 };
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!this.headersSent) this.setHeader(STATEMENTS_HEADER, String(store.statements));
    return writeHead.apply(this, args);
  } as Response['writeHead'];
  statementCounter.run(store, next);
};
