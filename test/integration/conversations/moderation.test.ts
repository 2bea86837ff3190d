import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent, type Agent } from '../../helpers/http.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import {
  NEW_CONVERSATIONS_PER_HOUR,
  startConversation,
} from '../../../server/features/conversations/conversations.service.ts';

type Person = Awaited<ReturnType<typeof createUser>>;

describe('private conversations: blocks and reports', () => {
  let ctx: TestContext;
  let laura: Person;
  let luca: Person;
  let teresa: Person;
  beforeEach(async () => {
    ctx = await testContext();
    laura = await createUser(ctx, { name: 'Laura Mannucci' });
    luca = await createUser(ctx, { name: 'Luca Di Pietro' });
    teresa = await createUser(ctx, { name: 'Teresa Gallo' });
  });

  const bearer = async (who: Person) => `Bearer ${await apiToken(ctx.app, who.email, who.password)}`;
  /** Rows that a refused message must not have added. */
  const written = async () =>
    (
      await ctx.database.query<{ c: number; m: number; p: number; e: number }>(`
        SELECT (SELECT count(*)::int FROM conversations) AS c, (SELECT count(*)::int FROM conversation_messages) AS m,
               (SELECT count(*)::int FROM conversation_participants) AS p,
               (SELECT count(*)::int FROM domain_events WHERE type = 'message.sent') AS e`)
    )[0]!;
  const block = async (agent: Agent, who: Person, back = `/membri/${who.id}`) => {
    const csrf = csrfFrom((await agent.get(`/membri/${who.id}`).expect(200)).text);
    return agent.post(`/messaggi-privati/bloccati/${who.id}`).type('form').send({ _csrf: csrf, back }).expect(303);
  };

  it('refuses messages across a block, both ways, with a clear 403 and nothing written', async () => {
    const { conversation } = await startConversation(ctx, toSessionUser(luca), {
      recipientIds: [laura.id],
      subject: 'Prima del blocco',
      body: 'Un messaggio.',
    });
    const lauraAgent = await signedInAgent(ctx.app, laura.email, laura.password);
    const blocked = await block(lauraAgent, luca);
    expect(blocked.headers.location).to.equal(`/membri/${luca.id}`);
    const before = await written();

    // Laura (who blocked) cannot write to Luca; Luca cannot write to her: new or existing conversation.
    const lauraAuth = await bearer(laura);
    const lucaAuth = await bearer(luca);
    const mine = await request(ctx.app)
      .post('/api/v1/conversations')
      .set('Authorization', lauraAuth)
      .send({ recipientIds: [luca.id], subject: 'Ciao', body: 'Testo' })
      .expect(403);
    expect(mine.body.error.code).to.equal('blocked');
    expect(mine.body.error.fields.recipientIds).to.contain('Hai bloccato Luca Di Pietro');
    const theirs = await request(ctx.app)
      .post('/api/v1/conversations')
      .set('Authorization', lucaAuth)
      .send({ recipientIds: [laura.id], subject: 'Ciao', body: 'Testo' })
      .expect(403);
    expect(theirs.body.error.fields.recipientIds).to.equal('Laura Mannucci non riceve i tuoi messaggi privati.');
    for (const auth of [lauraAuth, lucaAuth]) {
      const reply = await request(ctx.app)
        .post(`/api/v1/conversations/${conversation.id}/messages`)
        .set('Authorization', auth)
        .send({ body: 'Risposta' })
        .expect(403);
      expect(reply.body.error.message).to.match(/bloccato|non riceve/);
    }
    // Nor may a third person bring them together, by starting or by adding.
    const teresaAuth = await bearer(teresa);
    const together = await request(ctx.app)
      .post('/api/v1/conversations')
      .set('Authorization', teresaAuth)
      .send({ recipientIds: [laura.id, luca.id], subject: 'Insieme', body: 'Testo' })
      .expect(403);
    expect(together.body.error.message).to.contain('non possono essere riunite');
    expect(await written()).to.deep.equal(before);
    const withLaura = await startConversation(ctx, toSessionUser(teresa), {
      recipientIds: [laura.id],
      subject: 'Solo noi',
      body: 'Ciao',
    });
    const teresaAgent = await signedInAgent(ctx.app, teresa.email, teresa.password);
    const page = await teresaAgent.get(`/messaggi-privati/${withLaura.conversation.id}`).expect(200);
    const added = await teresaAgent
      .post(`/messaggi-privati/${withLaura.conversation.id}/partecipanti`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), handles: `@${luca.handle}` })
      .expect(403);
    expect(added.text).to.contain('non possono essere riunite');
    const after = await ctx.database.query(
      'SELECT 1 FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2',
      [withLaura.conversation.id, luca.id],
    );
    expect(after).to.have.length(0);

    // The form says so in Italian, next to the recipients, keeping what was typed.
    const form = await lauraAgent.get(`/messaggi-privati/nuova?a=${luca.id}`).expect(200);
    const refused = await lauraAgent
      .post('/messaggi-privati')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), recipientIds: String(luca.id), subject: 'Oggetto', body: 'Testo scritto' })
      .expect(403);
    expect(refused.text).to.contain('Hai bloccato Luca Di Pietro').and.contain('Testo scritto');
    // The conversation page offers no reply form, and says why.
    const lucaAgent = await signedInAgent(ctx.app, luca.email, luca.password);
    const lucaPage = await lucaAgent.get(`/messaggi-privati/${conversation.id}`).expect(200);
    expect(lucaPage.text).to.contain('Non puoi scrivere in questa conversazione').and.not.contain('/risposte"');

    // Profiles: Luca is offered no "Scrivi un messaggio" on Laura's; Laura is offered "Sblocca".
    const lauraProfile = await lucaAgent.get(`/membri/${laura.id}`).expect(200);
    expect(lauraProfile.text).not.to.contain('/messaggi-privati/nuova');
    const lucaProfile = await lauraAgent.get(`/membri/${luca.id}`).expect(200);
    expect(lucaProfile.text)
      .to.contain(`/messaggi-privati/bloccati/${luca.id}/sblocca`)
      .and.not.contain('Scrivi un messaggio');
    const list = await lauraAgent.get('/messaggi-privati/bloccati').expect(200);
    expect(list.text).to.contain('Luca Di Pietro');

    // Unblocked, they write again.
    await lauraAgent
      .post(`/messaggi-privati/bloccati/${luca.id}/sblocca`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) })
      .expect(303);
    await request(ctx.app)
      .post(`/api/v1/conversations/${conversation.id}/messages`)
      .set('Authorization', lucaAuth)
      .send({ body: 'Di nuovo in contatto' })
      .expect(201);
  });

  it('blocks nobody who does not exist, and not oneself', async () => {
    const agent = await signedInAgent(ctx.app, laura.email, laura.password);
    const csrf = csrfFrom((await agent.get('/messaggi-privati/bloccati').expect(200)).text);
    await agent.post('/messaggi-privati/bloccati/999999').type('form').send({ _csrf: csrf }).expect(404);
    await agent.post(`/messaggi-privati/bloccati/${laura.id}`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get('/messaggi-privati/bloccati').expect(200)).text).to.contain('Non puoi bloccare te stesso');
    expect(await ctx.database.query('SELECT 1 FROM user_blocks')).to.have.length(0);
    await request(ctx.app).post(`/messaggi-privati/bloccati/${luca.id}`).expect(403); // no session, no CSRF token
  });

  it('sends a report to the administrators, who see that message and nothing else', async () => {
    const admin = await createUser(ctx, { role: 'admin', name: 'Amministrazione Rete' });
    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'Oggetto riservato della conversazione',
      body: 'Primo messaggio, riservato.',
    });
    const lucaAuth = await bearer(luca);
    const lauraAuth = await bearer(laura);
    const second = await request(ctx.app)
      .post(`/api/v1/conversations/${conversation.id}/messages`)
      .set('Authorization', lauraAuth)
      .send({ body: 'Messaggio da segnalare: compra ora!' })
      .expect(201);
    await request(ctx.app)
      .post(`/api/v1/conversations/${conversation.id}/messages`)
      .set('Authorization', lauraAuth)
      .send({ body: 'Terzo messaggio, anche questo riservato.' })
      .expect(201);
    const messageId = second.body.message.id as number;

    const lucaAgent = await signedInAgent(ctx.app, luca.email, luca.password);
    const page = await lucaAgent.get(`/messaggi-privati/${conversation.id}`).expect(200);
    const reportUrl = `/messaggi-privati/${conversation.id}/messaggi/${messageId}/segnala`;
    expect(page.text).to.contain(reportUrl);
    const form = await lucaAgent.get(reportUrl).expect(200);
    expect(form.text).to.contain('compra ora!').and.contain('Gli amministratori vedranno solo questo messaggio');
    const missing = await lucaAgent
      .post(reportUrl)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), reason: '' })
      .expect(400);
    expect(missing.text).to.contain('Indica il motivo della segnalazione');
    await lucaAgent
      .post(reportUrl)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), reason: 'Pubblicità' })
      .expect(303);
    const twice = await lucaAgent
      .post(reportUrl)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), reason: 'Ancora' })
      .expect(409);
    expect(twice.text).to.contain('Hai già segnalato questo messaggio');
    // One's own message cannot be reported; nor can someone outside the conversation report anything.
    const lauraAgent = await signedInAgent(ctx.app, laura.email, laura.password);
    await lauraAgent.get(reportUrl).expect(403);
    const teresaAgent = await signedInAgent(ctx.app, teresa.email, teresa.password);
    await teresaAgent.get(reportUrl).expect(404);

    // The administrators are told (without any of the text) and see only the reported message.
    await ctx.settle();
    const adminAgent = await signedInAgent(ctx.app, admin.email, admin.password);
    const bell = await adminAgent.get('/notifiche').expect(200);
    expect(bell.text).to.contain('Luca Di Pietro ha segnalato un messaggio privato');
    expect(bell.text).not.to.contain('compra ora').and.not.contain('Oggetto riservato');
    const queue = await adminAgent.get('/admin/segnalazioni-messaggi-privati').expect(200);
    expect(queue.text).to.contain('compra ora!').and.contain('Pubblicità').and.contain('Laura Mannucci');
    for (const secret of ['Primo messaggio, riservato', 'Terzo messaggio', 'Oggetto riservato della conversazione'])
      expect(queue.text).not.to.contain(secret);
    expect((await adminAgent.get('/admin').expect(200)).text).to.contain('/admin/segnalazioni-messaggi-privati');
    // …and still cannot open the conversation, on the page or through the API.
    await adminAgent.get(`/messaggi-privati/${conversation.id}`).expect(404);
    await request(ctx.app)
      .get(`/api/v1/conversations/${conversation.id}`)
      .set('Authorization', await bearer(admin))
      .expect(404);
    // Members may not see the queue.
    await lucaAgent.get('/admin/segnalazioni-messaggi-privati').expect(403);

    // Removing the message empties its text for everyone; the report is closed.
    const [report] = await ctx.database.query<{ id: number }>('SELECT id FROM message_reports');
    await adminAgent
      .post(`/admin/segnalazioni-messaggi-privati/${report!.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(queue.text), action: 'remove' })
      .expect(303);
    const after = await request(ctx.app)
      .get(`/api/v1/conversations/${conversation.id}`)
      .set('Authorization', lucaAuth)
      .expect(200);
    const removed = after.body.messages.find((m: { id: number }) => m.id === messageId);
    expect(removed).to.include({ removed: true, body: '', bodyHtml: '' });
    expect((await lucaAgent.get(`/messaggi-privati/${conversation.id}`).expect(200)).text).to.contain(
      'Messaggio rimosso dagli amministratori',
    );
    expect((await adminAgent.get('/admin/segnalazioni-messaggi-privati').expect(200)).text).to.contain(
      'Nessuna segnalazione da esaminare',
    );
  });
  it('caps the conversations one person starts in an hour, with a clear 429 and nothing written', async () => {
    // Started at once, they are still counted one after the other: exactly the cap gets through.
    const started = await Promise.allSettled(
      Array.from({ length: NEW_CONVERSATIONS_PER_HOUR + 2 }, (_, i) =>
        startConversation(ctx, toSessionUser(laura), { recipientIds: [luca.id], subject: `N. ${i}`, body: 'x' }),
      ),
    );
    expect(started.filter((r) => r.status === 'fulfilled')).to.have.length(NEW_CONVERSATIONS_PER_HOUR);
    const before = await written();
    const res = await request(ctx.app)
      .post('/api/v1/conversations')
      .set('Authorization', await bearer(laura))
      .send({ recipientIds: [luca.id], subject: 'Una di troppo', body: 'x' })
      .expect(429);
    expect(res.body.error.message).to.contain('troppe conversazioni');
    expect(await written()).to.deep.equal(before);
    // Replies are not capped here (the site-wide write limit applies).
    await request(ctx.app)
      .post('/api/v1/conversations/1/messages')
      .set('Authorization', await bearer(luca))
      .send({ body: 'Risposta' })
      .expect(201);
  });
});
