// Demo content for a first start outside production: administrations, members and groups drawn
// from the seed documents, so the home page is alive on the first visit. Idempotent: existing
// rows (by slug or e-mail) are left as they are.
import { groupMemberships, groups, organizations, users } from '../../models/schema.ts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import { countUsers } from '../../models/queries/users.ts';
import type { Deps } from '../core/deps.ts';
import { handleFrom } from '../core/slug.ts';
import { hashPassword } from '../features/accounts/passwords.ts';
import { demoContent } from './data.ts';
import type { DemoContent } from './types.ts';
import { demoThreads } from './discussions-data.ts';
import { seedDiscussions } from './seed-discussions.ts';
import { demoArticles } from './articles-data.ts';
import { seedArticles } from './seed-articles.ts';
import { seedEvents } from './seed-events.ts';
import { practices as demoPractices } from './practices-data.ts';
import { seedPractices } from './seed-practices.ts';
import { seedExchange } from './seed-exchange.ts';
import { seedConversations } from './seed-conversations.ts';
import { seedPracticeReuses } from './seed-practice-reuses.ts';
import { seedPracticeCompetences } from './seed-competences.ts';
import { seedOffers } from './seed-offers.ts';
import { seedMonitoringTargets } from './seed-monitoring.ts';
import { seedTwinnings } from './seed-twinnings.ts';

/** The password of every demo account. Demo content is never loaded in production. */
export const DEMO_PASSWORD = 'retespi-demo';

const daysAgo = (days: number, now: number) => new Date(now - days * 86_400_000);

export async function seedDemo(
  deps: Deps,
  content: DemoContent = demoContent,
): Promise<{ organizations: number; members: number; groups: number; threads: number }> {
  const now = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counts = await deps.database.db.transaction(async (tx) => {
    const orgRows = await tx
      .insert(organizations)
      .values(content.organizations.map((o) => ({ ...o, createdAt: daysAgo(1000, now) })))
      .onConflictDoNothing()
      .returning({ id: organizations.id });
    const orgIds = new Map(
      (await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations)).map((o) => [
        o.slug,
        o.id,
      ]),
    );

    const current = await tx.select({ email: users.email, handle: users.handle }).from(users);
    const existing = new Set(current.map((u) => u.email.toLowerCase()));
    const handles = new Set(current.map((u) => u.handle));
    const newMembers = content.members.filter((m) => !existing.has(m.email.toLowerCase()));
    const handleOf = (name: string) => {
      const base = handleFrom(name);
      let handle = base;
      for (let n = 2; handles.has(handle); n++) handle = `${base}${n}`;
      handles.add(handle);
      return handle;
    };
    if (newMembers.length) {
      await tx.insert(users).values(
        newMembers.map((m) => ({
          name: m.name,
          handle: handleOf(m.name),
          email: m.email,
          passwordHash,
          role: m.role,
          organizationId: orgIds.get(m.organization) ?? null,
          jobTitle: m.jobTitle,
          region: m.region,
          bio: m.bio,
          createdAt: daysAgo(m.joinedDaysAgo, now),
          lastLoginAt: m.lastLoginDaysAgo === null ? null : daysAgo(m.lastLoginDaysAgo, now),
        })),
      );
    }
    const userIds = new Map(
      (await tx.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email.toLowerCase(), u.id]),
    );
    const idOf = (key: string) => {
      const member = content.members.find((m) => m.key === key);
      return member ? userIds.get(member.email.toLowerCase()) : undefined;
    };

    let groupCount = 0;
    for (const g of content.groups) {
      const [row] = await tx
        .insert(groups)
        .values({
          slug: g.slug,
          name: g.name,
          description: g.description,
          theme: g.theme,
          visibility: g.visibility,
          createdBy: idOf(g.owner) ?? null,
          createdAt: daysAgo(g.createdDaysAgo, now),
        })
        .onConflictDoNothing()
        .returning({ id: groups.id });
      if (!row) continue;
      groupCount++;
      const joinedDaysAgo = (key: string) => content.members.find((m) => m.key === key)?.joinedDaysAgo ?? 0;
      const memberships = g.members
        .map((m) => ({
          groupId: row.id,
          userId: idOf(m.key),
          role: m.role,
          // Nobody joins a group before the group exists or before they registered.
          createdAt: daysAgo(Math.min(g.createdDaysAgo, joinedDaysAgo(m.key)), now),
        }))
        .filter((m): m is typeof m & { userId: number } => m.userId !== undefined);
      if (memberships.length) await tx.insert(groupMemberships).values(memberships).onConflictDoNothing();
    }
    const threadCount = await seedDiscussions(tx, content, demoThreads, now);
    await seedArticles(tx, deps.config.attachmentsDir, content, demoArticles, now);
    await seedEvents(tx, idOf, now);
    await seedPractices(tx, content, demoPractices, now);
    // Right after seedPractices: the public practices' reuse declarations and stories (no practice: nothing).
    await seedPracticeReuses(tx, content, demoPractices, now);
    // The repertory's competences the demo practices develop (the repertory is reference data).
    await seedPracticeCompetences(tx);
    // Last of the content: the Cerco/Offro posts link practices seeded before them.
    await seedExchange(tx, idOf, now);
    await seedConversations(tx, idOf, now);
    // The animator's targets for the year on the monitoring dashboard.
    await seedMonitoringTargets(tx, idOf, now);
    // The twinnings transfer practices seeded above; their spaces' threads go into the feed's history.
    await seedTwinnings(tx, content, idOf, now);
    // The training-offer catalogue's three providers and their offers (before the feed's history).
    await seedOffers(tx, now);
    await seedActivityHistory(tx);
    return { organizations: orgRows.length, members: newMembers.length, groups: groupCount, threads: threadCount };
  });
  return counts;
}

/** Loads demo content when the database has no users yet (first start). */
export async function seedDemoIfEmpty(deps: Deps): Promise<boolean> {
  if ((await countUsers(deps.database.db)) > 0) return false;
  const counts = await seedDemo(deps);
  deps.log.info(counts, `demo content loaded (every demo account's password: ${DEMO_PASSWORD})`);
  return true;
}

/** The feed's history for the demo content, as if each thing had been published when it happened. */
async function seedActivityHistory(tx: Tx): Promise<void> {
  const [{ n } = { n: 0 }] = (
    (await tx.execute(sql`SELECT count(*)::int AS n FROM activities`)) as { rows: { n: number }[] }
  ).rows;
  if (n > 0) return;
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'user.registered', id, 'user', id, name, '/membri/' || id, 'public', created_at FROM users`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, group_id, audience, created_at)
    SELECT 'group.created', created_by, 'group', id, name, '/gruppi/' || slug, id, 'group', created_at FROM groups`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, group_id, thread_id, audience, created_at)
    SELECT 'thread.created', author_id, 'thread', id, title, '/discussioni/' || id, group_id, id, 'group', created_at FROM threads`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, group_id, thread_id, audience, created_at)
    SELECT 'post.created', p.author_id, 'post', p.id, t.title, '/messaggi/' || p.id, t.group_id, t.id, 'group', p.created_at
      FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.position > 1`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'article.published', author_id, 'article', id, title, '/notizie/' || slug, 'public', published_at
      FROM articles WHERE status = 'published'`);
  // A practice's validation is announced with its publication (never before: it was not public).
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'practice.validated', v.validator_id, 'practice', p.id, p.title, '/buone-pratiche/' || p.slug, 'public', p.published_at
      FROM practices p JOIN LATERAL (SELECT validator_id FROM practice_validations WHERE practice_id = p.id
                                     AND decision = 'validated' ORDER BY id DESC LIMIT 1) v ON true
     WHERE p.published_at IS NOT NULL`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'practice.published', created_by, 'practice', id, title, '/buone-pratiche/' || slug, 'public', published_at
      FROM practices WHERE published_at IS NOT NULL`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'exchange.posted', author_id, 'exchange', id, title, '/cerco-offro/' || id, 'public', created_at
      FROM exchange_posts`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'practice.reused', r.declared_by, 'practice', p.id, p.title, '/buone-pratiche/' || p.slug, 'public', r.created_at
      FROM practice_reuses r JOIN practices p ON p.id = r.practice_id WHERE p.status IN ('published', 'archived')`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'story.published', s.author_id, 'story', s.id, p.title, '/buone-pratiche/' || p.slug || '#storia-' || s.id, 'public', s.moderated_at
      FROM practice_stories s JOIN practices p ON p.id = s.practice_id WHERE s.status = 'published' AND p.status IN ('published', 'archived')`);
  // Twinnings past their proposal are public: their creation (approval) is in the feed.
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'twinning.created', coalesce(approved_by, created_by), 'twinning', id, title, '/gemellaggi/' || slug, 'public',
           coalesce(approved_at, created_at)
      FROM twinnings WHERE status <> 'proposed'`);
  await tx.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'training_offer.published', created_by, 'training_offer', id, title, '/offerta-formativa/' || id, 'public', created_at
      FROM training_offers WHERE ends_on >= current_date`);
  // Ids follow time, as they do for live activity, so cursors and "newer than" work on the history too.
  await tx.execute(sql`
    UPDATE activities a SET id = -r.rn FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rn FROM activities) r WHERE a.id = r.id`);
  await tx.execute(sql`UPDATE activities SET id = -id`);
  await tx.execute(
    sql`SELECT setval(pg_get_serial_sequence('public.activities', 'id'), (SELECT max(id) FROM activities))`,
  );
}
