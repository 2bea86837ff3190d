// The input boundary: text PostgreSQL cannot store never reaches a feature. NUL characters are
// dropped from query strings and bodies (they mean nothing in text, and a pasted one should not cost
// anyone their post), lone surrogates become U+FFFD, and a path naming a NUL is simply not found.
import querystring from 'node:querystring';
import type { NextFunction, Request, Response } from 'express';
import { NotFoundError } from './errors.ts';

const MAX_DEPTH = 32;

/** Text without NUL characters and with every code point well formed. */
export function cleanText(text: string): string {
  const withoutNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return withoutNul.isWellFormed() ? withoutNul : withoutNul.toWellFormed();
}

/**
 * The same value with every string (keys included) cleaned. Deeper than any form nests, an object or
 * array is cut (it becomes null, which no schema takes for a field): left as it was, a NUL 40 levels
 * down reached a JSON column and PostgreSQL refused it (22P05), a 500. A "__proto__" key stays an ordinary own key, as JSON.parse makes it: copied by assignment it
 * would become the copy's prototype, and its fields would pass validation as inherited ones
 * (`{"__proto__":{"name":"x"}}` read as `{name:"x"}`, `{"__proto__":null}` an object without methods).
 */
export function cleanInput<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return null as T;
  if (Array.isArray(value)) return value.map((v) => cleanInput(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = cleanText(key);
    // Defined, not assigned: a "__proto__" key stays an ordinary own key, as JSON.parse made it.
    Object.defineProperty(out, name, {
      value: cleanInput(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}

/** Express's "query parser": the usual flat parse, cleaned. */
export const parseQuery = (text: string): Record<string, unknown> => cleanInput({ ...querystring.parse(text) });

/** A path that names a NUL (raw or %-encoded) matches nothing we serve. */
export function rejectNulPaths(req: Request, _res: Response, next: NextFunction): void {
  const path = req.path;
  if (path.includes('\u0000') || /%00/i.test(path)) return next(new NotFoundError());
  next();
}

/** Cleans parsed bodies (form, JSON, and multipart fields once parsed). */
export function cleanBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.body && typeof req.body === 'object') req.body = cleanInput(req.body);
  next();
}
