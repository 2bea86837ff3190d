// Queries on administrations (organizations).
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { exchangePosts, organizations, users, type Organization } from '../schema.ts';

export type NewOrganization = typeof organizations.$inferInsert;
export type OrganizationWithCount = Organization & { memberCount: number };

export async function findOrganizationBySlug(db: DbOrTx, slug: string): Promise<Organization | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row;
}

export async function findOrganizationById(db: DbOrTx, id: number): Promise<Organization | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function findOrganizationByName(db: DbOrTx, name: string): Promise<Organization | undefined> {
  const [row] = await db
    .select()
    .from(organizations)
    .where(sql`lower(${organizations.name}) = lower(${name})`)
    .orderBy(asc(organizations.id))
    .limit(1);
  return row;
}

export async function slugExists(db: DbOrTx, slug: string): Promise<boolean> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  return Boolean(row);
}

export async function insertOrganization(db: DbOrTx, values: NewOrganization): Promise<Organization> {
  const [row] = await db.insert(organizations).values(values).returning();
  return row!;
}

/** Inserts unless the slug or the name (case-insensitively) is taken: then undefined, no error. */
export async function insertOrganizationIfFree(db: DbOrTx, values: NewOrganization): Promise<Organization | undefined> {
  const [row] = await db.insert(organizations).values(values).onConflictDoNothing().returning();
  return row;
}

export type OrganizationFilter = {
  region?: string | undefined;
  kind?: string | undefined;
  verified?: boolean | undefined;
};

export async function listOrganizations(db: DbOrTx, filter: OrganizationFilter = {}): Promise<OrganizationWithCount[]> {
  const conds: SQL[] = [];
  if (filter.region) conds.push(eq(organizations.region, filter.region));
  if (filter.kind) conds.push(eq(organizations.kind, filter.kind as Organization['kind']));
  if (filter.verified !== undefined) conds.push(eq(organizations.verified, filter.verified));
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      region: organizations.region,
      verified: organizations.verified,
      createdAt: organizations.createdAt,
      memberCount: count(users.id),
    })
    .from(organizations)
    .leftJoin(users, eq(users.organizationId, organizations.id))
    .where(conds.length ? and(...conds) : undefined)
    .groupBy(organizations.id)
    .orderBy(asc(organizations.name));
}

/** How many administrations there are, and how many of them still wait for an admin's check. */
export async function countOrganizations(db: DbOrTx): Promise<{ total: number; unverified: number }> {
  const [row] = await db
    .select({ total: count(), unverified: sql<number>`count(*) FILTER (WHERE NOT ${organizations.verified})::int` })
    .from(organizations);
  return { total: row?.total ?? 0, unverified: row?.unverified ?? 0 };
}

export async function setVerified(db: DbOrTx, id: number, verified: boolean): Promise<Organization | undefined> {
  const [row] = await db.update(organizations).set({ verified }).where(eq(organizations.id, id)).returning();
  return row;
}

export async function updateOrganization(
  db: DbOrTx,
  id: number,
  values: Partial<NewOrganization>,
): Promise<Organization | undefined> {
  const [row] = await db.update(organizations).set(values).where(eq(organizations.id, id)).returning();
  return row;
}

/** Moves every member of `fromId` to `intoId` and deletes `fromId`. Call inside a transaction. */
export async function mergeOrganizations(db: DbOrTx, fromId: number, intoId: number): Promise<number> {
  const moved = await db
    .update(users)
    .set({ organizationId: intoId })
    .where(eq(users.organizationId, fromId))
    .returning({ id: users.id });
  // Cerco/Offro posts speak for the administration: they follow it.
  await db.update(exchangePosts).set({ organizationId: intoId }).where(eq(exchangePosts.organizationId, fromId));
  await movePractices(db, fromId, intoId);
  await db.delete(organizations).where(eq(organizations.id, fromId));
  return moved.length;
}

/**
 * The registry follows the merged administration: practices it leads or co-owns, its reuse
 * declarations (where both had declared the same practice, the surviving one's stays) and its
 * stories; the reuse counts are recounted.
 */
async function movePractices(db: DbOrTx, fromId: number, intoId: number): Promise<void> {
  await db.execute(sql`UPDATE practices SET organization_id = ${intoId} WHERE organization_id = ${fromId}`);
  await db.execute(sql`
    INSERT INTO practice_organizations (practice_id, organization_id)
    SELECT po.practice_id, ${intoId} FROM practice_organizations po JOIN practices p ON p.id = po.practice_id
     WHERE po.organization_id = ${fromId} AND p.organization_id <> ${intoId}
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`DELETE FROM practice_organizations WHERE organization_id = ${fromId}`);
  // A lead is not also a co-owner.
  await db.execute(sql`
    DELETE FROM practice_organizations po USING practices p
     WHERE p.id = po.practice_id AND po.organization_id = p.organization_id`);
  const touched = await db.execute(sql`
    UPDATE practice_reuses r SET organization_id = ${intoId}
     WHERE r.organization_id = ${fromId}
       AND NOT EXISTS (SELECT 1 FROM practice_reuses o WHERE o.practice_id = r.practice_id AND o.organization_id = ${intoId})
    RETURNING r.practice_id`);
  const dropped = await db.execute(
    sql`DELETE FROM practice_reuses WHERE organization_id = ${fromId} RETURNING practice_id`,
  );
  // A reuse of one's own practice is not a reuse.
  const own = await db.execute(sql`
    DELETE FROM practice_reuses r USING practices p
     WHERE p.id = r.practice_id AND r.organization_id = ${intoId}
       AND (p.organization_id = ${intoId}
            OR EXISTS (SELECT 1 FROM practice_organizations po WHERE po.practice_id = p.id AND po.organization_id = ${intoId}))
    RETURNING r.practice_id`);
  const ids = [touched, dropped, own].flatMap((r) =>
    (r as unknown as { rows: { practice_id: number }[] }).rows.map((x) => x.practice_id),
  );
  if (ids.length)
    await db.execute(sql`
      UPDATE practices p SET reuse_count = (SELECT count(*) FROM practice_reuses r WHERE r.practice_id = p.id)
       WHERE p.id IN (${sql.join(
         ids.map((id) => sql`${id}`),
         sql`, `,
       )})`);
  await db.execute(sql`UPDATE practice_stories SET organization_id = ${intoId} WHERE organization_id = ${fromId}`);
}
