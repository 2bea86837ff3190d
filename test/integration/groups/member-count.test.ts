// A group's member count is stored (groups.member_count, kept by a trigger): it must follow every way
// a membership starts, waits, ends or changes, and match a real count of the active members.
import { expect } from 'chai';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import {
  approveMember,
  joinGroup,
  leaveGroup,
  listGroups,
  removeMember,
  visibleGroups,
} from '../../../server/features/groups/groups.service.ts';
import { createGroup, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';

describe('Group member counts', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  async function counts(groupId: number): Promise<{ stored: number; real: number }> {
    const [row] = await ctx.database.query<{ stored: number; real: number }>(
      `SELECT member_count AS stored,
              (SELECT count(*)::int FROM group_memberships WHERE group_id = $1 AND status = 'active') AS real
         FROM groups WHERE id = $1`,
      [groupId],
    );
    return row!;
  }

  it('follows joining, approval, leaving and removal, and the lists show it', async () => {
    const [a, b, c] = [await createUser(ctx), await createUser(ctx), await createUser(ctx)];
    const { group: open, owner } = await createGroup(ctx, { name: 'Comunità SPI' });
    const { group: closed } = await createGroup(ctx, { name: 'Rete degli osservatori', visibility: 'closed', owner });
    expect(await counts(open.id)).to.deep.equal({ stored: 1, real: 1 });

    for (const u of [a, b, c]) await joinGroup(ctx, toSessionUser(u), open.slug);
    expect(await counts(open.id)).to.deep.equal({ stored: 4, real: 4 });
    // Joining twice changes nothing.
    await joinGroup(ctx, toSessionUser(a), open.slug);
    expect((await counts(open.id)).stored).to.equal(4);

    // A request waiting for approval is not a member yet.
    expect((await joinGroup(ctx, toSessionUser(a), closed.slug)).status).to.equal('pending');
    expect(await counts(closed.id)).to.deep.equal({ stored: 1, real: 1 });
    await approveMember(ctx, toSessionUser(owner), closed.slug, a.id);
    expect(await counts(closed.id)).to.deep.equal({ stored: 2, real: 2 });

    await leaveGroup(ctx, toSessionUser(b), open.slug);
    await removeMember(ctx, toSessionUser(owner), open.slug, c.id, {});
    expect(await counts(open.id)).to.deep.equal({ stored: 2, real: 2 });

    // A deleted account's memberships go with it.
    await ctx.database.query('DELETE FROM users WHERE id = $1', [a.id]);
    expect(await counts(open.id)).to.deep.equal({ stored: 1, real: 1 });
    expect(await counts(closed.id)).to.deep.equal({ stored: 1, real: 1 });

    const listed = await visibleGroups(ctx, toSessionUser(owner));
    expect(listed.find((g) => g.id === open.id)?.memberCount).to.equal(1);
    const { groups } = await listGroups(ctx, toSessionUser(owner), {});
    expect(groups.find((g) => g.id === closed.id)?.memberCount).to.equal(1);
  });
});
