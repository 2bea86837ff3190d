import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, formToken, signedInAgent } from '../../helpers/http.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { startConversation } from '../../../server/features/conversations/conversations.service.ts';

type Person = Awaited<ReturnType<typeof createUser>>;

describe('private conversations', () => {
  let ctx: TestContext;
  let laura: Person;
  let luca: Person;
  let teresa: Person;
  beforeEach(async () => {
    ctx = await testContext();
    laura = await createUser(ctx, { name: 'Laura Mannucci' });
    luca = await createUser(ctx, { name: 'Luca Di Pietro', organization: 'CPI di Teramo', region: 'Abruzzo' });
    teresa = await createUser(ctx, { name: 'Teresa Gallo', organization: 'CPI di Cosenza', region: 'Calabria' });
  });

  /** An API caller with a personal token. */
  const api = async (who: Person) => {
    const token = await apiToken(ctx.app, who.email, who.password);
    const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
    return {
      token,
      get: (path: string) => auth(request(ctx.app).get(path)),
      post: (path: string, body: object) => auth(request(ctx.app).post(path)).send(body),
    };
  };
  /** The number in the header's envelope (0 when hidden). */
  const envelope = (html: string) => {
    const m = /data-unread-messages-count( hidden)?>(\d*)</.exec(html);
    expect(m, 'the header has the envelope').to.not.equal(null);
    return m![1] ? 0 : Number(m![2]);
  };
  const count = async (table: string) =>
    (await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('starts a conversation from a profile, replies, and keeps unread counts per person', async () => {
    const agent = await signedInAgent(ctx.app, laura.email, laura.password);
    // The profile offers "Scrivi un messaggio", which opens the form with the recipient chosen.
    const profile = await agent.get(`/membri/${luca.id}`).expect(200);
    expect(profile.text).to.contain(`href="/messaggi-privati/nuova?a=${luca.id}"`).and.contain('Scrivi un messaggio');
    const form = await agent.get(`/messaggi-privati/nuova?a=${luca.id}`).expect(200);
    expect(form.text).to.contain('Luca Di Pietro').and.contain(`value="${luca.id}" checked`);
    const created = await agent
      .post('/messaggi-privati')
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        recipientIds: String(luca.id),
        subject: 'Sportello unico Labor',
        body: 'Ciao Luca, come avete collegato le **anagrafi comunali**?',
      })
      .expect(303);
    const url = created.headers.location as string;
    expect(url).to.match(/^\/messaggi-privati\/\d+$/);
    const id = Number(url.split('/').pop());

    // The writer's page shows the message rendered from Markdown; nothing is unread for her.
    const page = await agent.get(url).expect(200);
    expect(page.text).to.contain('<strong>anagrafi comunali</strong>').and.contain('Sportello unico Labor');
    expect(page.text).to.contain('noindex');

    // Luca has one unread conversation: in the header on every page, in the list (with text, not colour only), in the API.
    const lucaAgent = await signedInAgent(ctx.app, luca.email, luca.password);
    const home = await lucaAgent.get('/').expect(200);
    expect(home.text).to.contain('>Messaggi privati, 1 conversazione non letta</span>');
    expect(envelope(home.text)).to.equal(1);
    const list = await lucaAgent.get('/messaggi-privati').expect(200);
    expect(list.text).to.contain('1 non letto').and.contain('Con Laura Mannucci').and.contain('come avete collegato');
    const lucaApi = await api(luca);
    const mine = await lucaApi.get('/api/v1/conversations').expect(200);
    expect(mine.body.unreadConversations).to.equal(1);
    expect(mine.body.conversations[0]).to.include({ id, subject: 'Sportello unico Labor', unread: 1, muted: false });

    // Reading it (page or API) marks it read.
    const read = await lucaApi.get(`/api/v1/conversations/${id}`).expect(200);
    expect(read.body.messages).to.have.length(1);
    expect(read.body.messages[0]).to.include({ kind: 'text', removed: false });
    expect(read.body.messages[0].author).to.deep.equal({ id: laura.id, name: 'Laura Mannucci' });
    expect((await lucaApi.get('/api/v1/conversations').expect(200)).body.unreadConversations).to.equal(0);

    // He replies through the API: 201, and Laura now has it unread.
    const reply = await lucaApi
      .post(`/api/v1/conversations/${id}/messages`, { body: 'Con la cooperazione applicativa, ti racconto.' })
      .expect(201);
    expect(reply.body.message).to.include({ conversationId: id, kind: 'text' });
    expect(envelope((await agent.get('/').expect(200)).text)).to.equal(1);
    const again = await agent.get(url).expect(200);
    expect(again.text).to.contain('cooperazione applicativa').and.contain('Nuovo');
    // The page that marks it read shows the header already without it.
    expect(envelope(again.text)).to.equal(0);
    expect(envelope((await agent.get('/').expect(200)).text)).to.equal(0);
  });

  it('starts a conversation through the API with several people, by id and handle', async () => {
    const lauraApi = await api(laura);
    const res = await lauraApi
      .post('/api/v1/conversations', {
        recipientIds: [luca.id],
        handles: `@${teresa.handle}`,
        subject: 'Servizi integrati',
        body: 'Vi scrivo insieme.',
      })
      .expect(201);
    expect(res.headers.location).to.equal(`/api/v1/conversations/${res.body.conversation.id}`);
    expect(res.body.conversation.participants.map((p: { id: number }) => p.id).sort()).to.deep.equal(
      [laura.id, luca.id, teresa.id].sort(),
    );
    expect(res.body.conversation.origin).to.equal(null);
    expect(res.body.message).to.include({ body: 'Vi scrivo insieme.' });
    // Markdown is rendered and sanitized.
    const unsafe = await lauraApi
      .post('/api/v1/conversations', {
        recipientIds: [luca.id],
        subject: 'Prova',
        body: '<script>alert(1)</script> [link](javascript:alert(1)) **ok**',
      })
      .expect(201);
    expect(unsafe.body.message.bodyHtml)
      .to.contain('<strong>ok</strong>')
      .and.not.match(/<script|href="javascript/i);
    // A client cannot forge where the conversation came from.
    const forged = await lauraApi
      .post('/api/v1/conversations', {
        recipientIds: [luca.id],
        subject: 'x',
        body: 'y',
        origin: { kind: 'match', links: [{ label: 'Falso', url: '/admin' }] },
      })
      .expect(201);
    expect(forged.body.conversation.origin).to.equal(null);
  });

  it('refuses bad input with 4xx naming the field, writing nothing', async () => {
    const lauraApi = await api(laura);
    const refuse = async (body: object, field: string, text: RegExp) => {
      const res = await lauraApi.post('/api/v1/conversations', body).expect(400);
      expect(res.body.error.code).to.equal('validation');
      expect(res.body.error.fields, JSON.stringify(res.body)).to.have.property(field);
      expect(res.body.error.fields[field]).to.match(text);
    };
    await refuse({ recipientIds: [luca.id], subject: 'Oggetto', body: '   ' }, 'body', /testo del messaggio/);
    await refuse({ recipientIds: [luca.id], subject: '', body: 'Testo' }, 'subject', /obbligatorio/);
    await refuse({ recipientIds: [999_999], subject: 'Oggetto', body: 'Testo' }, 'recipientIds', /non è un membro/);
    await refuse({ recipientIds: ['abc'], subject: 'Oggetto', body: 'Testo' }, 'recipientIds', /non è un membro/);
    await refuse({ handles: '@nessuno.qui', subject: 'Oggetto', body: 'Testo' }, 'handles', /@nessuno\.qui/);
    await refuse({ recipientIds: [laura.id], subject: 'Oggetto', body: 'Testo' }, 'recipientIds', /solo a te stess/);
    await refuse({ subject: 'Oggetto', body: 'Testo' }, 'recipientIds', /almeno un destinatario/);
    const many = await Promise.all(Array.from({ length: 21 }, () => createUser(ctx)));
    await refuse(
      { recipientIds: many.map((u) => u.id), subject: 'O', body: 'T' },
      'recipientIds',
      /al massimo a 20 persone/,
    );
    await request(ctx.app)
      .post('/api/v1/conversations')
      .set('Authorization', `Bearer ${lauraApi.token}`)
      .type('json')
      .send('{non json')
      .expect(400);
    expect(await count('conversations')).to.equal(0);
    expect(await count('conversation_messages')).to.equal(0);

    // The form shows the same errors next to the fields, with the typed text kept.
    const agent = await signedInAgent(ctx.app, laura.email, laura.password);
    const form = await agent
      .post('/messaggi-privati')
      .type('form')
      .send({
        _csrf: await formToken(agent, '/messaggi-privati/nuova'),
        handles: '@nessuno.qui',
        subject: 'Prova',
        body: 'Testo conservato',
      })
      .expect(400);
    expect(form.text).to.contain('Nessun membro ha l&#x27;handle @nessuno.qui').and.contain('Testo conservato');
    expect(form.text).to.contain('href="#f-handles"');
    // Replies are checked too.
    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'Prova',
      body: 'Uno',
    });
    const empty = await lauraApi.post(`/api/v1/conversations/${conversation.id}/messages`, { body: '' }).expect(400);
    expect(empty.body.error.fields).to.have.property('body');
    expect(await count('conversation_messages')).to.equal(1);
    // Anonymous callers are asked to sign in.
    await request(ctx.app)
      .post('/api/v1/conversations')
      .send({ recipientIds: [luca.id] })
      .expect(401);
  });

  it('marks read and unread, mutes, and leaving takes the conversation away', async () => {
    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id, teresa.id],
      subject: 'Riunione di rete',
      body: 'Prima proposta.',
    });
    const id = conversation.id;
    const lucaAgent = await signedInAgent(ctx.app, luca.email, luca.password);
    const csrf = csrfFrom((await lucaAgent.get(`/messaggi-privati/${id}`).expect(200)).text);
    // Read by opening it; "segna come non letta" brings it back.
    await lucaAgent.post(`/messaggi-privati/${id}/non-letto`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await lucaAgent.get('/messaggi-privati').expect(200)).text).to.contain('1 non letto');
    // "Segna tutte come lette".
    await lucaAgent.post('/messaggi-privati/segna-lette').type('form').send({ _csrf: csrf }).expect(303);
    expect((await lucaAgent.get('/messaggi-privati').expect(200)).text).to.contain('Hai letto tutti i messaggi');
    // Muted: still listed as unread, but not counted in the header.
    await lucaAgent
      .post(`/messaggi-privati/${id}/silenzia`)
      .type('form')
      .send({ _csrf: csrf, muted: 'true' })
      .expect(303);
    const lauraApi = await api(laura);
    await lauraApi.post(`/api/v1/conversations/${id}/messages`, { body: 'Seconda proposta.' }).expect(201);
    const list = await lucaAgent.get('/messaggi-privati').expect(200);
    expect(list.text).to.contain('Silenziata').and.contain('1 non letto');
    expect(envelope(list.text)).to.equal(0);

    // Teresa leaves: the others see it said; she no longer sees the conversation or its new messages.
    const teresaAgent = await signedInAgent(ctx.app, teresa.email, teresa.password);
    const page = await teresaAgent.get(`/messaggi-privati/${id}`).expect(200);
    await teresaAgent
      .post(`/messaggi-privati/${id}/lascia`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    await lauraApi.post(`/api/v1/conversations/${id}/messages`, { body: 'Dopo che Teresa è uscita.' }).expect(201);
    await teresaAgent.get(`/messaggi-privati/${id}`).expect(404);
    expect((await teresaAgent.get('/messaggi-privati').expect(200)).text).not.to.contain('Riunione di rete');
    const teresaApi = await api(teresa);
    await teresaApi.get(`/api/v1/conversations/${id}`).expect(404);
    await teresaApi.post(`/api/v1/conversations/${id}/messages`, { body: 'Posso?' }).expect(404);
    const seen = await lauraApi.get(`/api/v1/conversations/${id}`).expect(200);
    expect(seen.body.messages.map((m: { kind: string }) => m.kind)).to.deep.equal(['text', 'text', 'left', 'text']);
    expect(seen.body.messages[2].user).to.deep.equal({ id: teresa.id, name: 'Teresa Gallo' });

    // Someone left alone cannot write to nobody.
    const solo = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'A due',
      body: 'Ciao',
    });
    const lucaCsrf = csrfFrom((await lucaAgent.get(`/messaggi-privati/${solo.conversation.id}`).expect(200)).text);
    await lucaAgent
      .post(`/messaggi-privati/${solo.conversation.id}/lascia`)
      .type('form')
      .send({ _csrf: lucaCsrf })
      .expect(303);
    const alone = await lauraApi.post(`/api/v1/conversations/${solo.conversation.id}/messages`, {
      body: 'C’è qualcuno?',
    });
    expect(alone.status).to.equal(409);
    expect(alone.body.error.message).to.contain('non c');
  });

  it('adds people, who read the conversation from the start', async () => {
    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'Scheda del lavoratore',
      body: 'Il primo messaggio.',
    });
    const agent = await signedInAgent(ctx.app, laura.email, laura.password);
    const csrf = csrfFrom((await agent.get(`/messaggi-privati/${conversation.id}`).expect(200)).text);
    const added = await agent
      .post(`/messaggi-privati/${conversation.id}/partecipanti`)
      .type('form')
      .send({ _csrf: csrf, handles: `@${teresa.handle}` })
      .expect(303);
    expect(added.headers.location).to.equal(`/messaggi-privati/${conversation.id}`);
    const teresaAgent = await signedInAgent(ctx.app, teresa.email, teresa.password);
    const page = await teresaAgent.get(`/messaggi-privati/${conversation.id}`).expect(200);
    expect(page.text)
      .to.contain('Il primo messaggio.')
      .and.contain('Laura Mannucci ha aggiunto Teresa Gallo alla conversazione');
    // Adding again, or nobody, is a clear error.
    const again = await agent
      .post(`/messaggi-privati/${conversation.id}/partecipanti`)
      .type('form')
      .send({ _csrf: csrf, handles: `@${teresa.handle}` })
      .expect(400);
    expect(again.text).to.contain('partecipano già alla conversazione');
  });
});
