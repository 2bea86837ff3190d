// Italian first, English second. The language is Italian unless the person chose otherwise: ?lang=,
// then the `lang` cookie set by the language switch, then the signed-in person's preference.
// Templates translate through the `t` helper.
import i18next, { type TFunction } from 'i18next';
import type { NextFunction, Request, Response } from 'express';
import it from '../locales/it.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import type { FieldErrors } from './errors.ts';

export const LANGUAGES = ['it', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'it';

const instance = i18next.createInstance();
void instance.init({
  resources: { it: { translation: it }, en: { translation: en } },
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
