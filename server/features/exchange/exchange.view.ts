// Cerco / Offro posts and matches → what pages, the API and the home page show. The kind is always
// written out ("Cerco", "Offro"), never told by colour alone; reasons become sentences in the
// reader's language; the matches' "Contatta" links open a private conversation about the post.
import type { TFunction } from 'i18next';
import type { ExchangePostRow } from '../../../models/queries/exchange.ts';
import type { Match, MatchReason } from './exchange.matching.service.ts';
import { excerptOf } from '../notifications/notifications.view.ts';
import { isActive } from './exchange.policy.ts';

export type PostView = ReturnType<typeof postView>;

/** One post as pages show it. */
export function postView(p: ExchangePostRow, now = new Date()) {
  const active = isActive(p, now);
  return {
    id: p.id,
    kind: p.kind,
    kindKey: `exchange.kinds.${p.kind}`,
    title: p.title,
    description: p.description,
    descriptionHtml: p.descriptionHtml,
    excerpt: excerptOf(p.description, 220),
    theme: p.theme,
    themeKey: `exchange.themes.${p.theme}`,
    region: p.region,
    author: p.authorId && p.authorName ? { id: p.authorId, name: p.authorName } : null,
    organization: { slug: p.organizationSlug, name: p.organizationName },
    practice: p.practiceSlug && p.practiceTitle ? { slug: p.practiceSlug, title: p.practiceTitle } : null,
    createdAt: p.createdAt,
    expiresAt: p.expiresAt,
    closedAt: p.closedAt,
    active,
    expired: p.closedAt === null && !active,
    closed: p.closedAt !== null,
    url: `/cerco-offro/${p.id}`,
  };
}

/** The API's shape of a post. */
export function postJson(v: PostView) {
  return {
    id: v.id,
    kind: v.kind,
    title: v.title,
    description: v.description,
    descriptionHtml: v.descriptionHtml,
    theme: v.theme,
    region: v.region,
    author: v.author,
    organization: v.organization,
    practice: v.practice,
    status: v.closed ? 'closed' : v.active ? 'active' : 'expired',
    createdAt: v.createdAt.toISOString(),
    expiresAt: v.expiresAt.toISOString(),
    closedAt: v.closedAt ? v.closedAt.toISOString() : null,
    url: v.url,
  };
}

/** A reason as a sentence: "stesso tema: Formazione", "parole in comune: accoglienza, over 50". */
export function reasonText(r: MatchReason, t: TFunction): string {
  switch (r.code) {
    case 'same_theme':
      return t('exchange.reasons.same_theme', { theme: t(`exchange.themes.${r.theme}`) });
    case 'same_region':
      return t('exchange.reasons.same_region', { region: r.region });
    case 'common_words':
      return t('exchange.reasons.common_words', { words: r.words.join(', ') });
  }
}

/** The private-conversation page, opened about this post and this match. */
export function contactUrl(m: Pick<Match, 'kind' | 'id' | 'slug' | 'contactId'>, postId: number): string | null {
  if (!m.contactId) return null;
  const match = m.kind === 'practice' ? `practice:${m.slug}` : `exchange:${m.id}`;
  return `/messaggi-privati/nuova?a=${m.contactId}&post=${postId}&match=${match}`;
}

/** A match on a post's page: reasons as text, the score as a percentage, a contact link for the post's author. */
export function matchView(m: Match, t: TFunction, opts: { postId: number; contact: boolean }) {
  return {
    kind: m.kind,
    kindKey: m.kind === 'practice' ? 'exchange.match_kinds.practice' : `exchange.kinds.${m.postKind}`,
    title: m.title,
    url: m.url,
    organizationName: m.organizationName,
    region: m.region,
    themeKey: `exchange.themes.${m.theme}`,
    percent: Math.round(m.score * 100),
    reasons: m.reasons.map((r) => reasonText(r, t)),
    contactName: m.contactName,
    contactUrl: opts.contact ? contactUrl(m, opts.postId) : null,
  };
}

/** The API's shape of a match. */
export function matchJson(m: Match, t: TFunction) {
  return {
    kind: m.kind,
    ...(m.kind === 'practice' ? { slug: m.slug } : { id: m.id, postKind: m.postKind }),
    title: m.title,
    url: m.url,
    theme: m.theme,
    region: m.region,
    organization: m.organizationName,
    contact: m.contactId && m.contactName ? { id: m.contactId, name: m.contactName } : null,
    score: m.score,
    reasons: m.reasons.map((r) => ({ ...r, text: reasonText(r, t) })),
  };
}
