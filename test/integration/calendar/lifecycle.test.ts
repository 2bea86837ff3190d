// An event's life after its announcement: registrations freeze once it began (no cancelling, nobody
// moved up), and what its organisers change later (cancelled, moved, taken into a private group)
// reaches the people registered and the activity feed.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { calendarEvents, eventRegistrations } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
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
});
