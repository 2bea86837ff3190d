import { expect } from 'chai';
import request from 'supertest';
import { findUserById } from '../../../models/queries/users.ts';
import { italianDay } from '../../../server/core/time.ts';
import { deliverIssue } from '../../../server/features/newsletter/newsletter.mail.ts';
import { createGroup, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, formToken, signedInAgent, type Agent } from '../../helpers/http.ts';
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts';

describe('Notiziario (newsletter)', () => {
  let ctx: TestContext;
  let smtp: TestSmtp;
  const today = italianDay(new Date());

  before(async () => {
    smtp = await startSmtp();
  });
  after(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    smtp.messages.length = 0;
    ctx = await testContext({ SMTP_URL: smtp.url, PUBLIC_URL: 'http://spi.esempio.it' });
  });

  /** Signs in and turns the newsletter on (or off) with the notification preferences form. */
  async function optIn(person: { email: string; password: string }, on: boolean) {
    const agent = await signedInAgent(ctx.app, person.email, person.password);
    const csrf = await formToken(agent, '/notifiche');
    await agent
      .post('/notifiche/preferenze')
      .type('form')
      .send({ _csrf: csrf, emailFrequency: 'daily', ...(on ? { newsletter: 'on' } : {}) })
      .expect(303);
    return agent;
  }

  /** Posts the "new issue" form and expects the status given. */
  async function draft(agent: Agent, values: Record<string, string>, status = 303) {
    const csrf = await formToken(agent, '/notiziario/nuovo');
    return agent
      .post('/notiziario')
      .type('form')
      .send({ _csrf: csrf, ...values })
      .expect(status);
  }

  it('is drafted from the period, previewed, sent once to the subscribers only, and archived', async () => {
    const animator = await createUser(ctx, { name: 'Anna Animatrice', role: 'animator' });
    const giulia = await createUser(ctx, { name: 'Giulia Ferri', organization: 'CPI di Prato' });
    const english = await createUser(ctx, { name: 'John Reader' });
    const quitter = await createUser(ctx, { name: 'Piero Cambia' });
    await createUser(ctx, { name: 'Nadia Nonvuole' });
    await optIn(giulia, true);
    const token = await apiToken(ctx.app, english.email, english.password);
    const api = await request(ctx.app)
      .patch('/api/v1/me/notification-settings')
      .set('authorization', `Bearer ${token}`)
      .send({ newsletter: true })
      .expect(200);
    expect(api.body).to.deep.equal({ emailFrequency: 'immediate', newsletter: true, messageEmails: true });
    await ctx.database.exec(`UPDATE users SET locale = 'en' WHERE id = ${english.id}`);
    await optIn(quitter, true);
    await optIn(quitter, false);
    expect((await findUserById(ctx.database.db, quitter.id))!.newsletter).to.equal(false);

    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const created = await draft(agent, {
      title: 'Notiziario n. 1 – prova',
      intro: 'Benvenuti nel **primo** numero.',
      periodStart: today,
      periodEnd: today,
    });
    expect(created.headers.location).to.equal('/notiziario/1');
    const preview = await agent.get('/notiziario/1').expect(200);
    expect(preview.text).to.contain('Giulia Ferri').and.contain('<strong>primo</strong>');
    expect(preview.text).to.contain('Invia a 2 iscritti');

    // A draft is nobody else's business: not in the archive, not at its address, not through the API.
    expect((await request(ctx.app).get('/notiziario').expect(200)).text).not.to.contain('Notiziario n. 1');
    await request(ctx.app).get('/notiziario/1').expect(404);
    expect((await request(ctx.app).get('/api/v1/newsletter').expect(200)).body.total).to.equal(0);
    const member = await signedInAgent(ctx.app, giulia.email, giulia.password);
    await member.get('/notiziario/nuovo').expect(403);

    const csrf = await formToken(agent, '/notiziario/1');
    await agent.post('/notiziario/1/invia').type('form').send({ _csrf: csrf }).expect(303);
    await ctx.settle();
    expect(smtp.messages.map((m) => m.to[0]).sort()).to.deep.equal([giulia.email, english.email].sort());
    const mail = smtp.messages.find((m) => m.to[0] === giulia.email)!;
    expect(mail.subject).to.equal('Notiziario n. 1 – prova');
    expect(mail.text).to.contain('Buongiorno Giulia Ferri').and.contain('NUOVI MEMBRI DELLA COMUNITÀ');
    expect(mail.text).to.contain('http://spi.esempio.it/notiziario/1');
    expect(mail.raw).to.match(/List-Unsubscribe:\s+<http:\/\/spi\.esempio\.it\/api\/v1\/newsletter\/unsubscribe\?u=/);
    expect(smtp.messages.find((m) => m.to[0] === english.email)!.text).to.contain('Hello John Reader');

    // Archived for everyone, in the feed, and never sent twice: not by the button, not by a redelivery.
    const archive = await request(ctx.app).get('/notiziario').expect(200);
    expect(archive.text).to.contain('Notiziario n. 1 – prova');
    const listed = (await request(ctx.app).get('/api/v1/newsletter').expect(200)).body;
    expect(listed.issues[0]).to.include({ number: 1, status: 'sent' });
    const feed = (await request(ctx.app).get('/api/v1/feed').expect(200)).body;
    expect(feed.activities.map((a: { type: string }) => a.type)).to.include('newsletter.sent');
    const again = await agent.post('/notiziario/1/invia').type('form').send({ _csrf: csrf }).expect(303);
    expect(again.headers.location).to.equal('/notiziario/1');
    expect((await agent.get('/notiziario/1').expect(200)).text).to.contain('già stato inviato');
    const [event] = await ctx.database.query<{ id: number }>(
      `SELECT id FROM domain_events WHERE type = 'newsletter.sent'`,
    );
    const resent = await deliverIssue(ctx, {
      id: event!.id,
      type: 'newsletter.sent',
      payload: { actorId: animator.id, objectId: 1, title: '', url: '' },
      occurredAt: new Date(),
    });
    expect(resent).to.equal(0);
    await ctx.settle();
    expect(smtp.messages).to.have.length(2);
  });

  it('gathers the period’s news and the public events that follow it, never a private group’s', async () => {
    const editor = await createUser(ctx, { name: 'Elena Redattrice', role: 'editor' });
    const editorApi = { authorization: `Bearer ${await apiToken(ctx.app, editor.email, editor.password)}` };
    const article = await request(ctx.app)
      .post('/api/v1/articles')
      .set(editorApi)
      .send({
        kind: 'news',
        status: 'published',
        title: 'Rete degli osservatori: il rapporto annuale',
        summary: 'I dati del mercato del lavoro regionale.',
        body: 'Il rapporto è online.',
        theme: 'osservatori',
      })
      .expect(201);
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
    const event = (title: string, extra: Record<string, unknown> = {}) => ({
      title,
      kind: 'regional',
      place: 'Firenze, Palazzo Strozzi Sacrati',
      startsAt: inThreeDays.toISOString(),
      endsAt: new Date(inThreeDays.getTime() + 3 * 3_600_000).toISOString(),
      ...extra,
    });
    const { group, owner } = await createGroup(ctx, { visibility: 'private' });
    const ownerApi = { authorization: `Bearer ${await apiToken(ctx.app, owner.email, owner.password)}` };
    await request(ctx.app).post('/api/v1/events').set(ownerApi).send(event('Seminario regionale LEP')).expect(201);
    await request(ctx.app)
      .post('/api/v1/events')
      .set(ownerApi)
      .send(event('Riunione riservata del gruppo', { group: group.slug }))
      .expect(201);

    // An editor prepares the issue (the role an admin grants for the channel).
    const agent = await signedInAgent(ctx.app, editor.email, editor.password);
    await draft(agent, { title: 'Notiziario di prova', periodStart: today, periodEnd: today });
    const preview = (await agent.get('/notiziario/1').expect(200)).text;
    expect(preview).to.contain('Notizie').and.contain('Rete degli osservatori: il rapporto annuale');
    expect(preview).to.contain('Prossimi eventi').and.contain('Seminario regionale LEP');
    expect(preview).not.to.contain('Riunione riservata del gruppo');
    expect(preview).to.contain(`<time datetime="${italianDay(inThreeDays)}">`);

    // The article is withdrawn after the preview: the issue is not sent with it, but refreshed.
    await request(ctx.app)
      .patch(`/api/v1/articles/${article.body.article.slug}`)
      .set(editorApi)
      .send({ status: 'draft' })
      .expect(200);
    const csrf = await formToken(agent, '/notiziario/1');
    await agent.post('/notiziario/1/invia').type('form').send({ _csrf: csrf }).expect(303);
    const refreshed = (await agent.get('/notiziario/1').expect(200)).text;
    expect(refreshed).to.contain('I contenuti del periodo sono cambiati');
    expect(refreshed).not.to.contain('Rete degli osservatori: il rapporto annuale');
    const [{ status }] = (await ctx.database.query<{ status: string }>('SELECT status FROM newsletter_issues')) as [
      { status: string },
    ];
    expect(status).to.equal('draft');
    // Sent as now previewed; after that it can no longer be edited.
    await agent.post('/notiziario/1/invia').type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get('/notiziario/1').expect(200)).text).to.contain('Notiziario inviato');
    await agent.get('/notiziario/1/modifica').expect(409);
  });

  it('unsubscribes with the signed link of the e-mail, and refuses a forged one', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const reader = await createUser(ctx, { name: 'Lia Lettrice' });
    await optIn(reader, true);
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    await draft(agent, { title: 'Numero di prova', intro: 'Ciao.', periodStart: today, periodEnd: today });
    await agent
      .post('/notiziario/1/invia')
      .type('form')
      .send({ _csrf: await formToken(agent, '/notiziario/1') })
      .expect(303);
    await ctx.settle();
    const link = /http:\/\/spi\.esempio\.it(\/notiziario\/disiscrizione\?u=\d+&t=[\w-]+)/.exec(
      smtp.messages[0]!.text,
    )![1]!;

    const forged = link.replace(/t=[\w-]+/, 't=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const refused = await request(ctx.app).get(forged).expect(400);
    expect(refused.text).to.contain('non è valido');
    await request(ctx.app).post(`/api/v1/newsletter/unsubscribe?u=${reader.id}&t=x`).expect(400);
    expect((await findUserById(ctx.database.db, reader.id))!.newsletter).to.equal(true);

    // Following the link (as a mail scanner would) only asks; the confirmation unsubscribes.
    const visitor = request.agent(ctx.app);
    const asked = await visitor.get(link).expect(200);
    expect(asked.text).to.contain('Sì, annulla l');
    expect((await findUserById(ctx.database.db, reader.id))!.newsletter).to.equal(true);
    const params = new URL(link, 'http://x').searchParams;
    const done = await visitor
      .post('/notiziario/disiscrizione')
      .type('form')
      .send({ _csrf: csrfFrom(asked.text), u: params.get('u'), t: params.get('t') })
      .expect(200);
    expect(done.text).to.contain('Non riceverai più il Notiziario');
    expect((await findUserById(ctx.database.db, reader.id))!.newsletter).to.equal(false);
    // The mail client's one-click POST (RFC 8058) carries no session and no form token.
    await ctx.database.exec(`UPDATE users SET newsletter = true WHERE id = ${reader.id}`);
    await request(ctx.app)
      .post(link.replace('/notiziario/disiscrizione', '/api/v1/newsletter/unsubscribe'))
      .expect(200, { unsubscribed: true });
    expect((await findUserById(ctx.database.db, reader.id))!.newsletter).to.equal(false);
  });

  it('refuses a bad period, a bad date or an empty issue with a clear message, creating nothing', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const backwards = await draft(
      agent,
      { title: 'Al contrario', periodStart: '2026-11-30', periodEnd: '2026-11-01' },
      400,
    );
    expect(backwards.text).to.contain('Il periodo deve finire lo stesso giorno in cui inizia o dopo');
    const impossible = await draft(
      agent,
      {
        title: 'Data impossibile',
        periodStart: '2026-02-30',
        periodEnd: '2026-03-01',
      },
      400,
    );
    expect(impossible.text).to.contain('Inserisci una data valida');
    const long = await draft(agent, { title: 'Troppo lungo', periodStart: '2020-01-01', periodEnd: '2026-01-01' }, 400);
    expect(long.text).to.contain('al massimo un anno');
    const farAway = await draft(agent, { title: 'Anno 9999', periodStart: '9999-12-30', periodEnd: '9999-12-31' }, 400);
    expect(farAway.text).to.contain('Inserisci una data valida');
    const twoLines = await draft(agent, { title: 'Titolo\r\nBcc: x@y.it', periodStart: today, periodEnd: today }, 400);
    expect(twoLines.text).to.contain('Il titolo deve stare su una riga');
    const [{ n }] = (await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM newsletter_issues')) as [
      { n: number },
    ];
    expect(n).to.equal(0);

    // A period with nothing in it and no introduction: drafted (to see it), but not sendable.
    await draft(agent, { title: 'Vuoto', periodStart: '2020-01-01', periodEnd: '2020-01-02' });
    const refused = await agent
      .post('/notiziario/1/invia')
      .type('form')
      .send({ _csrf: await formToken(agent, '/notiziario/1') })
      .expect(303);
    expect(refused.headers.location).to.equal('/notiziario/1');
    expect((await agent.get('/notiziario/1').expect(200)).text).to.contain('Il numero è vuoto');
    const [{ status }] = (await ctx.database.query<{ status: string }>('SELECT status FROM newsletter_issues')) as [
      { status: string },
    ];
    expect(status).to.equal('draft');
  });
});
