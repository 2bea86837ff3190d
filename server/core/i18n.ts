// Italian first, English second. The language is Italian unless the person chose otherwise: ?lang=,
// then the `lang` cookie set by the language switch, then the signed-in person's preference.
// Templates translate through the `t` helper.
import i18next, { type TFunction } from 'i18next';
import type { NextFunction, Request, Response } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FieldErrors } from './errors.ts';

export const LANGUAGES = ['it', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'it';

export const LOCALES_DIR = path.join(import.meta.dirname, '..', 'locales');

type Catalogue = { [key: string]: string | Catalogue };

function merge(into: Catalogue, from: Catalogue, file: string, prefix = ''): Catalogue {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (typeof value === 'object' && typeof existing === 'object') merge(existing, value, file, `${prefix}${key}.`);
    else if (existing !== undefined) throw new Error(`${file}: translation key ${prefix}${key} is defined twice`);
    else into[key] = value;
  }
  return into;
}

/** One catalogue per language, merged from server/locales/<lang>/*.json (one file per feature). */
export function loadCatalogue(lang: string): Catalogue {
  const dir = path.join(LOCALES_DIR, lang);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .reduce<Catalogue>((all, f) => merge(all, JSON.parse(readFileSync(path.join(dir, f), 'utf8')), `${lang}/${f}`), {});
}

const instance = i18next.createInstance();
void instance.init({
  resources: { it: { translation: loadCatalogue('it') }, en: { translation: loadCatalogue('en') } },
  lng: DEFAULT_LANG,
  fallbackLng: DEFAULT_LANG,
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

const fixed = new Map<Lang, TFunction>();
export function translator(lang: Lang): TFunction {
  let t = fixed.get(lang);
  if (!t) fixed.set(lang, (t = instance.getFixedT(lang)));
  return t;
}

/** True when a key exists in the catalogue (used by tests that check templates for stray keys). */
export function hasKey(key: string, lang: Lang = DEFAULT_LANG): boolean {
  return instance.exists(key, { lng: lang });
}

export function languageMiddleware(req: Request, res: Response, next: NextFunction): void {
  const cookieLang = req.cookies?.lang;
  const lang: Lang =
    (isLang(req.query.lang) && req.query.lang) ||
    (isLang(cookieLang) && cookieLang) ||
    (isLang(req.user?.locale) && req.user.locale) ||
    DEFAULT_LANG;
  req.lang = lang;
  req.t = translator(lang);
  res.locals.lang = lang;
  next();
}

/** Turns field errors (i18n keys) into messages in the request's language. */
export function translateFields(t: TFunction, fields: FieldErrors | undefined): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, t(m.key, m.params ?? {}) as string]));
}
