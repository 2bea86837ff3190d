// Repertory rows → what the pages and the API show: the tree (profiles → areas → competences), a
// search's matches with their highlighted snippets, one competence with what develops it, and an
// import's plan. Knowledge and skills are stored one item per line and shown as lists.
import type { CompetenceHit, CompetenceRow } from '../../../models/queries/competences.ts';
import { snippetHtml } from '../search/search.view.ts';
import type { ChangeAction, ImportPlan } from './competences.import.service.ts';
import type { CompetenceDetail, RepertoryRows } from './competences.service.ts';

export const competencePath = (code: string) => `/competenze/${code}`;
const items = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** The repertory nested for the catalogue and the API's tree (one profile's part when `profile` is given). */
export function repertoryTree(rows: RepertoryRows, profile?: string) {
  return rows.profiles
    .filter((p) => !profile || p.code === profile)
    .map((p) => {
      const areas = rows.areas
        .filter((a) => a.profileId === p.id)
        .map((a) => ({
          code: a.code,
          title: a.title,
          description: a.description,
          competences: rows.competences.filter((c) => c.areaId === a.id),
        }));
      return {
        code: p.code,
        title: p.title,
        description: p.description,
        areas,
        count: areas.reduce((n, a) => n + a.competences.length, 0),
      };
    });
}

/** The catalogue's accordion: the profile asked for (or the first) open, the others closed. */
export function catalogueTreeView(rows: RepertoryRows, profile?: string) {
  return repertoryTree(rows, profile).map((p, i) => ({
    ...p,
    id: `profilo-${i + 1}`,
    open: i === 0,
    areas: p.areas.map((a) => ({
      ...a,
      competences: a.competences.map((c) => ({ ...c, url: competencePath(c.code) })),
    })),
  }));
}

export function hitView(h: CompetenceHit) {
  return { ...h, url: competencePath(h.code), snippet: snippetHtml(h.snippet) };
}

/** A competence's page: its text, its lists, its place in the repertory, and what develops it. */
export function competencePageView(d: CompetenceDetail) {
  const c = d.competence;
  return {
    ...c,
    knowledgeItems: items(c.knowledge),
    skillsItems: items(c.skills),
    courses: d.courses.map((x) => ({ ...x, url: `/corsi/${x.slug}` })),
    practices: d.practices.map((x) => ({ ...x, url: `/buone-pratiche/${x.slug}` })),
  };
}

// --- API ------------------------------------------------------------------------------------------

/** A competence's own fields, as every API shape gives them. */
export function competenceJson(c: CompetenceRow) {
  return {
    code: c.code,
    title: c.title,
    description: c.description,
    knowledge: items(c.knowledge),
    skills: items(c.skills),
    eqfLevel: c.eqfLevel,
    escoUri: c.escoUri,
    url: competencePath(c.code),
  };
}

type Placed = CompetenceRow & { areaCode: string; areaTitle: string; profileCode: string; profileTitle: string };
const placedJson = (c: Placed) => ({
  ...competenceJson(c),
  area: { code: c.areaCode, title: c.areaTitle },
  profile: { code: c.profileCode, title: c.profileTitle },
});

export function treeJson(rows: RepertoryRows, profile?: string) {
  return repertoryTree(rows, profile).map(({ count: _count, ...p }) => ({
    ...p,
    areas: p.areas.map((a) => ({ ...a, competences: a.competences.map(competenceJson) })),
  }));
}

/** Every competence of the tree as a list, each with its area and profile. */
export function flatJson(rows: RepertoryRows, profile?: string) {
  return repertoryTree(rows, profile).flatMap((p) =>
    p.areas.flatMap((a) =>
      a.competences.map((c) =>
        placedJson({ ...c, areaCode: a.code, areaTitle: a.title, profileCode: p.code, profileTitle: p.title }),
      ),
    ),
  );
}

/** A search's match: the competence, where it sits, its rank and a snippet whose only elements are <mark>. */
export const hitJson = (h: CompetenceHit) => ({ ...placedJson(h), rank: h.rank, snippet: snippetHtml(h.snippet) });

export function competenceDetailJson(d: CompetenceDetail) {
  return {
    ...placedJson(d.competence),
    courses: d.courses.map((c) => ({ slug: c.slug, title: c.title, url: `/corsi/${c.slug}` })),
    practices: d.practices.map((p) => ({
      slug: p.slug,
      title: p.title,
      organization: p.organizationName,
      url: `/buone-pratiche/${p.slug}`,
    })),
  };
}

// --- The admin page's plan --------------------------------------------------------------------------

const BADGES: Record<ChangeAction, string> = {
  new: 'bg-success',
  updated: 'bg-warning text-dark',
  unchanged: 'bg-secondary',
};

/** An import's plan for the admin page: counts, and each code's change with words (never colour alone). */
export function planView(plan: ImportPlan) {
  return {
    ...plan,
    hasChanges: plan.counts.new + plan.counts.updated > 0,
    changes: plan.changes.map((c) => ({
      ...c,
      kindKey: `competences.admin.kinds.${c.kind}`,
      actionKey: `competences.admin.actions.${c.action}`,
      badge: BADGES[c.action],
      fieldKeys: c.fields.map((f) => `competences.admin.fields.${f}`),
      url: c.kind === 'competence' ? competencePath(c.code) : null,
    })),
  };
}
