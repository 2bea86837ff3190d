// Booklet rows → what the pages, the API and the export show. The API's shapes are the DESIGN.md
// contract: GET /api/v1/booklet → {entries, declared, competences}.
import type { CourseEntryRow } from '../../../models/queries/booklet.ts';
import type { Credential } from '../../../models/schema.ts';
import type { Booklet, CompetenceSummary, DeclaredExperience } from './booklet.service.ts';

type Request = Booklet['requests'][number];
type Step = {
  id: number;
  action: string;
  comment: string;
  createdAt: Date;
  actorId: number | null;
  actorName: string | null;
};

export const credentialUrl = (id: string) => `/credenziali/${id}`;

export const entryJson = (e: CourseEntryRow) => ({
  course: { slug: e.slug, title: e.title },
  completedAt: e.completedAt.toISOString(),
  hours: e.hours,
  competences: e.competences.map((c) => ({ code: c.code, title: c.title })),
  credentialId: e.credentialId,
});

export const declaredJson = (d: DeclaredExperience) => ({
  id: d.id,
  kind: d.kind,
  title: d.title,
  place: d.place,
  startedOn: d.startedOn,
  endedOn: d.endedOn,
  hours: d.hours,
  description: d.description,
  competences: d.competences.map((c) => ({ code: c.code, title: c.title })),
  evidence: d.evidence.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size, url: a.url })),
  locked: d.locked,
});

export const competenceJson = (c: CompetenceSummary) => ({
  code: c.code,
  title: c.title,
  sources: c.sources,
  level: c.level,
  validation: c.validation,
});

export const bookletJson = (b: Pick<Booklet, 'entries' | 'declared' | 'competences'>) => ({
  entries: b.entries.map(entryJson),
  declared: b.declared.map(declaredJson),
  competences: b.competences.map(competenceJson),
});

export const requestJson = (r: Request) => ({
  id: r.id,
  status: r.status,
  competence: { code: r.competenceCode, title: r.competenceTitle },
  experience: r.experienceId ? { id: r.experienceId, title: r.experienceTitle ?? '' } : null,
  person: { id: r.userId, name: r.userName },
  message: r.message,
  level: r.level,
  reason: r.reason,
  assessor: r.assessorId ? { id: r.assessorId, name: r.assessorName ?? '' } : null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  url: `/libretto/riconoscimenti/${r.id}`,
});

export const stepJson = (s: Step) => ({
  action: s.action,
  comment: s.comment,
  actor: s.actorId ? { id: s.actorId, name: s.actorName ?? '' } : null,
  createdAt: s.createdAt.toISOString(),
});

/** Every credential issued to the person, as issued: the signed `token` is what another instance verifies. */
export const credentialExportJson = (c: Credential) => ({
  id: c.id,
  kind: c.kind,
  achievementTitle: c.achievementTitle,
  issuedAt: c.issuedAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
  url: credentialUrl(c.id),
  token: c.token,
  credential: c.credential,
});

/** The booklet as a portable document (/libretto/libretto.json, GET /api/v1/booklet/export). */
export function bookletExport(b: Booklet, credentials: Credential[], issuer: { name: string; url: string }) {
  return {
    format: 'rete-spi-libretto-formativo',
    version: 1,
    exportedAt: new Date().toISOString(),
    issuer,
    person: {
      name: b.person.name,
      organization: b.person.organizationName,
      jobTitle: b.person.jobTitle,
      region: b.person.region,
    },
    entries: b.entries.map((e) => ({ ...entryJson(e), result: e.result })),
    declared: b.declared.map(declaredJson),
    competences: b.competences.map(competenceJson),
    validations: b.requests.map(requestJson),
    credentials: credentials.map(credentialExportJson),
  };
}

// --- pages ----------------------------------------------------------------------------------------

export const entryView = (e: CourseEntryRow) => ({
  ...e,
  url: `/corsi/${e.slug}`,
  credentialUrl: e.credentialId ? credentialUrl(e.credentialId) : null,
});

export const declaredView = (d: DeclaredExperience) => ({
  ...d,
  kindKey: `booklet.kinds.${d.kind}`,
  editUrl: `/libretto/esperienze/${d.id}/modifica`,
  deleteUrl: `/libretto/esperienze/${d.id}/elimina`,
  requestUrl: `/libretto/riconoscimenti/nuova?esperienza=${d.id}`,
});

export const competenceView = (c: CompetenceSummary) => ({
  ...c,
  sourceKeys: c.sources.map((s) => `booklet.sources.${s}`),
  statusKey: c.validation ? `booklet.statuses.${c.validation.status}` : null,
  requestUrl: c.validation ? `/libretto/riconoscimenti/${c.validation.id}` : null,
});

export const requestView = (r: Request) => ({
  ...r,
  statusKey: `booklet.statuses.${r.status}`,
  url: `/libretto/riconoscimenti/${r.id}`,
});

export const stepView = (s: Step) => ({ ...s, actionKey: `booklet.actions.${s.action}` });
