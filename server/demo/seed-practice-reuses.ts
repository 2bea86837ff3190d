// Loads the demo practices' reuse declarations and stories (DemoPractice.reuses and .stories) inside
// the demo's transaction, for the practices that exist and are public, published or archived (an
// archived practice keeps the reuses declared while it was published; seedPractices writes the
// practices first; with none, nothing happens). A practice that already has reuses or stories is left as it is,
// so seeding twice adds nothing. Each practice's reuse_count follows its declarations.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import { ownerOrganizationIds, refreshReuseCount } from '../../models/queries/practice-reuses.ts';
import { organizations, practiceReuses, practices, practiceStories, users } from '../../models/schema.ts';
import { renderMarkdown } from '../core/markdown.ts';
import type { DemoContent, DemoPractice } from './types.ts';

const daysAgo = (days: number, now: number) => new Date(now - days * 86_400_000);

export async function seedPracticeReuses(
  tx: Tx,
  content: DemoContent,
  demo: DemoPractice[],
  now: number,
): Promise<{ reuses: number; stories: number }> {
  const counts = { reuses: 0, stories: 0 };
  if (!demo.length) return counts;
  const rows = await tx
    .select({
      id: practices.id,
      slug: practices.slug,
      organizationId: practices.organizationId,
      components: practices.components,
    })
    .from(practices)
    .where(
      and(
        inArray(practices.status, ['published', 'archived']),
        inArray(
          practices.slug,
          demo.map((p) => p.slug),
        ),
      ),
    );
  if (!rows.length) return counts;
  const emails = new Map(content.members.map((m) => [m.key, m.email.toLowerCase()]));
  const people = new Map(
    (await tx.select({ id: users.id, email: users.email, organizationId: users.organizationId }).from(users)).map(
      (u) => [u.email.toLowerCase(), u],
    ),
  );
  const personOf = (key: string) => people.get(emails.get(key) ?? '');
  const orgIds = new Map(
    (await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations)).map((o) => [
      o.slug,
      o.id,
    ]),
  );
  // The first animator moderates the demo's stories.
  const moderator = content.members.find((m) => m.role === 'animator');
  const moderatorId = moderator ? (personOf(moderator.key)?.id ?? null) : null;

  for (const practice of rows) {
    const d = demo.find((p) => p.slug === practice.slug)!;
    const [reused] = await tx
      .select({ id: practiceReuses.id })
      .from(practiceReuses)
      .where(eq(practiceReuses.practiceId, practice.id))
      .limit(1);
    const [told] = await tx
      .select({ id: practiceStories.id })
      .from(practiceStories)
      .where(eq(practiceStories.practiceId, practice.id))
      .limit(1);
    if (reused || told) continue;
    const owners = await ownerOrganizationIds(tx, practice);
    const codes = practice.components.map((c) => c.code);
    for (const r of d.reuses) {
      const organizationId = orgIds.get(r.organization);
      // An owner never declares its own practice's reuse; an unknown administration is left out.
      if (!organizationId || owners.includes(organizationId)) continue;
      const at = daysAgo(r.daysAgo, now);
      const inserted = await tx
        .insert(practiceReuses)
        .values({
          practiceId: practice.id,
          organizationId,
          declaredBy: personOf(r.declaredBy)?.id ?? null,
          status: r.status,
          startedOn: r.startedOn,
          components: codes.filter((c) => r.components.includes(c)),
          adaptationNotes: r.adaptationNotes,
          outcome: r.outcome,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing()
        .returning({ id: practiceReuses.id });
      counts.reuses += inserted.length;
    }
    await refreshReuseCount(tx, practice.id);
    for (const s of d.stories) {
      const author = personOf(s.author);
      if (!author) continue;
      const at = daysAgo(s.daysAgo, now);
      const decided = s.status !== 'pending';
      await tx.insert(practiceStories).values({
        practiceId: practice.id,
        authorId: author.id,
        organizationId: author.organizationId,
        title: s.title,
        body: s.body,
        bodyHtml: renderMarkdown(s.body),
        status: s.status,
        moderatedBy: decided ? moderatorId : null,
        // Moderated the day after, never later than now.
        moderatedAt: decided ? new Date(Math.min(now, at.getTime() + 86_400_000)) : null,
        createdAt: at,
      });
      counts.stories++;
    }
  }
  return counts;
}
