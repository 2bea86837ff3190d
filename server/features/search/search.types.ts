// The searchable types, one registration each. Each source names its table's generated
// `search_vector` (0009_search.sql: title weighted A, body B–D, GIN-indexed) and filters rows by the
// one visibility rule (models/queries/visibility.ts), so a type is never found where its page would
// be refused: private groups' discussions only by their members, hidden or deleted posts by no one,
// drafts only by those who run them.
import { sql } from 'drizzle-orm';
import { eventVisibleTo } from '../../../models/queries/calendar.ts';
import { twinningVisibleTo } from '../../../models/queries/twinnings.ts';
import { courseAllowed, groupAllowed } from '../../../models/queries/visibility.ts';
import { registerSearchType } from './search.registry.ts';

// Discussions: a thread by its title, a post by its text; both only in groups the viewer reads.
// Joins in `from` are for the visibility filter only: what is shown beside a result (`context`) is a
// subquery, computed for the page's rows alone.
registerSearchType({
  type: 'thread',
  source: (viewer) => ({
    from: sql`threads d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    title: sql`d.title`,
    // The opening post, when it is still visible: a hidden one lends no text to a snippet.
    body: sql`coalesce((SELECT p.body FROM posts p WHERE p.thread_id = d.id AND p.position = 1
                         AND p.deleted_at IS NULL AND p.hidden_at IS NULL), d.title)`,
    context: sql`(SELECT g.name FROM groups g WHERE g.id = d.group_id)`,
    visible: sql`d.deleted_at IS NULL AND ${groupAllowed('read', sql`d.group_id`, viewer)}`,
  }),
  url: (hit) => `/discussioni/${hit.id}`,
});

registerSearchType({
  type: 'post',
  source: (viewer) => ({
    from: sql`posts d JOIN threads t ON t.id = d.thread_id`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    title: sql`t.title`,
    body: sql`d.body`,
    context: sql`(SELECT g.name FROM groups g WHERE g.id = t.group_id)`,
    visible: sql`d.deleted_at IS NULL AND d.hidden_at IS NULL AND t.deleted_at IS NULL
                 AND ${groupAllowed('read', sql`t.group_id`, viewer)}`,
  }),
  url: (hit) => `/messaggi/${hit.id}`,
});

// Courses: published ones for everyone, drafts for those who run them; lessons where they may be studied.
registerSearchType({
  type: 'course',
  source: (viewer) => ({
    from: sql`courses d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    slug: sql`d.slug`,
    title: sql`d.title`,
    body: sql`d.summary || ' ' || d.description`,
    context: sql`nullif(d.theme, '')`,
    visible: courseAllowed('see', 'd', viewer),
  }),
  url: (hit) => `/corsi/${hit.slug}`,
});

registerSearchType({
  type: 'lesson',
  source: (viewer) => ({
    from: sql`course_lessons d JOIN courses c ON c.id = d.course_id`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    slug: sql`d.slug`,
    parent: sql`c.slug`,
    title: sql`d.title`,
    body: sql`d.body`,
    context: sql`c.title`,
    visible: courseAllowed('study', 'c', viewer),
  }),
  url: (hit) => `/corsi/${hit.parent}/lezioni/${hit.slug}`,
});

// People and administrations: the directory is public; the e-mail address is never indexed.
registerSearchType({
  type: 'member',
  source: () => ({
    from: sql`users d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    title: sql`d.name`,
    body: sql`concat_ws(' · ', nullif(d.job_title, ''), d.region, nullif(d.bio, ''))`,
    context: sql`(SELECT o.name FROM organizations o WHERE o.id = d.organization_id)`,
    visible: sql`true`,
  }),
  url: (hit) => `/membri/${hit.id}`,
});

registerSearchType({
  type: 'organization',
  source: () => ({
    from: sql`organizations d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    slug: sql`d.slug`,
    title: sql`d.name`,
    body: sql`concat_ws(' · ', d.name, d.region)`,
    context: sql`d.region`,
    visible: sql`true`,
  }),
  url: (hit) => `/enti/${hit.slug}`,
});

// The information channel: published articles (drafts and scheduled ones are found by no one: their
// writers reach them from /notizie), and the calendar's events by the calendar's own rule (not
// cancelled, course published, a group's event only for its readers).
registerSearchType({
  type: 'article',
  source: () => ({
    from: sql`articles d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    slug: sql`d.slug`,
    title: sql`d.title`,
    body: sql`d.summary || ' ' || d.body`,
    context: sql`nullif(d.law_reference, '')`,
    visible: sql`d.status = 'published'`,
  }),
  url: (hit) => `/notizie/${hit.slug}`,
});

registerSearchType({
  type: 'event',
  source: (viewer) => ({
    // Not aliased: the calendar's rule (eventVisibleTo) names its tables.
    from: sql`calendar_events LEFT JOIN courses ON courses.id = calendar_events.course_id`,
    vector: sql`calendar_events.search_vector`,
    id: sql`calendar_events.id`,
    title: sql`calendar_events.title`,
    body: sql`calendar_events.description || ' ' || calendar_events.place`,
    context: sql`to_char(calendar_events.starts_at AT TIME ZONE 'Europe/Rome', 'DD/MM/YYYY HH24:MI')`,
    visible: eventVisibleTo(viewer),
  }),
  url: (hit) => `/eventi/${hit.id}`,
});

// The good-practice registry: published practices only (drafts and practices in review are found by
// no one; archived ones stay readable at their address but leave the registry's search).
registerSearchType({
  type: 'practice',
  source: () => ({
    from: sql`practices d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    slug: sql`d.slug`,
    title: sql`d.title`,
    body: sql`d.summary || ' ' || d.objectives || ' ' || d.description`,
    context: sql`(SELECT o.name FROM organizations o WHERE o.id = d.organization_id)`,
    visible: sql`d.status = 'published'`,
  }),
  url: (hit) => `/buone-pratiche/${hit.slug}`,
});

// Cerco / Offro: active posts only (closed or expired ones leave the board and the search alike).
registerSearchType({
  type: 'exchange',
  source: () => ({
    from: sql`exchange_posts d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    title: sql`d.title`,
    body: sql`d.description`,
    context: sql`(SELECT o.name FROM organizations o WHERE o.id = d.organization_id)`,
    visible: sql`d.closed_at IS NULL AND d.expires_at > now()`,
  }),
  url: (hit) => `/cerco-offro/${hit.id}`,
});

// Questionnaires: the published ones, found by everyone, except a group's (its members find it on its page).
registerSearchType({
  type: 'questionnaire',
  source: () => ({
    from: sql`questionnaires d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    slug: sql`d.slug`,
    title: sql`d.title`,
    body: sql`d.summary || ' ' || d.intro`,
    visible: sql`d.status = 'published' AND d.audience <> 'group'`,
  }),
  url: (hit) => `/questionari/${hit.slug}`,
});

// The competence repertory: reference data, found by everyone (code and title weigh most, then the
// description, then knowledge and skills); the snippet is cut from the same texts.
registerSearchType({
  type: 'competence',
  source: () => ({
    from: sql`competences d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    slug: sql`d.code`,
    title: sql`d.code || ' – ' || d.title`,
    body: sql`d.description || ' ' || d.knowledge || ' ' || d.skills`,
    context: sql`(SELECT a.title FROM competence_areas a WHERE a.id = d.area_id)`,
    visible: sql`true`,
  }),
  url: (hit) => `/competenze/${hit.slug}`,
});

// Twinnings: approved and later ones for everyone, a proposal for those who run it (the list's rule).
registerSearchType({
  type: 'twinning',
  source: (viewer) => ({
    from: sql`twinnings d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    slug: sql`d.slug`,
    title: sql`d.title`,
    body: sql`d.summary || ' ' || d.programme`,
    context: sql`(SELECT string_agg(o.name, ', ' ORDER BY tor.position) FROM twinning_organizations tor
                  JOIN organizations o ON o.id = tor.organization_id WHERE tor.twinning_id = d.id)`,
    visible: twinningVisibleTo(viewer, { id: sql`d.id`, status: sql`d.status`, proposedBy: sql`d.proposed_by` }),
  }),
  url: (hit) => `/gemellaggi/${hit.slug}`,
});

// The training-offer catalogue: live offers (an expired one leaves the catalogue and the search).
registerSearchType({
  type: 'training_offer',
  source: () => ({
    from: sql`training_offers d`,
    vector: sql`d.search_vector`,
    id: sql`d.id`,
    title: sql`d.title`,
    body: sql`d.description || ' ' || d.target_audience`,
    context: sql`d.provider_name`,
    visible: sql`d.ends_on >= current_date`,
  }),
  url: (hit) => `/offerta-formativa/${hit.id}`,
});
