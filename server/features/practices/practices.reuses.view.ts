// The practice page's "Riusi e storie" section as the partial `practices/reuse-and-stories` shows
// it, and reuses and stories as the API returns them. Labels are i18n keys; `can`-like fields tell
// the template which forms to show, so it derives no rule itself.
import type { ReuseRow } from '../../../models/queries/practice-reuses.ts';
import type { StoryRow } from '../../../models/queries/practice-stories.ts';
import type { PracticeComponent, PracticeStatus, PracticeStory } from '../../../models/schema.ts';
import type { Actor } from '../../core/deps.ts';
import type { ReuseRefusal } from './practices.reuses.policy.ts';
import { REUSE_STATUSES, REUSE_TEXT_MAX } from './practices.reuses.schema.ts';
import { STORY_BODY_MAX, STORY_TITLE_MAX } from './practices.stories.schema.ts';

/** What the section needs of a practice (a practices row has it all). */
export type SectionPractice = {
  id: number;
  slug: string;
  title: string;
  status: PracticeStatus;
  organizationId: number;
  components: PracticeComponent[];
};

const base = (slug: string) => `/buone-pratiche/${encodeURIComponent(slug)}`;

function storyView(s: StoryRow) {
  return {
    id: s.id,
    anchor: `storia-${s.id}`,
    title: s.title,
    bodyHtml: s.bodyHtml,
    authorName: s.authorName,
    authorUrl: s.authorId ? `/membri/${s.authorId}` : undefined,
    organizationName: s.organizationName,
    createdAt: s.createdAt,
    pending: s.status === 'pending',
  };
}

function reuseView(r: ReuseRow, components: PracticeComponent[], viewer: Actor) {
  return {
    id: r.id,
    organization: { name: r.organizationName, url: `/enti/${r.organizationSlug}` },
    status: r.status,
    statusKey: `practiceCatalogue.reuse.statuses.${r.status}`,
    startedOn: r.startedOn,
    components: r.components.map((code) => ({
      code,
      title: components.find((c) => c.code === code)?.title ?? code,
    })),
    adaptationNotes: r.adaptationNotes,
    outcome: r.outcome,
    declarerName: r.declarerName,
    updatedAt: r.updatedAt,
    mine: Boolean(viewer?.organizationId && viewer.organizationId === r.organizationId),
  };
}

export function reuseSectionView(v: {
  practice: SectionPractice;
  viewer: Actor;
  reuses: ReuseRow[];
  refusal: ReuseRefusal | null;
  stories: StoryRow[];
  pending: StoryRow[];
  canTellStory: boolean;
  moderationQueue: number | undefined;
}) {
  const url = base(v.practice.slug);
  const reuses = v.reuses.map((r) => reuseView(r, v.practice.components, v.viewer));
  const mine = reuses.find((r) => r.mine);
  const signIn = `/accedi?next=${encodeURIComponent(url)}`;
  return {
    practiceTitle: v.practice.title,
    archived: v.practice.status === 'archived',
    count: reuses.length,
    reuses,
    declare:
      v.refusal === null
        ? {
            action: `${url}/riusi`,
            withdrawAction: mine ? `${url}/riusi/ritira` : undefined,
            updating: Boolean(mine),
            statuses: REUSE_STATUSES.map((s) => ({
              value: s,
              label: `practiceCatalogue.reuse.statuses.${s}`,
              checked: (mine?.status ?? 'reusing') === s,
            })),
            components: v.practice.components.map((c, i) => ({
              ...c,
              id: `reuse-component-${i}`,
              checked: Boolean(mine?.components.some((m) => m.code === c.code)),
            })),
            startedOn: mine?.startedOn ?? '',
            adaptationNotes: mine?.adaptationNotes ?? '',
            outcome: mine?.outcome ?? '',
            textMax: REUSE_TEXT_MAX,
          }
        : undefined,
    // Why the form is not there: a sign-in link, or the reason (own practice, no administration).
    declareHint:
      v.refusal && v.refusal !== 'not_published'
        ? { key: `practiceCatalogue.reuse.refusals.${v.refusal}`, signIn: v.refusal === 'sign_in' ? signIn : undefined }
        : undefined,
    stories: v.stories.map(storyView),
    pending: v.pending.map(storyView),
    storyForm: v.canTellStory
      ? { action: `${url}/storie`, titleMax: STORY_TITLE_MAX, bodyMax: STORY_BODY_MAX }
      : undefined,
    storySignIn: !v.viewer && v.practice.status === 'published' ? signIn : undefined,
    moderation:
      v.moderationQueue !== undefined
        ? { url: '/buone-pratiche/storie/moderazione', count: v.moderationQueue }
        : undefined,
  };
}
export type ReuseSectionView = ReturnType<typeof reuseSectionView>;

/** A declaration as the API returns it. */
export function reuseJson(r: ReuseRow, practice: { slug: string; reuseCount: number }) {
  return {
    id: r.id,
    practice: { slug: practice.slug, url: base(practice.slug), reuseCount: practice.reuseCount },
    organization: { slug: r.organizationSlug, name: r.organizationName },
    status: r.status,
    startedOn: r.startedOn,
    components: r.components,
    adaptationNotes: r.adaptationNotes,
    outcome: r.outcome,
    declaredBy: r.declaredBy ? { id: r.declaredBy, name: r.declarerName } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A story as the API returns it to its author. */
export function storyJson(s: PracticeStory, practice: { slug: string }) {
  return {
    id: s.id,
    practice: { slug: practice.slug, url: base(practice.slug) },
    title: s.title,
    body: s.body,
    bodyHtml: s.bodyHtml,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
  };
}

/** A story in the moderation queue. */
export function queuedStoryView(s: StoryRow & { practiceSlug: string; practiceTitle: string }) {
  return {
    ...storyView(s),
    practice: { title: s.practiceTitle, url: base(s.practiceSlug) },
    approveAction: `/buone-pratiche/storie/${s.id}/approva`,
    rejectAction: `/buone-pratiche/storie/${s.id}/rifiuta`,
  };
}
