// Handlebars view engine and helpers. Templates never hold user-facing text: they call {{t "key"}}.
import path from 'node:path';
import type { Express } from 'express';
import { create, engine } from 'express-handlebars';
import Handlebars, { type HelperOptions } from 'handlebars';
import { ROOT_DIR } from '../config.ts';
import { type Lang, translator, DEFAULT_LANG } from './i18n.ts';

const ICON_SPRITE = '/bootstrap-italia/dist/svg/sprites.svg';

const langOf = (options: HelperOptions): Lang => (options?.data?.root?.lang as Lang) ?? DEFAULT_LANG;
const localeOf = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'it-IT');
const toDate = (value: unknown): Date | undefined => {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
};

// Intl formatters are costly to build: one per language and style, reused for every page.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
/** Date styles: long/short dates; datetime, time and month (sessions, calendars) in Italy's time zone. */
const DATE_STYLES = {
  long: { dateStyle: 'long' },
  short: { dateStyle: 'short' },
  datetime: { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Rome' },
  time: { timeStyle: 'short', timeZone: 'Europe/Rome' },
  month: { month: 'long', year: 'numeric', timeZone: 'Europe/Rome' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type DateStyle = keyof typeof DATE_STYLES;
function dateFormat(lang: Lang, style: DateStyle): Intl.DateTimeFormat {
  const key = `d:${lang}:${style}`;
  if (!formatters.has(key))
    formatters.set(key, new Intl.DateTimeFormat(localeOf(lang), DATE_STYLES[style] ?? DATE_STYLES.long));
  return formatters.get(key) as Intl.DateTimeFormat;
}
function relativeFormat(lang: Lang): Intl.RelativeTimeFormat {
  const key = `r:${lang}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' }));
  return formatters.get(key) as Intl.RelativeTimeFormat;
}

const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "2 mesi fa" / "2 months ago" from a date. */
export function relativeTime(date: Date, lang: Lang, now = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const rtf = relativeFormat(lang);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'minute');
}

/**
 * Texts without parameters, per language: the catalogue is fixed once loaded, and a thread page asks
 * for the same dozen labels on each of its 50 posts (i18next's lookup was 7 % of a page's CPU).
 */
const plainTexts = new Map<string, Map<string, string>>();

export const helpers = {
  t(key: string, options: HelperOptions) {
    const lang = langOf(options);
    const hash = options.hash as Record<string, unknown> | undefined;
    if (hash && Object.keys(hash).length) return translator(lang)(key, hash);
    let texts = plainTexts.get(lang);
    if (!texts) plainTexts.set(lang, (texts = new Map()));
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = String(translator(lang)(key))));
    return text;
  },
  icon(name: string, options: HelperOptions) {
    const cls = options.hash?.class ? ` ${escapeAttr(String(options.hash.class))}` : '';
    return new Handlebars.SafeString(
      `<svg class="icon${cls}" aria-hidden="true" focusable="false"><use href="${ICON_SPRITE}#${escapeAttr(name)}"></use></svg>`,
    );
  },
  date(value: unknown, options: HelperOptions) {
    const d = toDate(value);
    if (!d) return '';
    const style = (options.hash?.style as DateStyle | undefined) ?? 'long';
    return dateFormat(langOf(options), style).format(d);
  },
  isoDate(value: unknown) {
    return toDate(value)?.toISOString() ?? '';
  },
  ago(value: unknown, options: HelperOptions) {
    const d = toDate(value);
    return d ? relativeTime(d, langOf(options)) : '';
  },
  eq: (a: unknown, b: unknown) => a === b,
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  includes: (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value),
  /** 1-based numbering from @index. */
  inc: (n: unknown) => Number(n) + 1,
  filesize(bytes: unknown, options: HelperOptions) {
    const n = Number(bytes) || 0;
    const fmt = (v: number, unit: string) =>
      `${v.toLocaleString(localeOf(langOf(options)), { maximumFractionDigits: 1 })} ${unit}`;
    return n >= 1_048_576 ? fmt(n / 1_048_576, 'MB') : n >= 1024 ? fmt(n / 1024, 'kB') : fmt(n, 'B');
  },
  initials: (name: unknown) =>
    String(name ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join(''),
};

const VIEWS_DIR = path.join(ROOT_DIR, 'views');
const options = {
  extname: '.hbs',
  defaultLayout: 'main',
  layoutsDir: path.join(VIEWS_DIR, 'layouts'),
  partialsDir: path.join(VIEWS_DIR, 'partials'),
  helpers,
};
const standalone = create(options);

/** Renders a view without a layout outside any request (live pushes), in the given language. */
export function renderFragment(view: string, context: Record<string, unknown>, lang: Lang): Promise<string> {
  return standalone.render(path.join(VIEWS_DIR, `${view}.hbs`), { ...context, lang }, { cache: true });
}

export function setupViews(app: Express): void {
  const viewsDir = VIEWS_DIR;
  const hbs = engine(options);
  app.engine('.hbs', hbs);
  app.set('view engine', '.hbs');
  app.set('views', viewsDir);
}
