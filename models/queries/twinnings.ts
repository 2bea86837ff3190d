// Queries on twinnings: the record with its administrations, practices, models, milestones,
// participants and outcomes; the list (filtered, paged) under the one visibility rule
// (twinningVisibleTo: a proposal is seen by those who run it, an approved twinning by everyone);
// the home page's newest, a practice's twinnings, the sitemap.
import { and, asc, count, desc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import {
  attachments,
  calendarEvents,
  groups,
  organizations,
  practices,
  twinningAttachments,
  twinningMilestones,
  twinningModels,
  twinningOrganizations,
  twinningOutcomes,
  twinningParticipants,
  twinningPractices,
  twinnings,
  type Attachment,
  type Practice,
  type Twinning,
  type TwinningModel,
  type TwinningParticipant,
  type TwinningSide,
  type TwinningStatus,
} from '../schema.ts';
import type { GroupViewer } from './visibility.ts';
import { lockLinkableUploads } from './attachments.ts';
import { rowFromJson, rowsFromJson } from './json-rows.ts';

type NewTwinning = typeof twinnings.$inferInsert;

/** The outer twinning row's id, for subqueries (qualified: a one-table select names columns bare). */
const TWINNING_ID = sql.raw('"twinnings"."id"');

/**
 * The one rule of who sees a twinning: approved and later ones everyone; a proposal its proposer,
 * its participants, animators and admins. Pages, the API, search, the sitemap and the socket ask it.
 */
export function twinningVisibleTo(
  viewer: GroupViewer,
  t: { id: SQLWrapper; status: SQLWrapper; proposedBy: SQLWrapper } = twinnings,
): SQL {
  if (viewer && (viewer.role === 'admin' || viewer.role === 'animator')) return sql`true`;
  const open = sql`${t.status} <> 'proposed'`;
  if (!viewer) return open;
  return sql`(${open} OR ${t.proposedBy} = ${viewer.id}
    OR EXISTS (SELECT 1 FROM twinning_participants tp WHERE tp.twinning_id = ${t.id} AND tp.user_id = ${viewer.id}))`;
}

/** Inserts under this slug, or nothing when another row holds it (insertUnderFreeSlug tries the next). */
export async function insertTwinningIfSlugFree(db: DbOrTx, values: NewTwinning): Promise<Twinning | undefined> {
  const [row] = await db.insert(twinnings).values(values).onConflictDoNothing({ target: twinnings.slug }).returning();
  return row;
}

export async function updateTwinning(db: DbOrTx, id: number, values: Partial<NewTwinning>): Promise<Twinning> {
  const [row] = await db
    .update(twinnings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(twinnings.id, id))
    .returning();
  return row!;
}

export async function slugExists(db: DbOrTx, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: twinnings.id }).from(twinnings).where(eq(twinnings.slug, slug));
  return Boolean(row);
}

export async function findTwinning(db: DbOrTx, slug: string, opts: { lock?: boolean } = {}) {
  const q = db.select().from(twinnings).where(eq(twinnings.slug, slug));
  const [row] = await (opts.lock ? q.for('update') : q);
  return row;
}

export async function findTwinningById(db: DbOrTx, id: number): Promise<Twinning | undefined> {
  const [row] = await db.select().from(twinnings).where(eq(twinnings.id, id));
  return row;
}

/** The twinning whose discussion space a group is (null: not a twinning's). */
export async function twinningOfGroup(db: DbOrTx, groupId: number) {
  const [row] = await db
    .select({ id: twinnings.id, slug: twinnings.slug })
    .from(twinnings)
    .where(eq(twinnings.groupId, groupId));
  return row ?? null;
}

// --- administrations and practices ---------------------------------------------------------------

export async function organizationsBySlugs(db: DbOrTx, slugs: string[]) {
  if (!slugs.length) return [];
  return db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, region: organizations.region })
    .from(organizations)
    .where(inArray(organizations.slug, slugs));
}

export async function publishedPracticesBySlugs(db: DbOrTx, slugs: string[]) {
  if (!slugs.length) return [];
  return db
    .select({ id: practices.id, slug: practices.slug, title: practices.title, theme: practices.theme })
    .from(practices)
    .where(and(inArray(practices.slug, slugs), inArray(practices.status, ['published', 'archived'])));
}

export async function replaceSides(
  db: DbOrTx,
  twinningId: number,
  sides: { organizationId: number; side: TwinningSide; objectives: string }[],
): Promise<void> {
  await db.delete(twinningOrganizations).where(eq(twinningOrganizations.twinningId, twinningId));
  if (sides.length)
    await db.insert(twinningOrganizations).values(sides.map((s, position) => ({ ...s, twinningId, position })));
}

export async function replacePractices(db: DbOrTx, twinningId: number, practiceIds: number[]): Promise<void> {
  await db.delete(twinningPractices).where(eq(twinningPractices.twinningId, twinningId));
  if (practiceIds.length)
    await db
      .insert(twinningPractices)
      .values(practiceIds.map((practiceId, position) => ({ twinningId, practiceId, position })));
}

export type SideRow = {
  twinningId: number;
  organizationId: number;
  slug: string;
  name: string;
  region: string | null;
  side: TwinningSide;
  objectives: string;
};

export async function sidesOf(db: DbOrTx, twinningIds: number[]): Promise<SideRow[]> {
  if (!twinningIds.length) return [];
  return db
    .select({
      twinningId: twinningOrganizations.twinningId,
      organizationId: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      region: organizations.region,
      side: twinningOrganizations.side,
      objectives: twinningOrganizations.objectives,
    })
    .from(twinningOrganizations)
    .innerJoin(organizations, eq(organizations.id, twinningOrganizations.organizationId))
    .where(inArray(twinningOrganizations.twinningId, twinningIds))
    .orderBy(asc(twinningOrganizations.position));
}

export async function practicesOf(db: DbOrTx, twinningId: number) {
  return db
    .select({ id: practices.id, slug: practices.slug, title: practices.title, status: practices.status })
    .from(twinningPractices)
    .innerJoin(practices, eq(practices.id, twinningPractices.practiceId))
    .where(eq(twinningPractices.twinningId, twinningId))
    .orderBy(asc(twinningPractices.position));
}

// --- models and milestones -------------------------------------------------------------------------

export type TwinningFilter = {
  status?: TwinningStatus | undefined;
  region?: string | undefined;
  theme?: string | undefined;
  /** An administration on either side (its slug). */
  organization?: string | undefined;
  /** A source practice (its id). */
  practiceId?: number | undefined;
  limit: number;
  offset: number;
};

/** The outer twinning's sides (sidesOf), as json. */
const sidesJson = sql<SideRow[]>`coalesce((SELECT json_agg(json_build_object('twinningId', s.twinning_id,
    'organizationId', o.id, 'slug', o.slug, 'name', o.name, 'region', o.region, 'side', s.side,
    'objectives', s.objectives) ORDER BY s.position)
  FROM twinning_organizations s JOIN organizations o ON o.id = s.organization_id
  WHERE s.twinning_id = ${TWINNING_ID}), '[]'::json)`;

type Json = Record<string, unknown>;

/**
 * A twinning's page in one statement: the record, the viewer's participation, its sides, practices,
 * models, milestones (due order), participants, outcomes and documents, each as the separate query
 * of the same name returns it (findParticipant, sidesOf, practicesOf, modelsOf, milestonesOf,
 * participantsOf, outcomesOf, attachmentsOfTwinning).
 */
export async function findTwinningWithParts(db: DbOrTx, slug: string, viewerId: number | null) {
  const [row] = await db
    .select({
      twinning: twinnings,
      participation: sql<Json | null>`(SELECT to_json(p) FROM twinning_participants p
        WHERE p.twinning_id = ${TWINNING_ID} AND p.user_id = ${viewerId ?? 0})`,
      sides: sidesJson,
      practices: sql<{ id: number; slug: string; title: string; status: string }[]>`coalesce((SELECT json_agg(
          json_build_object('id', pr.id, 'slug', pr.slug, 'title', pr.title, 'status', pr.status) ORDER BY tp.position)
        FROM twinning_practices tp JOIN practices pr ON pr.id = tp.practice_id WHERE tp.twinning_id = ${TWINNING_ID}), '[]'::json)`,
      models: sql<Json[]>`coalesce((SELECT json_agg(m ORDER BY m.code) FROM twinning_models m
        WHERE m.twinning_id = ${TWINNING_ID}), '[]'::json)`,
      milestones: sql<Json[]>`coalesce((SELECT json_agg(ms ORDER BY ms.due_on, ms.id) FROM twinning_milestones ms
        JOIN twinning_models mm ON mm.id = ms.model_id WHERE mm.twinning_id = ${TWINNING_ID}), '[]'::json)`,
      participants: sql<Json[]>`coalesce((SELECT json_agg(json_build_object('userId', u.id, 'name', u.name,
          'role', pp.role, 'organizationId', pp.organization_id, 'organizationName', po.name, 'joinedAt', pp.joined_at)
          ORDER BY pp.joined_at, u.id)
        FROM twinning_participants pp JOIN users u ON u.id = pp.user_id
        LEFT JOIN organizations po ON po.id = pp.organization_id WHERE pp.twinning_id = ${TWINNING_ID}), '[]'::json)`,
      outcomes: sql<Json[]>`coalesce((SELECT json_agg(oc) FROM twinning_outcomes oc
        WHERE oc.twinning_id = ${TWINNING_ID}), '[]'::json)`,
      documents: sql<Json[]>`coalesce((SELECT json_agg(a ORDER BY ta.added_at, a.id) FROM twinning_attachments ta
        JOIN attachments a ON a.id = ta.attachment_id WHERE ta.twinning_id = ${TWINNING_ID}), '[]'::json)`,
    })
    .from(twinnings)
    .where(eq(twinnings.slug, slug));
  if (!row) return undefined;
  return {
    twinning: row.twinning,
    participation: row.participation ? rowFromJson(twinningParticipants, row.participation) : undefined,
    sides: row.sides,
    practices: row.practices as { id: number; slug: string; title: string; status: Practice['status'] }[],
    models: rowsFromJson(twinningModels, row.models),
    milestones: rowsFromJson(twinningMilestones, row.milestones),
    participants: row.participants.map((p) => ({
      ...(p as {
        userId: number;
        name: string;
        role: TwinningParticipant['role'];
        organizationId: number | null;
        organizationName: string | null;
      }),
      joinedAt: new Date(p.joinedAt as string),
    })),
    outcomes: rowsFromJson(twinningOutcomes, row.outcomes),
    documents: rowsFromJson(attachments, row.documents),
  };
}

export type TwinningListRow = {
  twinning: Twinning;
  sides: SideRow[];
  participantCount: number;
  progress: { done: number; total: number };
};

export async function listTwinnings(
  db: DbOrTx,
  viewer: GroupViewer,
  f: TwinningFilter,
): Promise<{ rows: TwinningListRow[]; total: number }> {
  const where = and(
    twinningVisibleTo(viewer),
    f.status ? eq(twinnings.status, f.status) : undefined,
    f.region ? eq(twinnings.region, f.region) : undefined,
    f.theme ? eq(twinnings.theme, f.theme as NonNullable<Twinning['theme']>) : undefined,
    f.organization
      ? sql`EXISTS (SELECT 1 FROM twinning_organizations fo JOIN organizations o ON o.id = fo.organization_id
                    WHERE fo.twinning_id = ${twinnings.id} AND o.slug = ${f.organization})`
      : undefined,
    f.practiceId
      ? sql`EXISTS (SELECT 1 FROM twinning_practices fp WHERE fp.twinning_id = ${twinnings.id} AND fp.practice_id = ${f.practiceId})`
      : undefined,
  );
  // A card's parts ride in the row: its sides (json), participants, milestones done and all, and
  // the number of rows the filter matches; a page of cards is one statement, not one per part.
  const found = await db
    .select({
      twinning: twinnings,
      sides: sidesJson,
      participantCount: sql<number>`(SELECT count(*)::int FROM twinning_participants p WHERE p.twinning_id = ${TWINNING_ID})`,
      done: sql<number>`(SELECT count(*)::int FROM twinning_milestones ms JOIN twinning_models m ON m.id = ms.model_id
        WHERE m.twinning_id = ${TWINNING_ID} AND ms.status = 'done')`,
      milestones: sql<number>`(SELECT count(*)::int FROM twinning_milestones ms JOIN twinning_models m ON m.id = ms.model_id
        WHERE m.twinning_id = ${TWINNING_ID})`,
      total: sql<number>`(count(*) OVER ())::int`,
    })
    .from(twinnings)
    .where(where)
    .orderBy(desc(twinnings.createdAt), desc(twinnings.id))
    .limit(f.limit)
    .offset(f.offset);
  // Past the last page there is no row to carry the total: it is counted apart.
  const total =
    found[0]?.total ??
    (f.offset > 0 ? Number((await db.select({ n: count() }).from(twinnings).where(where))[0]?.n ?? 0) : 0);
  const rows = found.map(({ twinning, sides, participantCount, done, milestones }) => ({
    twinning,
    sides,
    participantCount,
    progress: { done, total: milestones },
  }));
  return { rows, total };
}

/** The administrations that appear in some visible twinning (the list's filter). */
export async function organizationsInTwinnings(db: DbOrTx, viewer: GroupViewer) {
  return db
    .selectDistinct({ slug: organizations.slug, name: organizations.name })
    .from(twinningOrganizations)
    .innerJoin(organizations, eq(organizations.id, twinningOrganizations.organizationId))
    .innerJoin(twinnings, eq(twinnings.id, twinningOrganizations.twinningId))
    .where(twinningVisibleTo(viewer))
    .orderBy(asc(organizations.name));
}

/** The sitemap: approved and later twinnings. */
export async function publicTwinningPages(db: DbOrTx, limit: number) {
  const rows = await db
    .select({ slug: twinnings.slug, updatedAt: twinnings.updatedAt })
    .from(twinnings)
    .where(twinningVisibleTo(null))
    .orderBy(desc(twinnings.updatedAt))
    .limit(limit);
  return rows.map((r) => ({ path: `/gemellaggi/${r.slug}`, lastmod: r.updatedAt }));
}

/** The calendar events linked to a twinning (the caller filters them by the calendar's visibility). */
export async function twinningEventIds(db: DbOrTx, twinningId: number): Promise<number[]> {
  const rows = await db
    .select({ id: calendarEvents.id })
    .from(calendarEvents)
    .where(and(eq(calendarEvents.twinningId, twinningId), sql`${calendarEvents.cancelledAt} IS NULL`));
  return rows.map((r) => r.id);
}

export async function updateModelThread(db: DbOrTx, modelId: number, threadId: number): Promise<TwinningModel> {
  const [row] = await db.update(twinningModels).set({ threadId }).where(eq(twinningModels.id, modelId)).returning();
  return row!;
}

export async function groupSlugOf(db: DbOrTx, groupId: number): Promise<string | null> {
  const [row] = await db.select({ slug: groups.slug }).from(groups).where(eq(groups.id, groupId));
  return row?.slug ?? null;
}

/** The practice's owner administration (a proposal's offering side by default). */
export async function ownerOrganizationSlug(db: DbOrTx, practiceId: number): Promise<string | null> {
  const [row] = await db
    .select({ slug: organizations.slug })
    .from(practices)
    .innerJoin(organizations, eq(organizations.id, practices.organizationId))
    .where(eq(practices.id, practiceId));
  return row?.slug ?? null;
}

export async function organizationSlugById(db: DbOrTx, id: number): Promise<string | null> {
  const [row] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, id));
  return row?.slug ?? null;
}

// --- documents -----------------------------------------------------------------------------------

export async function attachmentsOfTwinning(db: DbOrTx, twinningId: number): Promise<Attachment[]> {
  const rows = await db
    .select({ attachment: attachments })
    .from(twinningAttachments)
    .innerJoin(attachments, eq(attachments.id, twinningAttachments.attachmentId))
    .where(eq(twinningAttachments.twinningId, twinningId))
    .orderBy(asc(twinningAttachments.addedAt), asc(attachments.id));
  return rows.map((r) => r.attachment);
}

/** Links uploads of `uploaderId` to a twinning, all or none; returns how many (fewer than asked: refuse). */
export async function linkTwinningAttachments(db: DbOrTx, twinningId: number, ids: number[], uploaderId: number) {
  if (!ids.length) return 0;
  const free = await lockLinkableUploads(db, ids, uploaderId);
  if (free !== ids.length) return free;
  const linked = await db
    .insert(twinningAttachments)
    .values(ids.map((attachmentId) => ({ attachmentId, twinningId, addedBy: uploaderId })))
    .onConflictDoNothing()
    .returning({ id: twinningAttachments.attachmentId });
  return linked.length;
}

/** The twinning a document belongs to (its read rule decides who downloads it). */
export async function twinningOfAttachment(db: DbOrTx, attachmentId: number) {
  const [row] = await db
    .select({ slug: twinnings.slug })
    .from(twinningAttachments)
    .innerJoin(twinnings, eq(twinnings.id, twinningAttachments.twinningId))
    .where(eq(twinningAttachments.attachmentId, attachmentId));
  return row;
}

// Models, milestones, participants and outcomes: their own file, re-exported for the callers.
export * from './twinning-work.ts';
