// Practice rows → what the pages and the API show: labels as i18n keys, the protocol's scores as
// "3/4" or "non valutato", links to people and files, and the JSON contract of the API.
import type { PracticeCard } from '../../../models/queries/practices.ts';
import type { PracticeStatus } from '../../../models/schema.ts';
import type { Decision } from './practices.lifecycle.service.ts';
import type { PracticePage, CriterionScore } from './practices.read.service.ts';
import type { DiffPart, FieldDiff } from './practices.versions.ts';
import { recordFields } from './practices.fields.ts';

export const practicePath = (slug: string) => `/buone-pratiche/${slug}`;

/** A status as a badge: its words (never colour alone) and a Bootstrap colour. */
export function statusBadge(status: PracticeStatus) {
  const colours: Record<PracticeStatus, string> = {
    draft: 'bg-secondary',
    submitted: 'bg-warning text-dark',
    validated: 'bg-info text-dark',
    published: 'bg-success',
    archived: 'bg-dark',
  };
  return { key: `practices.statuses.${status}`, cls: colours[status], status };
}

export function practiceCardView(c: PracticeCard) {
  return {
    ...c,
    url: practicePath(c.slug),
    badge: statusBadge(c.status),
    themeKey: `practices.themes.${c.theme}`,
  };
}

const scoreView = (s: CriterionScore, lang: string) => ({
  key: s.key,
  label: lang === 'en' ? s.labelEn : s.labelIt,
  score: s.score,
  value: s.score === null ? null : `${s.score}/4`,
  note: s.note,
});

const mean = (scores: CriterionScore[]) => {
  const scored = scores.filter((s) => s.score !== null);
  return scored.length ? Math.round((scored.reduce((a, s) => a + s.score!, 0) / scored.length) * 100) / 100 : null;
};

/** A practice's page: the record with labels, links, the protocol and the log. */
export function practicePageView(page: PracticePage, lang: string, viewerId: number | null) {
  const p = page.practice;
  return {
    ...page,
    badge: statusBadge(p.status),
    archived: p.status === 'archived',
    draft: p.status === 'draft',
    themeKey: `practices.themes.${p.theme}`,
    levelKey: `practices.levels.${p.territorialLevel}`,
    organization: { slug: p.organizationSlug, name: p.organizationName, url: `/enti/${p.organizationSlug}` },
    coOwners: page.coOwners.map((o) => ({ ...o, url: `/enti/${o.slug}` })),
    authors: [
      ...(p.createdBy ? [{ id: p.createdBy, name: p.creatorName ?? '', url: `/membri/${p.createdBy}` }] : []),
      ...page.coAuthors.map((a) => ({ ...a, url: `/membri/${a.id}` })),
    ],
    contact: page.contact
      ? {
          ...page.contact,
          url: `/membri/${page.contact.id}`,
          // "Scrivi": a private message to them (/messaggi-privati/nuova?a=<id>&pratica=<slug>), for signed-in people but themselves.
          canWrite: Boolean(viewerId && viewerId !== page.contact.id),
        }
      : null,
    kit: page.kit.map((k) => ({ ...k, kindKey: `practices.kit_kinds.${k.kind}`, href: k.url ?? k.file?.url ?? null })),
    protocol: page.protocol
      ? {
          ...page.protocol.validation,
          scores: page.protocol.scores.map((s) => scoreView(s, lang)),
          mean: p.validationScore ?? mean(page.protocol.scores),
          version: page.protocol.version,
          current: page.protocol.current,
          currentVersion: p.version,
        }
      : null,
    log: page.log.map((l) => ({
      ...l,
      fromKey: `practices.statuses.${l.fromStatus}`,
      toKey: `practices.statuses.${l.toStatus}`,
      returned: l.toStatus === 'draft',
    })),
    missing: page.missing.map((f) => ({ field: f, key: `practices.fields.${f}` })),
    competences: page.competences.map((c) => ({ ...c, url: `/competenze/${c.code}` })),
    hasIndicators: p.indicators.length > 0,
    hasActions: page.can.edit || page.can.submit || page.can.validate || page.can.publish || page.can.archive,
  };
}

/** The API's practice: every field, the owners and people, the files, and the published protocol. */
export function practiceJson(page: PracticePage) {
  const p = page.practice;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: p.id,
    slug: p.slug,
    status: p.status,
    title: p.title,
    summary: p.summary,
    description: p.description,
    descriptionHtml: p.descriptionHtml,
    organization: { slug: p.organizationSlug, name: p.organizationName },
    coOwners: page.coOwners.map((o) => ({ slug: o.slug, name: o.name })),
    contact: page.contact ? { id: page.contact.id, name: page.contact.name, url: `/membri/${page.contact.id}` } : null,
    createdBy: p.createdBy ? { id: p.createdBy, name: p.creatorName } : null,
    coAuthors: page.coAuthors.map((a) => ({ id: a.id, name: a.name, handle: a.handle })),
    ...recordFields(p),
    kit: page.kit.map((k) => ({
      kind: k.kind,
      title: k.title,
      url: k.url ?? k.file?.url ?? null,
      attachmentId: k.attachmentId ?? null,
    })),
    tags: p.tags,
    competenceCodes: p.competenceCodes,
    files: page.files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, url: f.url })),
    version: p.version,
    validationScore: p.validationScore,
    reuseCount: p.reuseCount,
    validation: page.protocol
      ? {
          decision: page.protocol.validation.decision,
          validator: page.protocol.validation.validatorId
            ? { id: page.protocol.validation.validatorId, name: page.protocol.validation.validatorName }
            : null,
          decidedAt: page.protocol.validation.createdAt.toISOString(),
          strengths: page.protocol.validation.strengths,
          weaknesses: page.protocol.validation.weaknesses,
          summary: page.protocol.validation.comment,
          mean: p.validationScore,
          // The version it judged (null before publication); false: changes were published since.
          version: page.protocol.version,
          current: page.protocol.current,
          scores: page.protocol.scores.map((s) => ({
            criterion: s.key,
            label: s.labelIt,
            score: s.score,
            note: s.note,
          })),
        }
      : null,
    missingForPublication: page.missing,
    submittedAt: iso(p.submittedAt),
    validatedAt: iso(p.validatedAt),
    publishedAt: iso(p.publishedAt),
    archivedAt: iso(p.archivedAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    url: practicePath(p.slug),
  };
}

/** What the API answers about a practice its writer no longer reads (sent back, or a co-author who left it). */
export const practiceBriefJson = (p: Pick<PracticeCard, 'slug' | 'status' | 'title'>) => ({
  slug: p.slug,
  status: p.status,
  title: p.title,
  url: practicePath(p.slug),
});

/** A decision of the protocol as the API answers it (scores by criterion; unscored ones absent). */
export function validationJson(v: Decision) {
  return {
    id: v.id,
    decision: v.decision,
    strengths: v.strengths,
    weaknesses: v.weaknesses,
    comment: v.comment,
    scores: Object.fromEntries(v.scores.map((s) => [s.criterionKey, { score: s.score, note: s.note }])),
    createdAt: v.createdAt.toISOString(),
  };
}

/** A version's changes for the page: each changed field with its runs marked added or removed. */
export function changesView(changes: FieldDiff[]) {
  return changes.map((c) => ({
    field: c.field,
    labelKey: `practices.fields.${c.field}`,
    parts: c.parts.map((part: DiffPart) => ({ ...part, same: !part.added && !part.removed })),
  }));
}
