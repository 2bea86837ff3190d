// Loads the demo Cerco / Offro posts (exchange-data.ts) inside the demo's transaction, as if each had
// been posted `createdDaysAgo` days ago (and lasts six months unless it says otherwise). A post whose
// author or administration is missing is left out; a linked practice that is not published (or not
// in this database) is simply not linked. Skipped when there are posts already.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import { exchangePosts, organizations, practices } from '../../models/schema.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { DEFAULT_EXPIRY_MONTHS, monthsAfter } from '../features/exchange/exchange.schema.ts';
import { exchangePosts as demoPosts } from './exchange-data.ts';
import type { DemoExchangePost } from './types.ts';

export async function seedExchange(
  tx: Tx,
  userIdOf: (key: string) => number | undefined,
  now: number,
  posts: DemoExchangePost[] = demoPosts,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const [existing] = await tx.select({ id: exchangePosts.id }).from(exchangePosts).limit(1);
  if (existing) return ids;
  const orgIds = new Map(
    (await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations)).map((o) => [
      o.slug,
      o.id,
    ]),
  );
  // Oldest first, so ids follow time as they do for posts written live.
  for (const p of [...posts].sort((a, b) => b.createdDaysAgo - a.createdDaysAgo)) {
    const authorId = userIdOf(p.author);
    const organizationId = orgIds.get(p.organization);
    if (!authorId || !organizationId) continue;
    const [practice] = p.practice
      ? await tx
          .select({ id: practices.id })
          .from(practices)
          .where(and(eq(practices.slug, p.practice), eq(practices.status, 'published')))
      : [];
    const createdAt = new Date(now - p.createdDaysAgo * 86_400_000);
    const expiresAt =
      p.expiresInDays === undefined
        ? monthsAfter(createdAt, DEFAULT_EXPIRY_MONTHS)
        : new Date(createdAt.getTime() + p.expiresInDays * 86_400_000);
    const [row] = await tx
      .insert(exchangePosts)
      .values({
        kind: p.kind,
        authorId,
        organizationId,
        title: p.title,
        description: p.description,
        descriptionHtml: renderMarkdown(p.description),
        theme: p.theme,
        region: p.region,
        practiceId: practice?.id ?? null,
        expiresAt,
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: exchangePosts.id });
    ids.set(p.key, row!.id);
  }
  return ids;
}
