// Demo content for a first start outside production: administrations, members and groups drawn
// from the seed documents, so the home page is alive on the first visit. Idempotent: existing
// rows (by slug or e-mail) are left as they are.
import { groupMemberships, groups, organizations, users } from '../../models/schema.ts';
import { countUsers } from '../../models/queries/users.ts';
import type { Deps } from '../core/deps.ts';
import { handleFrom } from '../core/slug.ts';
import { hashPassword } from '../features/accounts/passwords.ts';
import { demoContent } from './data.ts';
import type { DemoContent } from './types.ts';
import { demoThreads } from './discussions-data.ts';
import { seedDiscussions } from './seed-discussions.ts';

/** The password of every demo account. Demo content is never loaded in production. */
export const DEMO_PASSWORD = 'retespi-demo';

const daysAgo = (days: number, now: number) => new Date(now - days * 86_400_000);

export async function seedDemo(deps: Deps, content: DemoContent = demoContent): Promise<{ organizations: number; members: number; groups: number; threads: number }> {
  const now = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const counts = await deps.database.db.transaction(async (tx) => {
    const orgRows = await tx
      .insert(organizations)
      .values(content.organizations.map((o) => ({ ...o, createdAt: daysAgo(1000, now) })))
      .onConflictDoNothing()
      .returning({ id: organizations.id });
    const orgIds = new Map(
      (await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations)).map((o) => [o.slug, o.id]),
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
