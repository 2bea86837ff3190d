// An event's life after its announcement: registrations freeze once it began (no cancelling, nobody
// moved up), and what its organisers change later (cancelled, moved, taken into a private group)
// reaches the people registered and the activity feed.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { calendarEvents, eventRegistrations, users } from '../../../models/schema.ts';
import { runEventReminders } from '../../../server/jobs.ts';
import { createGroup, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts';
import { bearer, createEventApi, hoursFromNow } from './helpers.ts';

describe('calendar: an event’s life after its announcement', () => {
  let ctx: TestContext;
  let smtp: TestSmtp;
  before(async () => {
    smtp = await startSmtp();
  });
  after(() => smtp.close());
  beforeEach(async () => {
    smtp.messages.length = 0;
    ctx = await testContext({ SMTP_URL: smtp.url });
  });

  const standings = async (eventId: number) =>
    (
      await ctx.database.db
        .select({ userId: eventRegistrations.userId, status: eventRegistrations.status })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, eventId))
        .orderBy(eventRegistrations.userId)
    ).map((r) => [r.userId, r.status]);

  it('keeps registrations as they are once the event began: no cancelling, nobody moved up', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const [seated, waiting] = [await createUser(ctx), await createUser(ctx)];
    const staff = await bearer(ctx.app, animator);
    const event = await createEventApi(ctx.app, staff, { seats: 1 });
    const [a, b] = [await bearer(ctx.app, seated), await bearer(ctx.app, waiting)];
    await request(ctx.app).post(`/api/v1/events/${event.id}/register`).set(a).expect(201);
    await request(ctx.app).post(`/api/v1/events/${event.id}/register`).set(b).expect(201);
    await ctx.database.db
      .update(calendarEvents)
      .set({ startsAt: hoursFromNow(-1) })
      .where(eq(calendarEvents.id, event.id));
    const before = await standings(event.id);
    expect(before).to.deep.equal([
      [seated.id, 'registered'],
      [waiting.id, 'waiting'],
    ]);
    const promoted: unknown[] = [];
    ctx.bus.subscribe('event.registration.promoted', (e) => void promoted.push(e.payload));

    const refused = await request(ctx.app).delete(`/api/v1/events/${event.id}/register`).set(a).expect(409);
    expect(refused.body.error).to.deep.equal({
      code: 'conflict',
      message: "L'evento è già iniziato: non è più possibile annullare l'iscrizione.",
    });
    const agent = await signedInAgent(ctx.app, seated.email, seated.password);
    const page = await agent.get(`/eventi/${event.id}`).expect(200);
    await agent
      .post(`/eventi/${event.id}/annulla-iscrizione`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    expect((await agent.get(`/eventi/${event.id}`).expect(200)).text).to.contain(
      'L&#x27;evento è già iniziato: non è più possibile annullare l&#x27;iscrizione.',
    );
    // More seats after the start move nobody up from the waiting list.
    await request(ctx.app).patch(`/api/v1/events/${event.id}`).set(staff).send({ seats: 5 }).expect(200);
    await ctx.settle();
    expect(await standings(event.id)).to.deep.equal(before);
    expect(promoted).to.deep.equal([]);
    // Someone not registered is still told so (404), not that the event began.
    await request(ctx.app)
      .delete(`/api/v1/events/${event.id}/register`)
      .set(await bearer(ctx.app, animator))
      .expect(404);
  });

  const told = async (user: { email: string; password: string }) =>
    (
      await request(ctx.app)
        .get('/api/v1/notifications')
        .set(await bearer(ctx.app, user))
        .expect(200)
    ).body.notifications.map((n: { text: string; url: string }) => [n.text, n.url]);
  const feedText = async (auth: Record<string, string> = {}) =>
    JSON.stringify((await request(ctx.app).get('/api/v1/feed').set(auth).expect(200)).body);

  it('tells everyone registered when an event is cancelled, and takes its announcement off the feed', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const [seated, waiting] = [await createUser(ctx), await createUser(ctx)];
    await ctx.database.db.update(users).set({ emailFrequency: 'never' }).where(eq(users.id, waiting.id));
    const event = await createEventApi(ctx.app, await bearer(ctx.app, animator), {
      title: 'Laboratorio sul curriculum',
      seats: 1,
    });
    for (const p of [seated, waiting])
      await request(ctx.app)
        .post(`/api/v1/events/${event.id}/register`)
        .set(await bearer(ctx.app, p))
        .expect(201);
    await ctx.settle();
    expect(await feedText()).to.contain('Laboratorio sul curriculum');
    smtp.messages.length = 0;
    const recorded: unknown[] = [];
    ctx.bus.subscribe('event.cancelled', (e) => void recorded.push(e.payload));

    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const page = await agent.get(`/eventi/${event.id}`).expect(200);
    await agent
      .post(`/eventi/${event.id}/cancella`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    await ctx.settle();

    expect(recorded).to.deep.equal([
      {
        eventId: event.id,
        title: 'Laboratorio sul curriculum',
        url: `/eventi/${event.id}`,
        groupId: null,
        userIds: [seated.id, waiting.id],
        actorId: animator.id,
      },
    ]);
    const cancelled = ["L'evento «Laboratorio sul curriculum» è stato annullato", '/eventi'];
    expect((await told(seated))[0]).to.deep.equal(cancelled);
    expect((await told(waiting))[0]).to.deep.equal(cancelled);
    // E-mailed per each person's settings: the one who chose "never" is not.
    expect(smtp.messages.map((m) => [m.to[0], m.subject])).to.deep.equal([
      [seated.email, "Rete SPI: L'evento «Laboratorio sul curriculum» è stato annullato"],
    ]);
    expect(await feedText()).not.to.contain('Laboratorio sul curriculum');
    expect(await feedText(await bearer(ctx.app, seated))).not.to.contain('Laboratorio sul curriculum');
    // Cancelling twice finds nothing to cancel.
    await agent
      .post(`/eventi/${event.id}/cancella`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(404);
  });

  it('moving an event tells everyone registered and lets the reminder come again for the new day', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const [seated, waiting] = [await createUser(ctx), await createUser(ctx)];
    const staff = await bearer(ctx.app, animator);
    const event = await createEventApi(ctx.app, staff, {
      title: 'Sportello orientamento',
      seats: 1,
      startsAt: hoursFromNow(24).toISOString(),
      endsAt: hoursFromNow(26).toISOString(),
    });
    for (const p of [seated, waiting])
      await request(ctx.app)
        .post(`/api/v1/events/${event.id}/register`)
        .set(await bearer(ctx.app, p))
        .expect(201);
    expect((await runEventReminders(ctx)).events).to.equal(1);
    await ctx.settle();
    const rescheduled: unknown[] = [];
    ctx.bus.subscribe('event.rescheduled', (e) => void rescheduled.push(e.payload));

    // A change that keeps the start tells nobody and keeps the reminder already sent.
    await request(ctx.app).patch(`/api/v1/events/${event.id}`).set(staff).send({ place: 'Sala 2' }).expect(200);
    await ctx.settle();
    expect(rescheduled).to.deep.equal([]);
    const remindedAt = async () =>
      (await ctx.database.db.select().from(calendarEvents).where(eq(calendarEvents.id, event.id)))[0]!.remindedAt;
    expect(await remindedAt()).to.be.an.instanceOf(Date);
    smtp.messages.length = 0;

    const later = hoursFromNow(72);
    await request(ctx.app)
      .patch(`/api/v1/events/${event.id}`)
      .set(staff)
      .send({ startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 7_200_000).toISOString() })
      .expect(200);
    await ctx.settle();
    expect(rescheduled).to.deep.equal([
      {
        eventId: event.id,
        title: 'Sportello orientamento',
        url: `/eventi/${event.id}`,
        groupId: null,
        userIds: [seated.id, waiting.id],
        actorId: animator.id,
      },
    ]);
    const moved = [
      "L'evento «Sportello orientamento» ha cambiato data o orario: controlla quando si terrà",
      `/eventi/${event.id}`,
    ];
    expect((await told(seated))[0]).to.deep.equal(moved);
    expect((await told(waiting))[0]).to.deep.equal(moved);
    expect(smtp.messages.map((m) => m.to[0]).sort()).to.deep.equal([seated.email, waiting.email].sort());
    // The reminder sent for the old day does not count for the new one.
    expect(await remindedAt()).to.equal(null);
    expect((await runEventReminders(ctx, { now: hoursFromNow(48) })).events).to.equal(1);
  });

  it('keeps the feed in step when an event moves into a private group: its readers only', async () => {
    const member = await createUser(ctx);
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, {
      name: 'Osservatorio regionale',
      visibility: 'private',
      members: [member],
    });
    const staff = await bearer(ctx.app, owner);
    const event = await createEventApi(ctx.app, staff, { title: 'Incontro aperto' });
    await ctx.settle();
    expect(await feedText()).to.contain('Incontro aperto');

    await request(ctx.app)
      .patch(`/api/v1/events/${event.id}`)
      .set(staff)
      .send({ group: group.slug, title: 'Incontro riservato' })
      .expect(200);
    await ctx.settle();
    for (const auth of [{}, await bearer(ctx.app, outsider)]) {
      const feed = await feedText(auth);
      expect(feed).not.to.contain('Incontro aperto').and.not.to.contain('Incontro riservato');
    }
    expect(await feedText(await bearer(ctx.app, member))).to.contain('Incontro riservato');

    // An older update delivered late (a retried delivery) says "public, Incontro aperto": the feed
    // follows the event as it is now, not the message.
    await ctx.bus.deliver({
      id: 1,
      type: 'event.updated',
      payload: { eventId: event.id, title: 'Incontro aperto', url: `/eventi/${event.id}`, groupId: null },
      occurredAt: new Date(0),
    });
    const late = await feedText();
    expect(late).not.to.contain('Incontro aperto').and.not.to.contain('Incontro riservato');
  });
});
