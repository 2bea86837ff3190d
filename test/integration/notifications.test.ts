import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import request from 'supertest';
import { addMembership, insertGroup } from '../../models/queries/groups.ts';
import {
  digestRuns,
  groupMemberships,
  jobRuns,
  notifications,
  outbox,
  posts,
  subscriptions,
  threads,
  users,
  type EmailFrequency,
  type Group,
  type GroupVisibility,
  type Post,
  type Thread,
  type User,
} from '../../models/schema.ts';
import { createApp } from '../../server/app.ts';
import type { Deps } from '../../server/core/deps.ts';
import { EventBus } from '../../server/core/events.ts';
import { createMailer } from '../../server/core/mail.ts';
import { toSessionUser } from '../../server/features/accounts/accounts.service.ts';
import * as discussions from '../../server/features/discussions/discussions.service.ts';
import * as groupsService from '../../server/features/groups/groups.service.ts';
import { digestPeriod } from '../../server/features/notifications/notifications.digest.ts';
import { runDailyDigest, startJobs } from '../../server/jobs.ts';
import { registerSubscribers } from '../../server/subscribers.ts';
import { createUser } from '../factories.ts';
import { testConfig, testContext, type TestContext } from '../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../helpers/http.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';

// Groups, threads and posts are written directly here: these tests exercise the notifications'
// reaction to the events the discussion services publish, not those services.
type Member = {
  user: { id: number };
  role?: 'owner' | 'moderator' | 'member';
  status?: 'active' | 'pending' | 'invited';
};

async function makeGroup(
  ctx: Deps,
  visibility: GroupVisibility,
  members: Member[] = [],
  name = `Gruppo ${visibility}`,
): Promise<Group> {
  const group = await insertGroup(ctx.database.db, {
    slug: `gruppo-${visibility}-${Math.random().toString(36).slice(2, 8)}`,
    name,
    visibility,
  });
  for (const m of members) {
    await addMembership(ctx.database.db, {
      groupId: group.id,
      userId: m.user.id,
      role: m.role ?? 'member',
      status: m.status ?? 'active',
    });
  }
  return group;
}

async function makeThread(
  ctx: Deps,
  group: Group,
  author: { id: number },
  title: string,
  body = 'Apriamo il confronto.',
): Promise<{ thread: Thread; first: Post }> {
  const [thread] = await ctx.database.db
    .insert(threads)
    .values({ groupId: group.id, authorId: author.id, title, postCount: 1, lastPosition: 1 })
    .returning();
  const first = await makePost(ctx, thread!, author, body, null, 1);
  return { thread: thread!, first };
}

async function makePost(
  ctx: Deps,
  thread: Thread,
  author: { id: number },
  body: string,
  parent: Post | null,
  position?: number,
): Promise<Post> {
  const pos = position ?? Math.floor(Math.random() * 1_000_000) + 2;
  const [post] = await ctx.database.db
    .insert(posts)
    .values({
      threadId: thread.id,
      authorId: author.id,
      parentId: parent?.id ?? null,
      position: pos,
      depth: parent ? 1 : 0,
      sortPath: String(pos).padStart(8, '0'),
      body,
      bodyHtml: `<p>${body}</p>`,
    })
    .returning();
  return post!;
}

async function follow(
  ctx: Deps,
  user: { id: number },
  targetType: 'thread' | 'group',
  targetId: number,
): Promise<void> {
  await ctx.database.db.insert(subscriptions).values({ userId: user.id, targetType, targetId }).onConflictDoNothing();
}

async function setUser(
  ctx: Deps,
  user: { id: number },
  values: { locale?: 'it' | 'en'; emailFrequency?: EmailFrequency },
): Promise<void> {
  await ctx.database.db.update(users).set(values).where(eq(users.id, user.id));
}

async function postCreated(
  ctx: TestContext,
  post: Post,
  thread: Thread,
  opts: { parentAuthorId?: number | null; mentioned?: number[]; first?: boolean } = {},
): Promise<void> {
  await ctx.bus.record(ctx.database.db, 'post.created', {
    postId: post.id,
    threadId: thread.id,
    groupId: thread.groupId,
    authorId: post.authorId!,
    parentId: post.parentId,
    parentAuthorId: opts.parentAuthorId ?? null,
    mentionedUserIds: opts.mentioned ?? [],
    isFirstPost: opts.first ?? false,
  });
  await ctx.settle();
}

/** People created one after another (concurrent registrations race on their shared administration). */
async function people(ctx: Deps, names: string[], overrides: { role?: 'member' | 'admin' }[] = []) {
  const out: Awaited<ReturnType<typeof createUser>>[] = [];
  for (const [i, name] of names.entries()) out.push(await createUser(ctx, { name, ...overrides[i] }));
  return out;
}

/** userId → kinds of the notifications they received. */
async function received(ctx: Deps): Promise<Map<number, string[]>> {
  const rows = await ctx.database.db.select().from(notifications).orderBy(notifications.id);
  const map = new Map<number, string[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.kind]);
  return map;
}

describe('notifications', () => {
  let ctx: TestContext;

  describe('who is notified', () => {
    beforeEach(async () => {
      ctx = await testContext();
    });

    it('tells mentioned people, the parent author and thread followers once each, never the actor', async () => {
      const [author, parentAuthor, mentioned, follower, followerMentioned, bystander] = await people(ctx, [
        'Autrice',
        'Genitore',
        'Menzionata',
        'Follower',
        'Follower Menzionato',
        'Estranea',
      ]);
      const group = await makeGroup(ctx, 'public', [{ user: author!, role: 'owner' }]);
      const { thread, first } = await makeThread(ctx, group, parentAuthor!, 'Tirocini e GOL');
      for (const u of [author!, parentAuthor!, follower!, followerMentioned!])
        await follow(ctx, u, 'thread', thread.id);
      const reply = await makePost(ctx, thread, author!, 'Grazie @menzionata, vedi sopra.', first);

      await postCreated(ctx, reply, thread, {
        parentAuthorId: parentAuthor!.id,
        mentioned: [mentioned!.id, followerMentioned!.id, author!.id],
      });

      const got = await received(ctx);
      expect(Object.fromEntries(got)).to.deep.equal({
        [mentioned!.id]: ['mention'],
        [followerMentioned!.id]: ['mention'],
        [parentAuthor!.id]: ['reply'],
        [follower!.id]: ['thread_reply'],
      });
      expect(got.has(author!.id)).to.equal(false);
      expect(got.has(bystander!.id)).to.equal(false);
      const [row] = await ctx.database.db.select().from(notifications).where(eq(notifications.userId, mentioned!.id));
      expect(row).to.include({ actorId: author!.id, groupId: group.id, threadId: thread.id, postId: reply.id });
      expect(row!.data).to.deep.include({
        threadTitle: 'Tirocini e GOL',
        groupSlug: group.slug,
        excerpt: 'Grazie @menzionata, vedi sopra.',
      });
    });

    it('tells group followers about a new thread (a mention still wins)', async () => {
      const [author, groupFollower, mentionedFollower, threadOnly] = await people(ctx, [
        'Autore',
        'Segue Gruppo',
        'Segue Menzionato',
        'Altro Gruppo',
      ]);
      const group = await makeGroup(ctx, 'public');
      const other = await makeGroup(ctx, 'public');
      for (const u of [author!, groupFollower!, mentionedFollower!]) await follow(ctx, u, 'group', group.id);
      await follow(ctx, threadOnly!, 'group', other.id);
      const { thread, first } = await makeThread(ctx, group, author!, 'Nuova discussione');

      await postCreated(ctx, first, thread, { first: true, mentioned: [mentionedFollower!.id] });

      expect(Object.fromEntries(await received(ctx))).to.deep.equal({
        [groupFollower!.id]: ['new_thread'],
        [mentionedFollower!.id]: ['mention'],
      });
    });

    it('never tells people outside a private or closed group, nor e-mails them', async () => {
      const [author, member, outsider, pending, former, admin] = await people(
        ctx,
        ['Autore', 'Membro', 'Esterno', 'In Attesa', 'Ex Membro', 'Admin'],
        [{}, {}, {}, {}, {}, { role: 'admin' }],
      );
      const secret = await makeGroup(
        ctx,
        'private',
        [{ user: author! }, { user: member! }, { user: pending!, status: 'pending' }],
        'Riservato',
      );
      for (const u of [member!, pending!, former!]) await follow(ctx, u, 'group', secret.id);
      const { thread, first } = await makeThread(ctx, secret, author!, 'Dati riservati');
      await postCreated(ctx, first, thread, { first: true, mentioned: [outsider!.id, admin!.id] });
      expect(Object.fromEntries(await received(ctx))).to.deep.equal({
        [member!.id]: ['new_thread'],
        [admin!.id]: ['mention'],
      });

      const closed = await makeGroup(ctx, 'closed', [{ user: author! }, { user: member! }]);
      const { thread: t2, first: p2 } = await makeThread(ctx, closed, author!, 'Solo membri');
      await postCreated(ctx, p2, t2, { first: true, mentioned: [outsider!.id, pending!.id] });
      await ctx.bus.record(ctx.database.db, 'post.edited', {
        postId: p2.id,
        threadId: t2.id,
        groupId: closed.id,
        editorId: author!.id,
        newlyMentionedUserIds: [outsider!.id, member!.id],
      });
      await ctx.settle();

      const got = await received(ctx);
      expect(got.get(member!.id)).to.deep.equal(['new_thread', 'mention']);
      for (const u of [outsider!, pending!, former!]) expect(got.has(u.id), u.name).to.equal(false);
      const mails = await ctx.database.db.select().from(outbox);
      expect(mails.map((m) => m.toAddress).sort()).to.deep.equal([member!.email, member!.email, admin!.email].sort());
      // The development fallback: recorded, not sent.
      expect(mails.every((m) => m.sentAt === null && m.error === null)).to.equal(true);
    });

    it('hides notifications about a group from someone who has left it', async () => {
      const [author, member] = await people(ctx, ['Autore', 'Membro']);
      const secret = await makeGroup(ctx, 'private', [{ user: author! }, { user: member! }]);
      const { thread, first } = await makeThread(ctx, secret, author!, 'Verbale riservato');
      await postCreated(ctx, first, thread, { first: true, mentioned: [member!.id] });
      const token = await apiToken(ctx.app, member!.email, member!.password);
      const before = await request(ctx.app)
        .get('/api/v1/notifications')
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      expect(before.body.unread).to.equal(1);
      await ctx.database.db
        .delete(groupMemberships)
        .where(and(eq(groupMemberships.groupId, secret.id), eq(groupMemberships.userId, member!.id)));
      const after = await request(ctx.app)
        .get('/api/v1/notifications')
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      expect(after.body).to.deep.include({ unread: 0, notifications: [] });
      expect(JSON.stringify(after.body)).not.to.contain('Verbale riservato');
      const id = (await ctx.database.db.select().from(notifications))[0]!.id;
      const agent = await signedInAgent(ctx.app, member!.email, member!.password);
      await agent.get(`/notifiche/${id}/apri`).expect(404);
    });

    it('sends join requests to owners and moderators, approvals and invitations to the member', async () => {
      const [owner, moderator, plain, requester, invitee] = await people(ctx, [
        'Titolare',
        'Moderatrice',
        'Semplice',
        'Richiedente',
        'Invitata',
      ]);
      const closed = await makeGroup(
        ctx,
        'closed',
        [
          { user: owner!, role: 'owner' },
          { user: moderator!, role: 'moderator' },
          { user: plain! },
          { user: requester!, status: 'pending' },
        ],
        'Rete degli osservatori',
      );
      await ctx.bus.record(ctx.database.db, 'member.requested', { groupId: closed.id, userId: requester!.id });
      await ctx.settle();
      expect(Object.fromEntries(await received(ctx))).to.deep.equal({
        [owner!.id]: ['join_request'],
        [moderator!.id]: ['join_request'],
      });

      await ctx.database.db
        .update(groupMemberships)
        .set({ status: 'active' })
        .where(and(eq(groupMemberships.groupId, closed.id), eq(groupMemberships.userId, requester!.id)));
      await ctx.bus.record(ctx.database.db, 'member.approved', {
        groupId: closed.id,
        userId: requester!.id,
        byUserId: moderator!.id,
      });
      const secret = await makeGroup(
        ctx,
        'private',
        [
          { user: owner!, role: 'owner' },
          { user: invitee!, status: 'invited' },
        ],
        'Cabina di regia',
      );
      await ctx.bus.record(ctx.database.db, 'member.invited', {
        groupId: secret.id,
        userId: invitee!.id,
        byUserId: owner!.id,
      });
      await ctx.settle();
      const got = await received(ctx);
      expect(got.get(requester!.id)).to.deep.equal(['join_approved']);
      expect(got.get(invitee!.id)).to.deep.equal(['invited']);

      const token = await apiToken(ctx.app, owner!.email, owner!.password);
      const list = await request(ctx.app)
        .get('/api/v1/notifications')
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      expect(list.body.notifications[0]).to.deep.include({
        kind: 'join_request',
        url: `/gruppi/${closed.slug}`,
        text: 'Richiedente chiede di entrare nel gruppo Rete degli osservatori',
        actor: { id: requester!.id, name: 'Richiedente' },
        group: { slug: closed.slug, name: 'Rete degli osservatori' },
      });
      const invitedToken = await apiToken(ctx.app, invitee!.email, invitee!.password);
      const invited = await request(ctx.app)
        .get('/api/v1/notifications')
        .set('authorization', `Bearer ${invitedToken}`)
        .expect(200);
      expect(invited.body.notifications[0].text).to.equal('Titolare ti ha invitato nel gruppo Cabina di regia');
    });
    it('follows the real group and discussion services end to end', async () => {
      const [owner, member] = await people(ctx, ['Titolare Gruppo', 'Nuova Iscritta']);
      await ctx.database.db.update(users).set({ role: 'animator' }).where(eq(users.id, owner!.id));
      const ownerActor = { ...toSessionUser(owner!), role: 'animator' as const };
      const memberActor = toSessionUser(member!);
      const group = await groupsService.createGroup(ctx, ownerActor, {
        name: 'Rete degli osservatori',
        visibility: 'closed',
      });
      await groupsService.joinGroup(ctx, memberActor, group.slug);
      await ctx.settle();
      expect(Object.fromEntries(await received(ctx))).to.deep.equal({ [owner!.id]: ['join_request'] });
      await groupsService.approveMember(ctx, ownerActor, group.slug, member!.id);
      await ctx.settle();
      const { thread, post } = await discussions.createThread(ctx, memberActor, group.slug, {
        title: 'Dati sul mercato del lavoro',
        body: `Ciao @${owner!.handle}, ecco i dati.`,
      });
      await ctx.settle();
      const reply = await discussions.createPost(ctx, ownerActor, thread.id, { body: 'Grazie!', parentId: post.id });
      await ctx.settle();
      const rows = await ctx.database.db.select().from(notifications).orderBy(notifications.id);
      expect(rows.map((r) => [r.userId, r.kind, r.postId])).to.deep.equal([
        [owner!.id, 'join_request', null],
        [member!.id, 'join_approved', null],
        [owner!.id, 'mention', post.id],
        [member!.id, 'reply', reply.id],
      ]);
    });
  });

  describe('e-mail', () => {
    let smtp: TestSmtp;
    before(async () => {
      smtp = await startSmtp();
    });
    after(async () => {
      await smtp.close();
    });
    beforeEach(async () => {
      smtp.messages.length = 0;
      ctx = await testContext({
        SMTP_URL: smtp.url,
        PUBLIC_URL: 'https://spi.esempio.it',
        MAIL_FROM: 'Rete SPI <rete@esempio.it>',
      });
    });

    it('e-mails immediately in the recipient’s language, and never those who chose otherwise', async () => {
      const [author, italian, english, never, daily] = await people(ctx, [
        'Mario Rossi',
        'Giulia Bianchi',
        'Jane Smith',
        'Mai Email',
        'Ogni Giorno',
      ]);
      await setUser(ctx, english!, { locale: 'en' });
      await setUser(ctx, never!, { emailFrequency: 'never' });
      await setUser(ctx, daily!, { emailFrequency: 'daily' });
      const group = await makeGroup(ctx, 'public');
      const { thread, first } = await makeThread(ctx, group, author!, 'Patto di servizio');
      await postCreated(ctx, first, thread, {
        first: true,
        mentioned: [italian!.id, english!.id, never!.id, daily!.id],
      });

      expect(smtp.messages.map((m) => m.to[0]).sort()).to.deep.equal([italian!.email, english!.email].sort());
      const italianMail = smtp.messages.find((m) => m.to[0] === italian!.email)!;
      expect(italianMail.from).to.equal('rete@esempio.it');
      expect(italianMail.subject).to.equal(
        'Rete SPI: Mario Rossi ti ha menzionato nella discussione «Patto di servizio»',
      );
      expect(italianMail.text)
        .to.contain('Ciao Giulia Bianchi,')
        .and.to.contain(`https://spi.esempio.it/messaggi/${first.id}`);
      const en = smtp.messages.find((m) => m.to[0] === english!.email)!;
      expect(en.subject).to.equal('Rete SPI: Mario Rossi mentioned you in the thread “Patto di servizio”');
      expect(en.text).to.contain('Hello Jane Smith,');

      const rows = await ctx.database.db.select().from(notifications);
      const emailed = (u: User) => rows.find((r) => r.userId === u.id)!.emailedAt !== null;
      expect([italian!, english!, never!, daily!].map(emailed)).to.deep.equal([true, true, false, false]);
      const mails = await ctx.database.db.select().from(outbox);
      expect(mails).to.have.length(2);
      expect(mails.every((m) => m.sentAt !== null && m.error === null)).to.equal(true);
    });

    it('records a delivery failure in the outbox without losing the notification', async () => {
      const broken = await testContext({ SMTP_URL: 'smtp://127.0.0.1:1' });
      const [author, reader] = await people(broken, ['Autore', 'Lettrice']);
      const group = await makeGroup(broken, 'public');
      const { thread, first } = await makeThread(broken, group, author!, 'Senza posta');
      await postCreated(broken, first, thread, { first: true, mentioned: [reader!.id] });
      expect((await received(broken)).get(reader!.id)).to.deep.equal(['mention']);
      const [mail] = await broken.database.db.select().from(outbox);
      expect(mail).to.include({ toAddress: reader!.email, sentAt: null });
      expect(mail!.error).to.be.a('string').and.not.equal('');
    });

    it('sends each daily digest exactly once, even from two processes and after a crash', async () => {
      const now = new Date('2026-03-10T07:30:00Z');
      const [author, dailyIt, dailyEn, immediate] = await people(ctx, [
        'Autore Digest',
        'Daniela Digest',
        'Daniel Digest',
        'Subito Subito',
      ]);
      await setUser(ctx, dailyIt!, { emailFrequency: 'daily' });
      await setUser(ctx, dailyEn!, { emailFrequency: 'daily', locale: 'en' });
      const group = await makeGroup(ctx, 'public', [], 'Comunità SPI');
      const secret = await makeGroup(ctx, 'private', [{ user: author! }, { user: dailyIt! }]);
      const { thread, first } = await makeThread(ctx, group, author!, 'Politiche attive');
      const { thread: hidden, first: hiddenPost } = await makeThread(ctx, secret, author!, 'Riservatissimo');
      await postCreated(ctx, first, thread, { first: true, mentioned: [dailyIt!.id, dailyEn!.id, immediate!.id] });
      const reply = await makePost(ctx, thread, author!, 'Seconda menzione', first);
      await postCreated(ctx, reply, thread, { mentioned: [dailyIt!.id] });
      await postCreated(ctx, hiddenPost, hidden, { first: true, mentioned: [dailyIt!.id] });
      const later = await makePost(ctx, thread, author!, 'Di oggi', first);
      await postCreated(ctx, later, thread, { mentioned: [dailyIt!.id] });
      expect(smtp.messages.map((m) => m.to[0])).to.deep.equal([immediate!.email]);
      smtp.messages.length = 0;

      // Yesterday in Italy is 9 March 2026; the last notification is from today.
      await ctx.database.db.update(notifications).set({ createdAt: new Date('2026-03-09T11:00:00Z') });
      await ctx.database.db
        .update(notifications)
        .set({ createdAt: new Date('2026-03-10T06:00:00Z') })
        .where(eq(notifications.postId, later.id));
      // dailyIt leaves the private group before the digest goes out: that notification stays out of it.
      await ctx.database.db
        .delete(groupMemberships)
        .where(and(eq(groupMemberships.groupId, secret.id), eq(groupMemberships.userId, dailyIt!.id)));

      const log = pino({ level: 'silent' });
      const config = testConfig({ SMTP_URL: smtp.url });
      const other: Deps = {
        config,
        log,
        database: ctx.database,
        bus: new EventBus(log),
        mailer: createMailer(config, ctx.database, log),
      };
      registerSubscribers(other);
      createApp(other);
      const results = await Promise.all([runDailyDigest(ctx, { now }), runDailyDigest(other, { now })]);
      expect(results.filter((r) => r.claimed)).to.have.length(1);
      expect(results.reduce((n, r) => n + r.digests, 0)).to.equal(2);
      expect(await runDailyDigest(ctx, { now })).to.deep.include({ claimed: false, digests: 0, period: '2026-03-09' });

      expect(smtp.messages.map((m) => m.to[0]).sort()).to.deep.equal([dailyIt!.email, dailyEn!.email].sort());
      const italianDigest = smtp.messages.find((m) => m.to[0] === dailyIt!.email)!;
      expect(italianDigest.subject).to.equal('Rete SPI: 2 notifiche del 9 marzo 2026');
      expect(italianDigest.text).to.contain(`/messaggi/${first.id}`).and.to.contain(`/messaggi/${reply.id}`);
      expect(italianDigest.text).not.to.contain('Riservatissimo').and.not.to.contain(`#post-${later.id}`);
      const en = smtp.messages.find((m) => m.to[0] === dailyEn!.email)!;
      expect(en.subject).to.equal('Rete SPI: 1 notification from 9 March 2026');

      // A process that died mid-run is taken over later: the per-person claims keep it from resending.
      await ctx.database.db.update(jobRuns).set({ finishedAt: null, startedAt: new Date(Date.now() - 2 * 3600_000) });
      expect(await runDailyDigest(other, { now })).to.deep.include({ claimed: true, digests: 0 });
      await ctx.database.db.delete(jobRuns);
      await ctx.database.db.update(notifications).set({ emailedAt: null });
      expect(await runDailyDigest(ctx, { now })).to.deep.include({ claimed: true, digests: 0 });
      expect(smtp.messages).to.have.length(2);
      expect(await ctx.database.db.select().from(digestRuns)).to.have.length(2);
      const [run] = await ctx.database.db.select().from(jobRuns);
      expect(run).to.include({ name: 'daily_digest', runKey: '2026-03-09' });
      expect(run!.finishedAt).to.be.instanceOf(Date);
    });
  });

  describe('digest period', () => {
    it('is the previous calendar day in Italian time, across daylight-saving changes', () => {
      expect(digestPeriod(new Date('2026-03-10T07:30:00Z'))).to.deep.equal({
        periodStart: '2026-03-09',
        from: new Date('2026-03-08T23:00:00Z'),
        before: new Date('2026-03-09T23:00:00Z'),
      });
      // 23:30 UTC on 9 March is already 10 March in Rome.
      expect(digestPeriod(new Date('2026-03-09T23:30:00Z')).periodStart).to.equal('2026-03-09');
      // Clocks go forward on 29 March 2026: that day lasts 23 hours.
      expect(digestPeriod(new Date('2026-03-30T06:00:00Z'))).to.deep.equal({
        periodStart: '2026-03-29',
        from: new Date('2026-03-28T23:00:00Z'),
        before: new Date('2026-03-29T22:00:00Z'),
      });
    });

    it('starts and stops its timer', async () => {
      const jobsCtx = await testContext({ DIGEST_CHECK_MINUTES: '1' });
      const jobs = startJobs(jobsCtx);
      await jobs.stop();
    });
  });

  describe('centre, header and API', () => {
    beforeEach(async () => {
      ctx = await testContext();
    });

    async function twoNotifications() {
      const [author, reader, other] = await people(ctx, ['Luca Verdi', 'Lettrice', 'Altra Lettrice']);
      const group = await makeGroup(ctx, 'public', [], 'Comunità SPI');
      const { thread, first } = await makeThread(ctx, group, author!, 'Garanzia Giovani');
      await postCreated(ctx, first, thread, { first: true, mentioned: [reader!.id, other!.id] });
      const reply = await makePost(ctx, thread, author!, 'Risposta', first);
      await postCreated(ctx, reply, thread, { parentAuthorId: reader!.id });
      const rows = await ctx.database.db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, reader!.id))
        .orderBy(notifications.id);
      const othersId = (
        await ctx.database.db.select().from(notifications).where(eq(notifications.userId, other!.id))
      )[0]!.id;
      return { author: author!, reader: reader!, thread, first, reply, ids: rows.map((r) => r.id), othersId };
    }

    it('lists notifications, opens one, marks all read, and keeps the header count in step', async () => {
      const { reader, first, ids, othersId } = await twoNotifications();
      await request(ctx.app).get('/notifiche').expect(303).expect('location', '/accedi?next=%2Fnotifiche');
      const agent = await signedInAgent(ctx.app, reader.email, reader.password);

      const home = await agent.get('/').expect(200);
      expect(home.text)
        .to.contain('Notifiche, 2 non lette')
        .and.to.match(/data-unread-count>2</);
      const page = await agent.get('/notifiche').expect(200);
      expect(page.text).to.contain('Luca Verdi ha risposto al tuo messaggio nella discussione «Garanzia Giovani»');
      expect(page.text).to.contain('Luca Verdi ti ha menzionato nella discussione «Garanzia Giovani»');
      expect(page.text.match(/>Da leggere</g)).to.have.length(2);
      expect(page.text.indexOf(`/notifiche/${ids[1]}/apri`)).to.be.lessThan(
        page.text.indexOf(`/notifiche/${ids[0]}/apri`),
      );

      await agent.get(`/notifiche/${ids[0]}/apri`).expect(303).expect('location', `/messaggi/${first.id}`);
      await agent.get(`/notifiche/${othersId}/apri`).expect(404);
      await agent.get('/notifiche/abc/apri').expect(404);
      const after = await agent.get('/membri').expect(200);
      expect(after.text).to.contain('Notifiche, 1 non letta');
      const unreadOnly = await agent.get('/notifiche?unread=true').expect(200);
      expect(unreadOnly.text).to.contain(`/notifiche/${ids[1]}/apri`).and.not.to.contain(`/notifiche/${ids[0]}/apri`);

      await agent
        .post('/notifiche/segna-lette')
        .type('form')
        .send({ _csrf: csrfFrom(page.text) })
        .expect(303)
        .expect('location', '/notifiche');
      const done = await agent.get('/notifiche').expect(200);
      expect(done.text).to.contain('1 notifica segnata come letta.').and.to.contain('Nessuna notifica da leggere.');
      // The badge stays in the page for live updates, hidden, and the spoken label says nothing is unread.
      expect(done.text).to.match(/data-unread-count hidden>0</);
      expect(done.text).to.match(/data-unread-label[^>]*>Notifiche<\/span>/);
      expect(done.text).to.contain(`/notifiche/${ids[1]}/apri`); // read ones stay listed
    });

    it('saves the e-mail preference from the page and re-shows the form on a bad value', async () => {
      const user = await createUser(ctx);
      const agent = await signedInAgent(ctx.app, user.email, user.password);
      const page = await agent.get('/notifiche').expect(200);
      expect(page.text).to.match(/id="f-emailFrequency-immediate" value="immediate" checked/);
      expect(page.text).to.contain('<label class="form-check-label" for="f-emailFrequency-daily">');
      const csrf = csrfFrom(page.text);
      await agent.post('/notifiche/preferenze').type('form').send({ _csrf: csrf, emailFrequency: 'daily' }).expect(303);
      const [stored] = await ctx.database.db.select().from(users).where(eq(users.id, user.id));
      expect(stored!.emailFrequency).to.equal('daily');
      const saved = await agent.get('/notifiche').expect(200);
      expect(saved.text)
        .to.contain('Preferenza per le e-mail salvata.')
        .and.to.match(/value="daily" checked/);
      const bad = await agent
        .post('/notifiche/preferenze')
        .type('form')
        .send({ _csrf: csrf, emailFrequency: 'hourly' })
        .expect(400);
      expect(bad.text).to.contain('id="f-emailFrequency-error"').and.to.contain('href="#f-emailFrequency"');
    });

    it('serves the API: list, unread filter, pagination, mark read, settings', async () => {
      await request(ctx.app).get('/api/v1/notifications').expect(401);
      await request(ctx.app).post('/api/v1/notifications/read').send({}).expect(401);
      await request(ctx.app).patch('/api/v1/me/notification-settings').send({ emailFrequency: 'daily' }).expect(401);

      const { reader, author, thread, first, ids } = await twoNotifications();
      const token = await apiToken(ctx.app, reader.email, reader.password);
      const api = (method: 'get' | 'post' | 'patch', path: string) =>
        request(ctx.app)[method](path).set('authorization', `Bearer ${token}`);

      const list = await api('get', '/api/v1/notifications').expect(200);
      expect(list.body.unread).to.equal(2);
      expect(list.body.notifications).to.have.length(2);
      expect(list.body.notifications[1]).to.deep.equal({
        id: ids[0],
        kind: 'mention',
        read: false,
        createdAt: list.body.notifications[1].createdAt,
        actor: { id: author.id, name: 'Luca Verdi' },
        url: `/messaggi/${first.id}`,
        text: 'Luca Verdi ti ha menzionato nella discussione «Garanzia Giovani»',
        excerpt: 'Apriamo il confronto.',
        thread: { id: thread.id, title: 'Garanzia Giovani' },
        group: { slug: list.body.notifications[1].group.slug, name: 'Comunità SPI' },
      });
      const english = await api('get', '/api/v1/notifications?lang=en').expect(200);
      expect(english.body.notifications[0].text).to.equal(
        'Luca Verdi replied to your post in the thread “Garanzia Giovani”',
      );

      expect(
        (
          await api('post', '/api/v1/notifications/read')
            .send({ ids: [ids[0]] })
            .expect(200)
        ).body,
      ).to.deep.equal({ unread: 1 });
      const unread = await api('get', '/api/v1/notifications?unread=true').expect(200);
      expect(unread.body.notifications.map((n: { id: number }) => n.id)).to.deep.equal([ids[1]]);
      const bad = await api('post', '/api/v1/notifications/read')
        .send({ ids: ['x'] })
        .expect(400);
      expect(bad.body.error.fields).to.have.property('ids.0');
      expect((await api('post', '/api/v1/notifications/read').send({}).expect(200)).body).to.deep.equal({ unread: 0 });

      await ctx.database.db.insert(notifications).values(
        Array.from({ length: 25 }, (_, i) => ({
          userId: reader.id,
          kind: 'join_approved',
          data: { groupName: `G${i}`, groupSlug: `g${i}` },
        })),
      );
      const second = await api('get', '/api/v1/notifications?page=2').expect(200);
      expect(second.body).to.deep.include({ page: 2, pages: 2, total: 27, unread: 25 });
      expect(second.body.notifications).to.have.length(7);

      expect(
        (await api('patch', '/api/v1/me/notification-settings').send({ emailFrequency: 'never' }).expect(200)).body,
      ).to.deep.equal({ emailFrequency: 'never', newsletter: false, messageEmails: true });
      const wrong = await api('patch', '/api/v1/me/notification-settings')
        .send({ emailFrequency: 'weekly' })
        .expect(400);
      expect(wrong.body.error.fields).to.have.key('emailFrequency');
      const [stored] = await ctx.database.db.select().from(users).where(eq(users.id, reader.id));
      expect(stored!.emailFrequency).to.equal('never');
    });

    it('shows the outbox to administrators only', async () => {
      const { reader } = await twoNotifications();
      await request(ctx.app).get('/admin/outbox').expect(303);
      const member = await signedInAgent(ctx.app, reader.email, reader.password);
      await member.get('/admin/outbox').expect(403);
      const admin = await createUser(ctx, { role: 'admin' });
      const agent = await signedInAgent(ctx.app, admin.email, admin.password);
      const page = await agent.get('/admin/outbox').expect(200);
      expect(page.text).to.contain('Posta in uscita').and.to.contain('SMTP_URL non è impostato');
      expect(page.text).to.contain(reader.email).and.to.contain('Non inviata');
      expect(page.text).to.contain('Rete SPI: Luca Verdi ti ha menzionato nella discussione «Garanzia Giovani»');
      expect(page.text).to.contain('Ciao '); // the text body is on the page, behind a disclosure
    });
  });
});
