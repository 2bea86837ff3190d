// Registration for calendar events through the API and the pages: the waiting list, moving up when
// someone cancels (told by notification and e-mail to a real SMTP server), the refusals the issue
// lists, and the organisers' participants, CSV and attendance.
import { expect } from 'chai';
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { calendarEvents, eventRegistrations, users } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts';
import { runEventReminders } from '../../../server/jobs.ts';
import { bearer, createEventApi, hoursFromNow } from './helpers.ts';

describe('calendar: registration for events', () => {
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

  const count = async (table: typeof calendarEvents | typeof eventRegistrations) =>
    (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

  it('puts a member on the waiting list of a full event and moves her up, told, when a seat frees', async () => {
    const animator = await createUser(ctx, { role: 'animator', name: 'Anna Animatrice' });
    const [first, second] = [
      await createUser(ctx, { name: 'Marco Primo' }),
      await createUser(ctx, { name: 'Giulia Seconda' }),
    ];
    const [quiet] = [await createUser(ctx, { name: 'Sara Silenziosa' })];
    await ctx.database.db.update(users).set({ emailFrequency: 'never' }).where(eq(users.id, quiet.id));
    const staff = await bearer(ctx.app, animator);
    const event = await createEventApi(ctx.app, staff, {
      title: 'Workshop sulla presa in carico',
      kind: 'workshop',
      seats: 1,
    });
    expect(event).to.include({ kind: 'workshop', seats: 1, registered: 0, registration: null, mode: 'presence' });

    const [a, b, c] = await Promise.all([first, second, quiet].map((u) => bearer(ctx.app, u)));
    const url = `/api/v1/events/${event.id}/register`;
    expect((await request(ctx.app).post(url).set(a!).expect(201)).body).to.deep.equal({
      registration: { status: 'confirmed', position: 0 },
    });
    expect((await request(ctx.app).post(url).set(b!).expect(201)).body).to.deep.equal({
      registration: { status: 'waitlisted', position: 1 },
    });
    expect((await request(ctx.app).post(url).set(c!).expect(201)).body.registration).to.deep.equal({
      status: 'waitlisted',
      position: 2,
    });
    // A second registration returns the first, and adds nothing.
    expect((await request(ctx.app).post(url).set(b!).expect(200)).body.registration).to.deep.equal({
      status: 'waitlisted',
      position: 1,
    });
    expect(await count(eventRegistrations)).to.equal(3);
    const full = (await request(ctx.app).get(`/api/v1/events/${event.id}`).set(b!).expect(200)).body.event;
    expect(full).to.include({ registered: 1, waiting: 2, free: 0, registration: 'waitlisted' });

    await ctx.settle();
    smtp.messages.length = 0;
    await request(ctx.app).delete(url).set(a!).expect(204);
    await request(ctx.app).delete(url).set(a!).expect(404);
    await ctx.settle();

    expect((await request(ctx.app).get(`/api/v1/events/${event.id}`).set(b!).expect(200)).body.event).to.include({
      registration: 'confirmed',
      registered: 1,
      waiting: 1,
    });
    expect(
      (await request(ctx.app).get(`/api/v1/events/${event.id}`).set(c!).expect(200)).body.event.registration,
    ).to.equal('waitlisted');
    const told = (await request(ctx.app).get('/api/v1/notifications').set(b!).expect(200)).body.notifications.map(
      (n: { text: string; url: string }) => [n.text, n.url],
    );
    expect(told).to.deep.equal([
      ["Si è liberato un posto: sei iscritto/a all'evento «Workshop sulla presa in carico»", `/eventi/${event.id}`],
      [
        "Sei in lista d'attesa per l'evento «Workshop sulla presa in carico»: ti avvisiamo se si libera un posto",
        `/eventi/${event.id}`,
      ],
    ]);
    // Only the person moved up is e-mailed, at once (her setting), with the event's address.
    expect(smtp.messages.map((m) => m.to[0])).to.deep.equal([second.email]);
    expect(smtp.messages[0]!.subject).to.contain('Si è liberato un posto');
    expect(smtp.messages[0]!.text).to.contain(`${ctx.config.publicUrl}/eventi/${event.id}`);
    // The confirmation of the first registration reached the first person too.
    const firstTold = (await request(ctx.app).get('/api/v1/notifications').set(a!).expect(200)).body.notifications;
    expect(firstTold.map((n: { text: string }) => n.text)).to.deep.equal([
      "Sei iscritto/a all'evento «Workshop sulla presa in carico»",
    ]);
  });

  it('refuses bad input with a clear message and the right status, changing nothing', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const member = await createUser(ctx);
    const staff = await bearer(ctx.app, animator);
    const auth = await bearer(ctx.app, member);
    const start = hoursFromNow(24);
    const base = {
      title: 'Webinar LEP',
      kind: 'webinar',
      onlineUrl: 'https://meet.esempio.it/lep',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    };

    const backwards = await request(ctx.app)
      .post('/api/v1/events')
      .set(staff)
      .send({ ...base, endsAt: new Date(start.getTime() - 60_000).toISOString() })
      .expect(400);
    expect(backwards.body.error.code).to.equal('validation');
    expect(backwards.body.error.fields.endsAt).to.equal("La fine deve venire dopo l'inizio.");
    const past = await request(ctx.app)
      .post('/api/v1/events')
      .set(staff)
      .send({ ...base, startsAt: hoursFromNow(-2).toISOString(), endsAt: hoursFromNow(-1).toISOString() })
      .expect(400);
    expect(past.body.error.fields.startsAt).to.equal("L'inizio non può essere nel passato.");
    const nowhere = await request(ctx.app)
      .post('/api/v1/events')
      .set(staff)
      .send({ ...base, onlineUrl: '' })
      .expect(400);
    expect(nowhere.body.error.fields.place).to.equal(
      "Indica il luogo dell'evento o il collegamento alla stanza online.",
    );
    await request(ctx.app)
      .post('/api/v1/events')
      .set(staff)
      .send({ ...base, onlineUrl: 'javascript:alert(1)' })
      .expect(400);
    await request(ctx.app)
      .post('/api/v1/events')
      .set(staff)
      .send({ ...base, kind: 'course_session' })
      .expect(400);
    await request(ctx.app)
      .post('/api/v1/events')
      .set(staff)
      .send({ ...base, seats: 0 })
      .expect(400);
    await request(ctx.app)
      .post('/api/v1/events')
      .set(staff)
      .send({ ...base, group: 'gruppo-che-non-esiste' })
      .expect(400);
    await request(ctx.app)
      .post('/api/v1/events')
      .set(staff)
      .set('content-type', 'application/json')
      .send('{"title":')
      .expect(400);
    await request(ctx.app).post('/api/v1/events').set(auth).send(base).expect(403);
    await request(ctx.app).post('/api/v1/events').send(base).expect(401);
    expect(await count(calendarEvents)).to.equal(0);

    const event = await createEventApi(ctx.app, staff, { ...base, seats: 3 });
    const others = await Promise.all([1, 2].map(() => createUser(ctx)));
    for (const p of [member, ...others])
      await request(ctx.app)
        .post(`/api/v1/events/${event.id}/register`)
        .set(await bearer(ctx.app, p))
        .expect(201);
    // Seats below the confirmed count: refused, naming the field; nothing changed.
    const fewer = await request(ctx.app).patch(`/api/v1/events/${event.id}`).set(staff).send({ seats: 2 }).expect(409);
    expect(fewer.body.error.fields.seats).to.equal('Ci sono già 3 iscritti: indica almeno 3 posti.');
    await request(ctx.app)
      .patch(`/api/v1/events/${event.id}`)
      .set(staff)
      .send({ endsAt: hoursFromNow(1).toISOString() })
      .expect(400);
    await request(ctx.app).patch(`/api/v1/events/${event.id}`).set(auth).send({ title: 'Mio' }).expect(403);
    const unchanged = (await ctx.database.db.select().from(calendarEvents).where(eq(calendarEvents.id, event.id)))[0]!;
    expect(unchanged).to.include({ seats: 3, title: 'Webinar LEP' });
    const changed = await request(ctx.app)
      .patch(`/api/v1/events/${event.id}`)
      .set(staff)
      .send({ seats: null, title: 'Webinar sui LEP' })
      .expect(200);
    expect(changed.body.event).to.include({ seats: null, free: null, title: 'Webinar sui LEP' });

    // A registration after the start is refused; the registration list does not change.
    await ctx.database.db
      .update(calendarEvents)
      .set({ startsAt: hoursFromNow(-1) })
      .where(eq(calendarEvents.id, event.id));
    const late = await createUser(ctx);
    const refused = await request(ctx.app)
      .post(`/api/v1/events/${event.id}/register`)
      .set(await bearer(ctx.app, late))
      .expect(409);
    expect(refused.body.error.message).to.equal("L'evento è già iniziato: le iscrizioni sono chiuse.");
    expect(await count(eventRegistrations)).to.equal(3);
    // Ids that cannot exist are pages that do not exist.
    await request(ctx.app).get('/api/v1/events/abc').expect(404);
    await request(ctx.app).get('/api/v1/events/99999999999').expect(404);
    await request(ctx.app).post('/api/v1/events/424242/register').set(auth).expect(404);

    // The form says the same in Italian, keeping what was typed.
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const form = await agent.get('/eventi/nuovo').expect(200);
    const page = await agent
      .post('/eventi')
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        ...base,
        title: 'Giornata porte aperte',
        kind: 'open_day',
        startsAt: '2030-03-15T10:00',
        endsAt: '2030-03-15T09:00',
        seats: '',
      })
      .expect(400);
    expect(page.text)
      .to.contain('La fine deve venire dopo l&#x27;inizio.')
      .and.to.contain('value="Giornata porte aperte"');
    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    await memberAgent.get('/eventi/nuovo').expect(403);
  });

  it('lets organisers see participants, export them as CSV and record attendance once the event began', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const people = [
      await createUser(ctx, { name: 'Luca Presente' }),
      await createUser(ctx, { name: '=Formula Assente' }),
    ];
    const staff = await bearer(ctx.app, animator);
    const event = await createEventApi(ctx.app, staff, { seats: 1 });
    for (const p of people)
      await request(ctx.app)
        .post(`/api/v1/events/${event.id}/register`)
        .set(await bearer(ctx.app, p))
        .expect(201);

    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const page = await agent.get(`/eventi/${event.id}/partecipanti`).expect(200);
    expect(page.text)
      .to.contain('Luca Presente')
      .and.to.contain('Lista d&#x27;attesa')
      .and.to.contain('Formula Assente');
    const csv = await agent.get(`/eventi/${event.id}/partecipanti.csv`).expect(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).to.equal('Nome,E-mail,Ente,Stato,Iscritto/a il,Presente');
    expect(lines[1]).to.match(/^Luca Presente,.*,Iscritto\/a,/);
    expect(lines[2]).to.match(/^'=Formula Assente,.*,In lista d'attesa,/);

    const member = await signedInAgent(ctx.app, people[0]!.email, people[0]!.password);
    await member.get(`/eventi/${event.id}/partecipanti`).expect(403);
    await member.get(`/eventi/${event.id}/partecipanti.csv`).expect(403);

    const csrf = csrfFrom(page.text);
    await agent
      .post(`/eventi/${event.id}/presenze`)
      .type('form')
      .send({ _csrf: csrf, attended: String(people[0]!.id) })
      .expect(303);
    const attendedBefore = await ctx.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.attended, true));
    expect(attendedBefore, 'no attendance before the start').to.have.length(0);
    await ctx.database.db
      .update(calendarEvents)
      .set({ startsAt: hoursFromNow(-1) })
      .where(eq(calendarEvents.id, event.id));
    // Someone on the waiting list holds no seat: cannot be marked present.
    await agent
      .post(`/eventi/${event.id}/presenze`)
      .type('form')
      .send({ _csrf: csrf, attended: String(people[1]!.id) })
      .expect(303);
    await agent
      .post(`/eventi/${event.id}/presenze`)
      .type('form')
      .send({ _csrf: csrf, attended: String(people[0]!.id) })
      .expect(303);
    const attended = await ctx.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.attended, true));
    expect(attended.map((r) => r.userId)).to.deep.equal([people[0]!.id]);
  });

  it('announces a new public event in the activity feed and on the home page', async () => {
    const animator = await createUser(ctx, { role: 'animator', name: 'Anna Animatrice' });
    const event = await createEventApi(ctx.app, await bearer(ctx.app, animator), {
      title: 'Open day del CPI di Prato',
      kind: 'open_day',
    });
    await ctx.settle();
    const feed = (await request(ctx.app).get('/api/v1/feed').expect(200)).body;
    const item = JSON.stringify(feed);
    expect(item).to.contain('Open day del CPI di Prato').and.to.contain(`/eventi/${event.id}`);
    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).to.contain('Prossimi eventi').and.to.contain(`href="/eventi/${event.id}"`);
  });

  it('reminds the people holding a seat the day before, once, by notification and e-mail', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const [seated, waiting] = [await createUser(ctx, { name: 'Paola Puntuale' }), await createUser(ctx)];
    const event = await createEventApi(ctx.app, await bearer(ctx.app, animator), {
      title: 'Laboratorio di autovalutazione',
      seats: 1,
      startsAt: hoursFromNow(24).toISOString(),
      endsAt: hoursFromNow(26).toISOString(),
    });
    for (const p of [seated, waiting])
      await request(ctx.app)
        .post(`/api/v1/events/${event.id}/register`)
        .set(await bearer(ctx.app, p))
        .expect(201);
    await ctx.settle();
    smtp.messages.length = 0;
    expect((await runEventReminders(ctx)).events).to.equal(1);
    expect((await runEventReminders(ctx)).events).to.equal(0);
    await ctx.settle();
    const told = (
      await request(ctx.app)
        .get('/api/v1/notifications')
        .set(await bearer(ctx.app, seated))
        .expect(200)
    ).body.notifications;
    expect(told[0].text).to.equal("Promemoria: domani c'è l'evento «Laboratorio di autovalutazione»");
    expect(smtp.messages.map((m) => [m.to[0], m.subject])).to.deep.equal([
      [seated.email, "Rete SPI: Promemoria: domani c'è l'evento «Laboratorio di autovalutazione»"],
    ]);
    const waitingTold = (
      await request(ctx.app)
        .get('/api/v1/notifications')
        .set(await bearer(ctx.app, waiting))
        .expect(200)
    ).body.notifications;
    expect(waitingTold.map((n: { kind: string }) => n.kind)).to.deep.equal(['event_waitlisted']);
  });
});
