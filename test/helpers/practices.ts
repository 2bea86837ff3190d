// Practices for the catalogue and reuse tests, written straight into the tables (the records'
// service lives in its own feature): a published practice by default, with its lead administration
// created on demand; and a small RFC 4180 reader for the open-data CSV.
import { eq } from 'drizzle-orm';
import { insertOrganization } from '../../models/queries/organizations.ts';
import {
  organizations,
  practiceAuthors,
  practiceOrganizations,
  practices,
  users,
  type NewPractice,
  type Organization,
  type OrganizationKind,
  type Practice,
  type User,
} from '../../models/schema.ts';
import type { Deps } from '../../server/core/deps.ts';
import { parse } from 'csv-parse/sync';

let n = 0;
const DAY = 86_400_000;

export async function createOrganization(
  deps: Deps,
  overrides: { name?: string; kind?: OrganizationKind; region?: string } = {},
): Promise<Organization> {
  n += 1;
  const name = overrides.name ?? `Ente di prova ${n}`;
  return insertOrganization(deps.database.db, {
    slug: `ente-prova-${n}-${Date.now()}`,
    name,
    kind: overrides.kind ?? 'region',
    region: overrides.region ?? 'Toscana',
  });
}

/** Moves a person into an administration (registration names one by text). */
export async function joinOrganization(deps: Deps, user: User, organization: Organization | null): Promise<void> {
  await deps.database.db
    .update(users)
    .set({ organizationId: organization?.id ?? null })
    .where(eq(users.id, user.id));
}

export const COMPONENTS = [
  { code: 'A', title: 'Modello A – Formazione blended', description: 'Percorsi TRIO per gli operatori.' },
  { code: 'B', title: 'Modello B – Libretto formativo', description: 'Il libretto delle competenze.' },
  { code: 'C', title: 'Modello C – Repertorio', description: 'Il repertorio regionale delle competenze.' },
];

export type PracticeOverrides = Partial<NewPractice> & {
  organization?: Organization;
  coOwners?: Organization[];
  authors?: User[];
  publishedDaysAgo?: number;
};

/** A practice (published unless told otherwise), its lead administration made when not given. */
export async function createPractice(deps: Deps, overrides: PracticeOverrides = {}): Promise<Practice> {
  n += 1;
  const { organization, coOwners = [], authors = [], publishedDaysAgo = 1, ...values } = overrides;
  const lead = organization ?? (await createOrganization(deps));
  const status = values.status ?? 'published';
  const shown = status === 'published' || status === 'archived';
  const publishedAt = new Date(Date.now() - publishedDaysAgo * DAY);
  const [practice] = await deps.database.db
    .insert(practices)
    .values({
      slug: `pratica-di-prova-${n}`,
      title: `Pratica di prova ${n}`,
      summary: 'Una pratica per le prove.',
      description: 'La descrizione della pratica.',
      region: 'Toscana',
      theme: 'servizi-impiego',
      components: COMPONENTS,
      licence: 'CC BY 4.0',
      version: shown ? 1 : 0,
      publishedAt: shown ? publishedAt : null,
      archivedAt: status === 'archived' ? new Date() : null,
      createdBy: authors[0]?.id ?? null,
      ...values,
      status,
      organizationId: lead.id,
    })
    .returning();
  for (const co of coOwners)
    await deps.database.db.insert(practiceOrganizations).values({ practiceId: practice!.id, organizationId: co.id });
  for (const a of authors.slice(1))
    await deps.database.db.insert(practiceAuthors).values({ practiceId: practice!.id, userId: a.id });
  return practice!;
}

export async function organizationOf(deps: Deps, user: User): Promise<Organization> {
  const [row] = await deps.database.db.select().from(organizations).where(eq(organizations.id, user.organizationId!));
  return row!;
}

/** Parses CSV (quoted cells, "" for a quote, CRLF or LF), dropping a leading BOM. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true });
}
