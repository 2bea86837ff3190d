// The outbox and its dispatcher: events exist exactly when the change they tell of commits, are
// delivered once per event across processes, retried after a failure, and produce their activity
// and notifications once however often they come.
import { expect } from 'chai';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { activities, domainEvents, notifications } from '../../../models/schema.ts';
import { EventBus, type DomainEvent } from '../../../server/core/events.ts';
import { createDispatcher, retryDelay } from '../../../server/core/outbox.ts';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';
import { until } from '../../helpers/wait.ts';

describe('domain events (outbox)', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  const count = async (table: typeof activities | typeof notifications | typeof domainEvents) =>
    (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

  it('writes no event when the change it tells of rolls back', async () => {
    const user = await createUser(ctx);
    await ctx.settle();
    const before = await count(domainEvents);
    const failed = await ctx.database.db
      .transaction(async (tx) => {
        await ctx.bus.record(tx, 'user.updated', { userId: user.id });
        throw new Error('the change failed');
      })
      .catch((err: Error) => err.message);
    expect(failed).to.equal('the change failed');
    expect(await count(domainEvents)).to.equal(before);
  });

  it('retries a failed delivery later, says why meanwhile, and delivers it once it succeeds', async () => {
    const seen: number[] = [];
    let failing = true;
    ctx.bus.subscribe('organization.verified', (e) => {
      seen.push(e.id);
      if (failing) throw new Error('SMTP non raggiungibile');
    });
    await ctx.bus.record(ctx.database.db, 'organization.verified', { organizationId: 1, byUserId: 1 });
    await until('the failure to be recorded', async () => {
      const [row] = await ctx.database.db
        .select()
        .from(domainEvents)
        .where(eq(domainEvents.type, 'organization.verified'));
      return row?.lastError === 'SMTP non raggiungibile' && row.dispatchedAt === null && row.attempts >= 1;
    });
    // Administrators see it waiting, with its error, on /admin; other people do not get the page.
    const admin = await createUser(ctx, { role: 'admin' });
    const page = await (await signedInAgent(ctx.app, admin.email, admin.password)).get('/admin').expect(200);
    expect(page.text)
      .to.contain('Consegna degli eventi')
      .and.to.contain('organization.verified')
      .and.to.contain('SMTP non raggiungibile');
    const member = await createUser(ctx);
    await (await signedInAgent(ctx.app, member.email, member.password)).get('/admin').expect(403);
    failing = false;
    await ctx.settle(); // the next retry comes after retryDelay(attempts)
    const [row] = await ctx.database.db
      .select()
      .from(domainEvents)
      .where(eq(domainEvents.type, 'organization.verified'));
    expect(seen.length).to.be.at.least(2);
    expect(new Set(seen).size, 'the same event each time').to.equal(1);
    expect(row!.dispatchedAt).to.be.an.instanceOf(Date);
    expect(row!.attempts).to.equal(seen.length);
    expect(row!.lastError).to.equal(null);
    expect([1, 2, 3, 10, 30].map(retryDelay)).to.deep.equal([1000, 2000, 4000, 512_000, 900_000]);
  });

  it('produces an event’s activity and notifications once, however often it is delivered', async () => {
    const [owner, member] = [await createUser(ctx, { role: 'animator' }), await createUser(ctx)];
    const { group } = await createGroup(ctx, { owner, members: [member] });
    const { thread } = await createThread(ctx, owner, group, { body: `Una domanda per @${member.handle}` });
    await ctx.settle();
    const [activityCount, notificationCount] = [await count(activities), await count(notifications)];
    expect(notificationCount).to.be.greaterThan(0);
    // Everything delivered comes again, as after a process that died before marking it done.
    await ctx.database.db.update(domainEvents).set({ dispatchedAt: null, availableAt: sql`now()` });
    await ctx.settle();
    expect(await count(activities)).to.equal(activityCount);
    expect(await count(notifications)).to.equal(notificationCount);
    expect(thread.id).to.be.a('number');
  });

  it('gives each event to exactly one of several dispatching processes', async () => {
    await ctx.dispatcher.stop();
    const log = pino({ level: 'silent' });
    const delivered: { by: number; id: number }[] = [];
    const processes = [1, 2, 3].map((by) => {
      const bus = new EventBus(log);
      bus.subscribe('user.updated', async (e: DomainEvent<'user.updated'>) => {
        delivered.push({ by, id: e.id });
        await new Promise((resolve) => setImmediate(resolve));
      });
      return createDispatcher({ database: ctx.database, bus, log }, { pollMs: 50, batch: 5 });
    });
    await Promise.all(processes.map((p) => p.start()));
    try {
      for (let i = 0; i < 60; i++) await ctx.bus.record(ctx.database.db, 'user.updated', { userId: i + 1 });
      await until('every event to be delivered', () => delivered.length >= 60);
      await Promise.all(processes.map((p) => p.settle()));
      const ids = delivered.map((d) => d.id);
      expect(ids).to.have.length(60);
      expect(new Set(ids).size).to.equal(60);
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
    }
  });
});
