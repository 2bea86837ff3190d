// The visibility rule, table-driven: every kind of viewer against every kind of group, asked
// through the policy, the SQL builder, pages, the API, the feed and a live subscription. Every
// path must give the answer written in the table below (which is the rule of
// models/queries/visibility.ts, written out by hand so that a change to it shows up here).
import { expect } from 'chai';
import { inArray } from 'drizzle-orm';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { findMembership, setMembership } from '../../../models/queries/groups.ts';
import { insertNotifications } from '../../../models/queries/notifications.ts';
import {
  readableGroupIds,
  visibleGroupIds,
  type GroupViewer,
  type MembershipStatus,
} from '../../../models/queries/visibility.ts';
import {
  groups,
  type Group,
  type GroupRole,
  type GroupVisibility,
  type Thread,
  type User,
} from '../../../models/schema.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { canReadGroup, canSeeGroup } from '../../../server/features/groups/groups.policy.ts';
import { removeMember } from '../../../server/features/groups/groups.service.ts';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent, type Agent } from '../../helpers/http.ts';
import { client, startLive, subscribe, type Live } from '../../helpers/live.ts';

const KINDS = [
  'anonymous',
  'outsider',
  'member',
  'pending',
  'invited',
  'removed',
  'moderator',
  'owner',
  'animator',
  'admin',
] as const;
type Kind = (typeof KINDS)[number];
const VISIBILITIES: GroupVisibility[] = ['public', 'closed', 'private'];

/** Who knows the group exists (see) and who reads its content (read). */
const EXPECTED: Record<GroupVisibility, { see: Kind[]; read: Kind[] }> = {
  public: { see: [...KINDS], read: [...KINDS] },
  closed: { see: [...KINDS], read: ['member', 'moderator', 'owner', 'admin'] },
  private: {
    see: ['member', 'invited', 'moderator', 'owner', 'admin'],
    read: ['member', 'moderator', 'owner', 'admin'],
  },
};

type Viewer = {
  kind: Kind;
  user: (User & { password: string }) | null;
  agent: Agent;
  token: string | null;
  socket: Socket | null;
};
type Place = {
  group: Group;
  thread: Thread;
  name: string;
  title: string;
  notified: Map<Kind, { reply: number; invited: number }>;
};

describe('one visibility rule, every path (issue 10)', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let live: Live;
  const viewers = new Map<Kind, Viewer>();
  const places = new Map<GroupVisibility, Place>();
  let profileOf: User;

  before(async () => {
    ctx = await testContext();
    live = await startLive(ctx);
    const creator = await createUser(ctx, { role: 'animator', name: 'Creatrice Gruppi' });
    const people = new Map<Kind, User & { password: string }>();
    for (const kind of KINDS) {
      if (kind === 'anonymous') continue;
      const role = kind === 'admin' ? 'admin' : kind === 'animator' ? 'animator' : 'member';
      people.set(kind, await createUser(ctx, { role, name: `Persona ${kind}` }));
    }
    profileOf = people.get('owner')!;
    for (const visibility of VISIBILITIES) {
      const name = `Gruppo ${visibility} della tabella`;
      const { group } = await createGroup(ctx, { visibility, owner: creator, name });
      const db = ctx.database.db;
      const memberships: [Kind, GroupRole, MembershipStatus][] = [
        ['member', 'member', 'active'],
        ['pending', 'member', 'pending'],
        ['invited', 'member', 'invited'],
        ['removed', 'member', 'active'],
        ['moderator', 'moderator', 'active'],
        ['owner', 'owner', 'active'],
      ];
      for (const [who, role, status] of memberships) {
        await setMembership(db, { groupId: group.id, userId: people.get(who)!.id, role, status });
      }
      await removeMember(ctx, toSessionUser(creator), group.slug, people.get('removed')!.id, {});
      const title = `Discussione ${visibility} della tabella`;
      const { thread } = await createThread(ctx, people.get('member')!, group, { title });
      // A notification about a reply in the group, and an invitation to it, for every viewer.
      const notified = new Map<Kind, { reply: number; invited: number }>();
      for (const [kind, user] of people) {
        const [reply, invited] = await insertNotifications(db, [
          {
            userId: user.id,
            kind: 'reply',
            actorId: creator.id,
            groupId: group.id,
            threadId: thread.id,
            postId: null,
            data: { threadTitle: title },
          },
          {
            userId: user.id,
            kind: 'invited',
            actorId: creator.id,
            groupId: group.id,
            threadId: null,
            postId: null,
            data: { groupName: name },
          },
        ]);
        notified.set(kind, { reply: reply!.id, invited: invited!.id });
      }
      places.set(visibility, { group, thread, name, title, notified });
    }
    await ctx.settle();
    for (const kind of KINDS) {
      const user = people.get(kind) ?? null;
      const token = user ? await apiToken(ctx.app, user.email, user.password) : null;
      viewers.set(kind, {
        kind,
        user,
        token,
        agent: user ? await signedInAgent(ctx.app, user.email, user.password) : request.agent(ctx.app),
        // Live updates need an account: an anonymous visitor cannot connect at all.
        socket: token ? await client(live.url, { token }) : null,
      });
    }
  });

  after(async () => {
    for (const v of viewers.values()) v.socket?.close();
    await live?.close();
  });

  const api = (v: Viewer, path: string) => {
    const req = request(ctx.app).get(path);
    return v.token ? req.set('authorization', `Bearer ${v.token}`) : req;
  };

  for (const visibility of VISIBILITIES) {
    for (const kind of KINDS) {
      const see = EXPECTED[visibility].see.includes(kind);
      const read = EXPECTED[visibility].read.includes(kind);
      it(`${visibility} group, ${kind}: ${read ? 'reads it' : see ? 'sees it, reads nothing' : 'does not know it exists'}`, async () => {
        const v = viewers.get(kind)!;
        const { group, thread, name, title } = places.get(visibility)!;
        const db = ctx.database.db;
        const answers: Record<string, boolean> = {};

        // The policy, on the membership as stored (a removed member has none any more).
        const membership = v.user ? await findMembership(db, group.id, v.user.id) : undefined;
        const actor = v.user ? toSessionUser(v.user) : null;
        answers['policy see'] = canSeeGroup(actor, group, membership);
        answers['policy read'] = canReadGroup(actor, group, membership);

        // The SQL builder.
        const viewer: GroupViewer = v.user ? { id: v.user.id, role: v.user.role } : null;
        const ids = async (subquery: ReturnType<typeof readableGroupIds>) =>
          (await db.select({ id: groups.id }).from(groups).where(inArray(groups.id, subquery))).map((r) => r.id);
        answers['sql see'] = (await ids(visibleGroupIds(viewer))).includes(group.id);
        answers['sql read'] = (await ids(readableGroupIds(viewer))).includes(group.id);

        // Pages: the group page (knowing it exists), a thread page (reading).
        answers['page /gruppi/:slug'] = (await v.agent.get(`/gruppi/${group.slug}`)).status === 200;
        const threadPage = await v.agent.get(`/discussioni/${thread.id}`);
        expect([200, 404], 'thread page status').to.include(threadPage.status);
        answers['page /discussioni/:id'] = threadPage.status === 200;
        answers['page /gruppi lists it'] = (await v.agent.get('/gruppi').expect(200)).text.includes(name);
        answers['page / lists it'] = (await v.agent.get('/').expect(200)).text.includes(name);
        answers['page /membri/:id lists it'] = (await v.agent.get(`/membri/${profileOf.id}`).expect(200)).text.includes(
          name,
        );

        // The API: the directory, the group's threads, a thread, the feed.
        const list = await api(v, '/api/v1/groups').expect(200);
        answers['api groups lists it'] = list.body.groups.some((g: { slug: string }) => g.slug === group.slug);
        const threads = await api(v, `/api/v1/groups/${group.slug}/threads`);
        expect([200, 401, 404], 'group threads status').to.include(threads.status);
        answers['api group threads'] = threads.status === 200;
        if (threads.status !== 200) expect(JSON.stringify(threads.body)).not.to.contain(title);
        const one = await api(v, `/api/v1/threads/${thread.id}`);
        expect([200, 401, 404], 'thread status').to.include(one.status);
        answers['api thread'] = one.status === 200;
        const feed = await api(v, '/api/v1/feed').expect(200);
        answers['api feed shows its activity'] = JSON.stringify(feed.body).includes(title);
        // Notifications are re-checked when read: a reply needs to read the group, an invitation to see it.
        const notified = places.get(visibility)!.notified.get(kind);
        if (notified) {
          const ids = (await api(v, '/api/v1/notifications').expect(200)).body.notifications.map(
            (n: { id: number }) => n.id,
          );
          answers['api notifications: a reply'] = ids.includes(notified.reply);
          answers['api notifications: an invitation (see)'] = ids.includes(notified.invited);
        }

        // A live subscription to the group's room and to the thread's. Live updates need an
        // account: an anonymous visitor is refused the connection itself, whatever the group.
        if (v.socket) {
          answers['socket group:<slug>'] = (await subscribe(v.socket, `group:${group.slug}`)).ok;
          answers['socket thread:<id>'] = (await subscribe(v.socket, `thread:${thread.id}`)).ok;
        } else {
          const refused = await client(live.url).then(
            (s) => (s.close(), ''),
            (err: Error) => err.message,
          );
          expect(refused).to.equal('unauthorized');
        }

        const expected: Record<string, boolean> = {};
        for (const path of Object.keys(answers)) {
          expected[path] = /see|\/gruppi\/:slug|lists it/.test(path) ? see : read;
        }
        expect(answers).to.deep.equal(expected);
      });
    }
  }
});
