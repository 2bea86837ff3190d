// Twinning rows → what the pages and the API show: cards, the record with its models, timeline and
// progress, and the API's JSON.
import type { Attachment } from '../../../models/schema.ts';
import { toAttachmentView } from '../attachments/attachments.service.ts';
import type { TwinningDetail, TwinningSummary } from './twinnings.service.ts';
import { twinningUrl } from './twinnings.service.ts';

const side = (s: { slug: string; name: string; region: string | null }) => ({
  slug: s.slug,
  name: s.name,
  region: s.region,
});

/** A card (the list, the home page, a practice's page) and the list's API item. */
export function twinningCardView(s: TwinningSummary) {
  const t = s.twinning;
  return {
    slug: t.slug,
    title: t.title,
    status: t.status,
    statusKey: `twinnings.statuses.${t.status}`,
    summaryHtml: t.summaryHtml,
    region: t.region,
    theme: t.theme,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    offering: s.offering.map(side),
    receiving: s.receiving.map(side),
    participantCount: s.participantCount,
    progress: s.progress,
    url: twinningUrl(t.slug),
    createdAt: t.createdAt,
  };
}
export type TwinningCardView = ReturnType<typeof twinningCardView>;

export const twinningCardJson = (v: TwinningCardView) => {
  const { statusKey: _k, ...rest } = v;
  return rest;
};

/** The record as the page shows it and the API returns it. */
export function twinningDetailView(d: TwinningDetail) {
  const t = d.twinning;
  return {
    slug: t.slug,
    title: t.title,
    status: t.status,
    statusKey: `twinnings.statuses.${t.status}`,
    summary: t.summary,
    summaryHtml: t.summaryHtml,
    expectedResultsHtml: t.expectedResultsHtml,
    achievedResultsHtml: t.achievedResultsHtml,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    programme: t.programme,
    priorities: t.priorities,
    region: t.region,
    theme: t.theme,
    meetingUrl: t.meetingUrl,
    url: twinningUrl(t.slug),
    offering: d.offering.map(side),
    receiving: d.receiving.map((s) => ({ ...side(s), objectives: s.objectives })),
    practices: d.practices.map((p) => ({ slug: p.slug, title: p.title, url: `/buone-pratiche/${p.slug}` })),
    progress: d.progress,
    participantCount: d.participantCount,
    participants: d.participants.map((p) => ({
      id: p.userId,
      name: p.name,
      role: p.role,
      roleKey: `twinnings.roles.${p.role}`,
      organization: p.organizationName,
    })),
    models: d.models.map((m) => ({
      id: m.model.id,
      code: m.model.code,
      title: m.model.title,
      descriptionHtml: m.model.descriptionHtml,
      responsible: m.model.responsible,
      offering: m.offering ? side(m.offering) : null,
      receiving: m.receiving ? side(m.receiving) : null,
      practice: m.practice ? { slug: m.practice.slug, title: m.practice.title } : null,
      threadUrl: m.model.threadId ? `/discussioni/${m.model.threadId}` : null,
      progress: m.progress,
      milestones: m.milestones.map((x) => milestoneView(x.milestone, x.state, d.documents)),
      outcome: m.outcome
        ? { outcome: m.outcome.outcome, outcomeKey: `twinnings.outcomes.${m.outcome.outcome}`, notes: m.outcome.notes }
        : null,
      canRecordOutcome: m.can.recordOutcome,
    })),
    timeline: d.timeline.map((x) => ({ ...milestoneView(x.milestone, x.state, d.documents), modelCode: x.modelCode })),
    discussionUrl: t.threadId ? `/discussioni/${t.threadId}` : null,
    events: d.events.map(({ event }) => ({
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      url: `/eventi/${event.id}`,
    })),
    documents: d.documents.map(toAttachmentView),
    participation: d.participation ? { role: d.participation.role } : null,
    createdAt: t.createdAt,
    approvedAt: t.approvedAt,
  };
}

function milestoneView(
  m: {
    id: number;
    title: string;
    dueOn: string;
    status: string;
    evidence: string;
    evidenceAttachmentId: number | null;
    doneOn: string | null;
  },
  state: string,
  documents: Attachment[],
) {
  const file = documents.find((a) => a.id === m.evidenceAttachmentId);
  return {
    id: m.id,
    title: m.title,
    dueDate: m.dueOn,
    status: m.status,
    state,
    stateKey: `twinnings.milestone_states.${state}`,
    evidence: m.evidence,
    evidenceFile: file ? toAttachmentView(file) : null,
    doneOn: m.doneOn,
  };
}
export type TwinningDetailView = ReturnType<typeof twinningDetailView>;

/** The API's record: the page's, without the translation keys. */
export function twinningJson(v: TwinningDetailView) {
  return JSON.parse(JSON.stringify(v, (k, val) => (k.endsWith('Key') ? undefined : val))) as Record<string, unknown>;
}
