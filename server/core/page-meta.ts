// What every page's <head> says about it to search engines and link previews: the canonical URL
// (PUBLIC_URL plus the path, and the page number of a list), the site's address for absolute links,
// and the Open Graph locale. A route adds `meta: { description, type, robots }` to its render
// locals to say more; views/layouts/main.hbs falls back to the site's tagline and "website".
import type { NextFunction, Request, Response } from 'express';

const OG_LOCALES = { it: 'it_IT', en: 'en_GB' } as const;

/** PUBLIC_URL + path (+ ?page=N beyond the first page): one address per page, whatever else the query says. */
export function canonicalUrl(publicUrl: string, req: Pick<Request, 'path' | 'query'>): string {
  const page = Number.parseInt(String(req.query.page ?? ''), 10);
  return `${publicUrl}${req.path}${Number.isInteger(page) && page > 1 ? `?page=${page}` : ''}`;
}

export function pageMeta(publicUrl: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.locals.publicUrl = publicUrl;
    res.locals.canonicalUrl = canonicalUrl(publicUrl, req);
    res.locals.ogLocale = OG_LOCALES[req.lang] ?? OG_LOCALES.it;
    next();
  };
}
