// CORS for the JSON API (/api/v1 only): browser scripts of the origins named by API_CORS_ORIGINS
// may call it with a bearer token. No cookies cross (no Access-Control-Allow-Credentials): a page
// of another site never acts with a visitor's session. Preflights are answered here, before the
// session, CSRF and rate limits; a refused origin gets no CORS headers (the browser then blocks).
import type { RequestHandler } from 'express';

export const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE';
export const CORS_HEADERS = 'Authorization, Content-Type';
/** How long a browser may keep a preflight's answer (seconds). */
export const CORS_MAX_AGE = 600;

export function apiCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    if (!allowed.size) return next();
    // Answers differ by Origin, so caches must keep them apart.
    res.vary('Origin');
    const origin = req.get('origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (ok) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Expose-Headers', 'Location, Retry-After, RateLimit, RateLimit-Policy');
    }
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res.vary('Access-Control-Request-Method').vary('Access-Control-Request-Headers');
      if (ok) {
        res.set('Access-Control-Allow-Methods', CORS_METHODS);
        res.set('Access-Control-Allow-Headers', CORS_HEADERS);
        res.set('Access-Control-Max-Age', String(CORS_MAX_AGE));
      }
      res.status(204).end();
      return;
    }
    next();
  };
}
