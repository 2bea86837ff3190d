// What the article pages need besides the services: the form's fields ⇄ the article's input (a
// press review's items arrive as parallel lists of fields), the form's choices, the section's
// page links, and the RSS document of a section.
import type { Request } from 'express';
import type { Article } from '../../../models/schema.ts';
import type { Deps } from '../../core/deps.ts';
import { italianInputValue } from '../../core/time.ts';
import { feedItems, type sectionPage } from './articles.read.service.ts';
import { articleAttachmentViews, MAX_ARTICLE_FILES } from './articles.service.ts';
import { articlesRss, RSS_CONTENT_TYPE } from './articles.rss.ts';
import { ARTICLE_KINDS, ARTICLE_STATUSES, ARTICLE_THEMES, LAW_STATUSES, MAX_PRESS_ITEMS } from './articles.schema.ts';
import type { ArticleKind } from '../../../models/schema.ts';

type Body = Record<string, unknown>;

const PRESS_FIELDS = {
  newspaper: 'pressNewspaper',
  date: 'pressDate',
  title: 'pressTitle',
  url: 'pressUrl',
  summary: 'pressSummary',
} as const;
type PressField = keyof typeof PRESS_FIELDS;

const listOf = (v: unknown): string[] =>
  v === undefined || v === null || v === '' ? [] : (Array.isArray(v) ? v : [v]).map((x) => String(x));

/** The form's fields as the service's input: press items from the row fields, empty rows left out. */
export function formInputOf(body: Body) {
  const columns = Object.fromEntries(
    Object.entries(PRESS_FIELDS).map(([key, field]) => [key, listOf(body[field])]),
  ) as Record<PressField, string[]>;
  const rows = Math.max(...Object.values(columns).map((c) => c.length), 0);
  const pressItems = [];
  for (let i = 0; i < rows; i++) {
    const item = Object.fromEntries(
      Object.keys(PRESS_FIELDS).map((k) => [k, (columns[k as PressField][i] ?? '').trim()]),
    );
    if (Object.values(item).some(Boolean)) pressItems.push(item);
  }
  const { pressNewspaper: _n, pressDate: _d, pressTitle: _t, pressUrl: _u, pressSummary: _s, _csrf, ...rest } = body;
  return {
    ...rest,
    pressItems,
    attachmentIds: listOf(body.attachmentIds),
    removeAttachmentIds: listOf(body.removeAttachmentIds),
  };
}

/** An article's values (articleFormValues) as the form's fields. */
export function formBodyOf(
  values: Body & { tags: string[]; related: string[]; pressItems: Record<PressField, string>[] },
) {
  const { pressItems, publishAt, ...rest } = values;
  return {
    ...rest,
    tags: values.tags.join(', '),
    related: values.related.join(', '),
    publishAt: typeof publishAt === 'string' ? italianInputValue(new Date(publishAt)) : '',
    ...Object.fromEntries(
      Object.entries(PRESS_FIELDS).map(([key, field]) => [field, pressItems.map((i) => i[key as PressField])]),
    ),
  };
}

/** How many empty press rows the form offers after the filled ones. */
const SPARE_PRESS_ROWS = 3;

/**
 * The most fields the article form may send: its own (about fifteen, with room to spare), the file
 * ids it carries and may remove, and every press row a full review shows (MAX_PRESS_ITEMS filled
 * rows, the spare ones, and a few more typed in after a refusal). The multipart parser's default
 * (50) would refuse a review of five items.
 */
export const ARTICLE_FORM_MAX_FIELDS =
  30 + 2 * MAX_ARTICLE_FILES + Object.keys(PRESS_FIELDS).length * (MAX_PRESS_ITEMS + 2 * SPARE_PRESS_ROWS);

/** The form's choices, its press rows with their errors, and the files already attached. */
export async function editFormContext(
  deps: Deps,
  req: Request,
  article: Article | undefined,
  state: { values: Body; errors: Record<string, string>; hasErrors: boolean },
) {
  const input = formInputOf(state.values);
  const items = input.pressItems as Record<PressField, string>[];
  const rows = [...items, ...Array.from({ length: SPARE_PRESS_ROWS }, () => ({}) as Record<PressField, string>)].map(
    (item, i) => ({
      index: i,
      number: i + 1,
      ...Object.fromEntries(
        Object.keys(PRESS_FIELDS).map((k) => [
          k,
          { value: item[k as PressField] ?? '', error: state.errors[`pressItems.${i}.${k}`] },
        ]),
      ),
    }),
  );
  const removing = new Set(input.removeAttachmentIds);
  const files = article ? await articleAttachmentViews(deps, article.id) : [];
  const kind = String(state.values.kind ?? 'news');
  const option = (prefix: string, current: unknown) => (value: string) => ({
    value,
    label: `${prefix}.${value}`,
    selected: value === current,
  });
  return {
    ...state,
    kindOptions: ARTICLE_KINDS.map(option('articles.kinds', kind)),
    themeOptions: ARTICLE_THEMES.map(option('articles.themes', state.values.theme)),
    statusOptions: ARTICLE_STATUSES.map(option('articles.statuses', state.values.status ?? 'draft')),
    lawStatusOptions: LAW_STATUSES.map(option('articles.law_status', state.values.lawStatus)),
    pressRows: rows,
    pressError: state.errors.pressItems,
    files: files.map((f) => ({ ...f, remove: removing.has(String(f.id)) })),
    pendingIds: input.attachmentIds,
    fileError: state.errors.files ?? state.errors.attachmentIds,
    isKind: Object.fromEntries(ARTICLE_KINDS.map((k) => [k, k === kind])),
    help: req.t('articles.fields.kind_help'),
  };
}

/** Page links of a section that keep its filters: next, previous, back to the first page. */
export function sectionLinks(path: string, page: Awaited<ReturnType<typeof sectionPage>>) {
  const q = page.query;
  const url = (extra: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    const all = {
      tipo: q.tipo,
      tema: q.tema,
      tag: q.tag,
      anno: q.anno,
      ordine: q.ordine === 'recenti' ? undefined : q.ordine,
      ...extra,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  const paged = q.dopo !== undefined || q.prima !== undefined;
  return {
    next: page.next !== undefined ? url({ dopo: page.next }) : undefined,
    prev: page.prev !== undefined ? url({ prima: page.prev }) : undefined,
    first: paged ? url({}) : undefined,
    reset: path,
  };
}

/** A section's RSS 2.0 document, in the reader's language. */
export async function articleFeed(deps: Deps, req: Request, kind: ArticleKind | undefined, path: string, key: string) {
  const site = deps.config.publicUrl;
  const section = req.t(`articles.sections.${key}.title`);
  const xml = articlesRss(
    {
      title: `${section} · ${req.t('app.name')}`,
      description: req.t(`articles.sections.${key}.intro`),
      pageUrl: `${site}${path}`,
      feedUrl: `${site}${path}/feed.xml`,
      language: req.lang,
      siteUrl: site,
      themeLabel: (theme) => req.t(`articles.themes.${theme}`),
    },
    await feedItems(deps, kind),
  );
  return { contentType: RSS_CONTENT_TYPE, xml };
}
