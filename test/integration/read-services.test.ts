// The services behind the pages that only read (issue 10: thin routes): what they return for each
// viewer, and that they ask the database for a page of rows rather than everything.
import { expect } from 'chai';
import request from 'supertest';
import { setMembership } from '../../models/queries/groups.ts';
import { insertUserIfHandleFree } from '../../models/queries/users.ts';
import { toSessionUser } from '../../server/features/accounts/accounts.service.ts';
import { adminOverview } from '../../server/features/admin/admin.service.ts';
import { GROUP_PAGE_MEMBERS, groupPage } from '../../server/features/groups/groups.pages.ts';
import { createGroup, createUser } from '../factories.ts';
import { testContext, type TestContext } from '../helpers/context.ts';

describe('read services', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  describe('groupPage', () => {
    it('shows the first members (owners first) and counts them all, in SQL', async () => {
      const { group, owner } = await createGroup(ctx, { name: 'Comunità SPI', visibility: 'closed' });
      // Members written directly: registering each one would hash 26 passwords.
      for (let i = 1; i <= GROUP_PAGE_MEMBERS + 2; i++) {
        const person = await insertUserIfHandleFree(ctx.database.db, {
          name: `Operatore ${i}`,
          email: `operatore.${i}@esempio.it`,
          handle: `operatore${i}`,
        });
        await setMembership(ctx.database.db, {
          groupId: group.id,
          userId: person!.id,
          role: 'member',
          status: 'active',
        });
      }
      const waiting = await createUser(ctx);
      await setMembership(ctx.database.db, {
        groupId: group.id,
        userId: waiting.id,
        role: 'member',
        status: 'pending',
      });

      const page = await groupPage(ctx, toSessionUser(owner), group.slug, {});
      expect(page.members).to.have.length(GROUP_PAGE_MEMBERS);
      expect(page.members[0]).to.include({ id: owner.id, groupRole: 'owner' });
      expect(page.memberCount).to.equal(GROUP_PAGE_MEMBERS + 3);
      expect(page.pending.map((p) => p.id)).to.deep.equal([waiting.id]);
      expect(page.discussions?.total).to.equal(0);

      const html = await request(ctx.app).get(`/gruppi/${group.slug}`).expect(200);
      expect(html.text).to.contain(group.name);
    });

    it('keeps a closed group’s members, discussions and activity from those who may not read it', async () => {
      const { group } = await createGroup(ctx, { visibility: 'closed' });
      const outsider = await createUser(ctx);
      for (const viewer of [null, toSessionUser(outsider)]) {
        const page = await groupPage(ctx, viewer, group.slug, {});
        expect(page.can.read).to.equal(false);
        expect(page).to.include({ discussions: null, memberCount: 0, activeThreads: 0, feed: null });
        expect(page.members).to.deep.equal([]);
        expect(page.pending).to.deep.equal([]);
      }
    });
  });

  describe('adminOverview', () => {
    it('counts people, administrations (and the unverified ones) and groups, for admins only', async () => {
      const admin = await createUser(ctx, { role: 'admin', organization: 'Regione Lazio' });
      await createGroup(ctx);
      await ctx.settle();
      const overview = await adminOverview(ctx, toSessionUser(admin));
      // The admin and the group's owner, both in new (unverified) administrations; every event delivered.
      expect(overview).to.deep.equal({
        userCount: 2,
        organizationCount: 2,
        unverifiedCount: 2,
        groupCount: 1,
        undeliveredEvents: 0,
        failingEvents: [],
      });
      const member = await createUser(ctx);
      let refused: unknown;
      await adminOverview(ctx, toSessionUser(member)).catch((err: unknown) => (refused = err));
      expect(refused).to.have.property('status', 403);
    });
  });
});
