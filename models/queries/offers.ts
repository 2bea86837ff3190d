// The training-offer catalogue's queries. An offer whose end date has passed is expired: the
// catalogue's queries leave it out by date (current_date), no job removes it.
import { and, asc, count, desc, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { organizations, trainingOffers, type NewTrainingOffer, type TrainingOffer } from '../schema.ts';

export type OfferRow = TrainingOffer & { organizationSlug: string; organizationName: string; expired: boolean };

export type OfferFilter = {
  province?: string | undefined;
  theme?: string | undefined;
  /** Offers still running on or after this day (ISO date). */
  from?: string | undefined;
  /** Offers starting on or before this day (ISO date). */
  to?: string | undefined;
  free?: boolean | undefined;
  online?: boolean | undefined;
  q?: string | undefined;
  organizationId?: number | undefined;
};

const live = sql`${trainingOffers.endsOn} >= current_date`;

const selection = {
  offer: trainingOffers,
  organizationSlug: organizations.slug,
  organizationName: organizations.name,
  expired: sql<boolean>`${trainingOffers.endsOn} < current_date`,
};

const flat = (r: { offer: TrainingOffer; organizationSlug: string; organizationName: string; expired: boolean }) =>
  ({
    ...r.offer,
    organizationSlug: r.organizationSlug,
    organizationName: r.organizationName,
    expired: r.expired,
  }) as OfferRow;

function conditions(filter: OfferFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [live];
  if (filter.province) where.push(eq(trainingOffers.province, filter.province));
  if (filter.theme) where.push(eq(trainingOffers.theme, filter.theme));
  if (filter.from) where.push(gte(trainingOffers.endsOn, filter.from));
  if (filter.to) where.push(lte(trainingOffers.startsOn, filter.to));
  if (filter.free) where.push(eq(trainingOffers.costCents, 0));
  if (filter.online !== undefined) where.push(eq(trainingOffers.online, filter.online));
  if (filter.organizationId) where.push(eq(trainingOffers.organizationId, filter.organizationId));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`;
    where.push(
      or(
        ilike(trainingOffers.title, like),
        ilike(trainingOffers.description, like),
        ilike(trainingOffers.providerName, like),
        ilike(trainingOffers.targetAudience, like),
      ),
    );
  }
  return and(...where);
}

/** One page of the live catalogue (soonest start first) and how many offers match. */
export async function listOffers(
  db: DbOrTx,
  filter: OfferFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: OfferRow[]; total: number }> {
  const where = conditions(filter);
  const [rows, [totals]] = await Promise.all([
    db
      .select(selection)
      .from(trainingOffers)
      .innerJoin(organizations, eq(organizations.id, trainingOffers.organizationId))
      .where(where)
      .orderBy(asc(trainingOffers.startsOn), asc(trainingOffers.title), asc(trainingOffers.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(trainingOffers).where(where),
  ]);
  return { rows: rows.map(flat), total: totals?.total ?? 0 };
}

/** Every live offer, for the open data export (newest change last is irrelevant: by start). */
export async function allLiveOffers(db: DbOrTx): Promise<OfferRow[]> {
  const rows = await db
    .select(selection)
    .from(trainingOffers)
    .innerJoin(organizations, eq(organizations.id, trainingOffers.organizationId))
    .where(live)
    .orderBy(asc(trainingOffers.startsOn), asc(trainingOffers.id));
  return rows.map(flat);
}

/** An offer, live or expired. */
export async function findOffer(db: DbOrTx, id: number): Promise<OfferRow | undefined> {
  const [row] = await db
    .select(selection)
    .from(trainingOffers)
    .innerJoin(organizations, eq(organizations.id, trainingOffers.organizationId))
    .where(eq(trainingOffers.id, id));
  return row && flat(row);
}

/** A provider's offer by the provider's own identifier, locked for an upsert. */
export async function lockOfferByExternalId(
  db: DbOrTx,
  organizationId: number,
  externalId: string,
): Promise<TrainingOffer | undefined> {
  const [row] = await db
    .select()
    .from(trainingOffers)
    .where(and(eq(trainingOffers.organizationId, organizationId), eq(trainingOffers.externalId, externalId)))
    .for('update');
  return row;
}

export async function insertOffer(db: DbOrTx, values: NewTrainingOffer): Promise<TrainingOffer> {
  const [row] = await db.insert(trainingOffers).values(values).returning();
  return row!;
}

export async function updateOffer(
  db: DbOrTx,
  id: number,
  values: Partial<NewTrainingOffer>,
): Promise<TrainingOffer | undefined> {
  const [row] = await db
    .update(trainingOffers)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(trainingOffers.id, id))
    .returning();
  return row;
}

export async function deleteOffer(db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db.delete(trainingOffers).where(eq(trainingOffers.id, id)).returning({ id: trainingOffers.id });
  return rows.length > 0;
}

/** The provinces that have live offers, for the filter (code and count). */
export async function liveProvinces(db: DbOrTx): Promise<{ province: string; n: number }[]> {
  return db
    .select({ province: sql<string>`${trainingOffers.province}`, n: count() })
    .from(trainingOffers)
    .where(and(live, sql`${trainingOffers.province} IS NOT NULL`))
    .groupBy(trainingOffers.province)
    .orderBy(asc(trainingOffers.province));
}

/** The catalogue and its live offers, for the sitemap. */
export async function liveOfferPages(db: DbOrTx, limit: number): Promise<{ path: string; lastmod: Date | null }[]> {
  const rows = await db
    .select({ id: trainingOffers.id, updatedAt: trainingOffers.updatedAt })
    .from(trainingOffers)
    .where(live)
    .orderBy(desc(trainingOffers.updatedAt))
    .limit(limit);
  return [
    { path: '/offerta-formativa', lastmod: null },
    ...rows.map((r) => ({ path: `/offerta-formativa/${r.id}`, lastmod: r.updatedAt })),
  ];
}
