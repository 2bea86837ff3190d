// Demo discussions (discussions-data.ts) written straight into the tables with their historic
// dates, rendered and threaded exactly as the discussions service would. Idempotent by title.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import { groups, mentions, posts, reactions, subscriptions, threads, users } from '../../models/schema.ts';
import { extractMentionHandles, renderMarkdown, type MentionTarget } from '../core/markdown.ts';
import type { DemoContent } from './types.ts';
import type { DemoThread } from './discussions-data.ts';

const pad = (n: number) => String(n).padStart(6, '0');

export async function seedDiscussions(
  tx: Tx,
  content: DemoContent,
  demoThreads: DemoThread[],
  now: number,
): Promise<number> {
  const userRows = await tx
    .select({ id: users.id, email: users.email, name: users.name, handle: users.handle })
    .from(users);
  const byEmail = new Map(userRows.map((u) => [u.email.toLowerCase(), u]));
  const byHandle = new Map<string, MentionTarget>(userRows.map((u) => [u.handle, { id: u.id, name: u.name }]));
  const userOf = (key: string) => {
    const member = content.members.find((m) => m.key === key);
    return member ? byEmail.get(member.email.toLowerCase()) : undefined;
  };
  const groupIds = new Map(
    (await tx.select({ id: groups.id, slug: groups.slug }).from(groups)).map((g) => [g.slug, g.id]),
  );

  let created = 0;
  for (const t of demoThreads) {
    const groupId = groupIds.get(t.group);
    if (!groupId || !t.posts.length) continue;
    const [exists] = await tx
      .select({ id: threads.id })
      .from(threads)
      .where(and(eq(threads.groupId, groupId), eq(threads.title, t.title)));
    if (exists) continue;
    // Later posts of the same day keep their order: a few minutes apart.
    const when = (i: number) => new Date(now - t.posts[i]!.daysAgo * 86_400_000 - (t.posts.length - i) * 7 * 60_000);
    const author0 = userOf(t.posts[0]!.author);
    const [thread] = await tx
      .insert(threads)
      .values({
        groupId,
        authorId: author0?.id ?? null,
        title: t.title,
        pinned: t.pinned ?? false,
        locked: t.locked ?? false,
        postCount: t.posts.length,
        lastPosition: t.posts.length,
        lastPostAt: when(t.posts.length - 1),
        createdAt: when(0),
      })
      .returning({ id: threads.id });
    const written: { id: number; position: number; depth: number; sortPath: string }[] = [];
    for (const [i, p] of t.posts.entries()) {
      const author = userOf(p.author);
      const parent = p.replyTo !== undefined ? written[p.replyTo] : undefined;
      const nested = parent && parent.position !== 1;
      const position = i + 1;
      const mentioned = extractMentionHandles(p.body).flatMap((h) => (byHandle.has(h) ? [byHandle.get(h)!] : []));
      const [row] = await tx
        .insert(posts)
        .values({
          threadId: thread!.id,
          authorId: author?.id ?? null,
          parentId: parent?.id ?? null,
          position,
          depth: nested ? parent!.depth + 1 : 0,
          sortPath: nested ? `${parent!.sortPath}.${pad(position)}` : pad(position),
          body: p.body,
          bodyHtml: renderMarkdown(p.body, { mentions: byHandle }),
          createdAt: when(i),
        })
        .returning({ id: posts.id, position: posts.position, depth: posts.depth, sortPath: posts.sortPath });
      written.push(row!);
      if (mentioned.length)
        await tx
          .insert(mentions)
          .values(mentioned.map((m) => ({ postId: row!.id, userId: m.id })))
          .onConflictDoNothing();
      const reactionRows = (['utile', 'grazie'] as const).flatMap((kind) =>
        (p.reactions?.[kind] ?? []).flatMap((key) => {
          const u = userOf(key);
          return u ? [{ postId: row!.id, userId: u.id, kind }] : [];
        }),
      );
      if (reactionRows.length) await tx.insert(reactions).values(reactionRows).onConflictDoNothing();
      if (author)
        await tx
          .insert(subscriptions)
          .values({ userId: author.id, targetType: 'thread', targetId: thread!.id })
          .onConflictDoNothing();
    }
    created++;
  }
  return created;
}
