// A private conversation is read by its participants and nobody else, through any path: its page
// and the API (for a third member, an administrator, an anonymous visitor), every action on it,
// search, the activity feeds, notifications, the mail outbox, the sitemap, the event outbox.
import { expect } from 'chai';
import request from 'supertest';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent, type Agent } from '../../helpers/http.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { startConversation } from '../../../server/features/conversations/conversations.service.ts';

type Person = Awaited<ReturnType<typeof createUser>>;

/** A word that appears nowhere else, so a search for it finds only what holds it. */
const SECRET = 'zafferanoriservato';
/** What only the conversation holds: its subject and its two messages (the public control thread has the word only). */
const PRIVATE_TEXTS = [`Oggetto ${SECRET}`, 'Il testo riservato parla', `Risposta con ${SECRET}`];
const expectNoPrivateText = (text: string, where: string) => {
  for (const t of PRIVATE_TEXTS) expect(text, where).not.to.contain(t);
};

describe('private conversations: privacy through every path', () => {
  let ctx: TestContext;
  let laura: Person;
  let luca: Person;
  let teresa: Person;
  let admin: Person;
  let id: number;
  let messageId: number;
  beforeEach(async () => {
    ctx = await testContext();
    laura = await createUser(ctx, { name: 'Laura Mannucci' });
    luca = await createUser(ctx, { name: 'Luca Di Pietro' });
    teresa = await createUser(ctx, { name: 'Teresa Gallo' });
    admin = await createUser(ctx, { role: 'admin', name: 'Amministrazione Rete' });
    const started = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: `Oggetto ${SECRET}`,
      body: `Il testo riservato parla di ${SECRET} e di tirocini.`,
    });
    id = started.conversation.id;
    messageId = started.message.id;
    const token = await apiToken(ctx.app, luca.email, luca.password);
    await request(ctx.app)
      .post(`/api/v1/conversations/${id}/messages`)
      .set('Authorization', `Bearer ${token}`)
      .send({ body: `Risposta con ${SECRET}.` })
      .expect(201);
    // The same word in a public discussion: search works, and finds that only.
    const { group, owner } = await createGroup(ctx);
    await createThread(ctx, owner, group, {
      title: `Discussione pubblica su ${SECRET}`,
      body: `Parliamo di ${SECRET}.`,
    });
    await ctx.settle();
  });

  const outsiders = () => [
    { who: 'a third member', person: teresa },
    { who: 'an administrator', person: admin },
  ];

  it('answers 404 to a third member and an administrator on every page and action, and asks visitors to sign in', async () => {
    const paths = [
      `/messaggi-privati/${id}`,
      `/messaggi-privati/${id}?page=1`,
      `/messaggi-privati/${id}/messaggi/${messageId}/segnala`,
    ];
    const actions = ['risposte', 'partecipanti', 'lascia', 'silenzia', 'letto', 'non-letto'];
    for (const { who, person } of outsiders()) {
      const agent = await signedInAgent(ctx.app, person.email, person.password);
      const csrf = csrfFrom((await agent.get('/messaggi-privati').expect(200)).text);
      for (const path of paths) {
        const res = await agent.get(path);
        expect(res.status, `${who}: GET ${path}`).to.equal(404);
        expect(res.text).not.to.contain(SECRET);
      }
      for (const action of actions) {
        const res = await agent
          .post(`/messaggi-privati/${id}/${action}`)
          .type('form')
          .send({ _csrf: csrf, body: 'Intruso', handles: `@${person.handle}`, muted: 'true' });
        expect(res.status, `${who}: POST ${action}`).to.equal(404);
      }
      await agent
        .post(`/messaggi-privati/${id}/messaggi/${messageId}/segnala`)
        .type('form')
        .send({ _csrf: csrf, reason: 'curiosità' })
        .expect(404);
      const list = await agent.get('/messaggi-privati').expect(200);
      expect(list.text).not.to.contain(SECRET);
    }
    // Anonymous visitors: sent to the login page, or 401 from the API.
    for (const path of paths) {
      const res = await request(ctx.app).get(path).expect(303);
      expect(res.headers.location).to.match(/^\/accedi\?next=/);
    }
    await request(ctx.app).get(`/api/v1/conversations/${id}`).expect(401);
    await request(ctx.app).get('/api/v1/conversations').expect(401);
    await request(ctx.app).post(`/api/v1/conversations/${id}/messages`).send({ body: 'x' }).expect(401);
    // Nothing was written by anyone of them.
    const [{ n } = { n: -1 }] = await ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM conversation_messages',
    );
    expect(n).to.equal(2);
    const participants = await ctx.database.query<{ user_id: number }>(
      'SELECT user_id FROM conversation_participants ORDER BY user_id',
    );
    expect(participants.map((p) => p.user_id)).to.deep.equal([laura.id, luca.id].sort((a, b) => a - b));
  });

  it('answers the API of a non-participant exactly as for a conversation that does not exist', async () => {
    for (const { person } of outsiders()) {
      const auth = `Bearer ${await apiToken(ctx.app, person.email, person.password)}`;
      const existing = await request(ctx.app).get(`/api/v1/conversations/${id}`).set('Authorization', auth).expect(404);
      const missing = await request(ctx.app).get('/api/v1/conversations/999999').set('Authorization', auth).expect(404);
      expect(existing.body).to.deep.equal(missing.body);
      await request(ctx.app)
        .post(`/api/v1/conversations/${id}/messages`)
        .set('Authorization', auth)
        .send({ body: 'Intruso' })
        .expect(404);
      const list = await request(ctx.app).get('/api/v1/conversations').set('Authorization', auth).expect(200);
      expect(list.body).to.deep.include({ conversations: [], total: 0, unreadConversations: 0 });
    }
  });

  it('keeps the conversation out of search, for everyone including its participants', async () => {
    const searchers: (Person | null)[] = [laura, luca, teresa, admin, null];
    for (const person of searchers) {
      const agent: Agent | ReturnType<typeof request> = person
        ? await signedInAgent(ctx.app, person.email, person.password)
        : request(ctx.app);
      const page = await agent.get('/cerca').query({ q: SECRET }).expect(200);
      expect(page.text).to.contain('Discussione pubblica su'); // the control: the word is searchable
      expect(page.text).not.to.contain('/messaggi-privati/').and.not.to.contain('Il testo riservato');
      const api = await agent.get('/api/v1/search').query({ q: SECRET }).expect(200);
      const results = api.body.results as { type: string; url: string; title: string; snippet: string }[];
      expect(results.length).to.be.greaterThan(0);
      for (const r of results) {
        expect(r.url).not.to.match(/messaggi-privati/);
        expect(`${r.title} ${r.snippet}`).not.to.contain('riservato parla');
        expect(r.title).not.to.contain('Oggetto');
      }
    }
  });

  it('never appears in the activity feeds, notifications, the mail outbox, the sitemap or event payloads', async () => {
    const [{ n } = { n: -1 }] = await ctx.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM activities
        WHERE object_url LIKE '/messaggi-privati%' OR type LIKE 'message.%' OR object_title LIKE '%Oggetto ${SECRET}%'`,
    );
    expect(n).to.equal(0);
    for (const person of [laura, luca, admin]) {
      const agent = await signedInAgent(ctx.app, person.email, person.password);
      for (const path of ['/attivita', '/attivita?rete=1', `/membri/${laura.id}`, '/', '/notifiche']) {
        const res = await agent.get(path).expect(200);
        expectNoPrivateText(res.text, `${person.name} ${path}`);
        expect(res.text, `${person.name} ${path}`).not.to.contain(`/messaggi-privati/${id}`);
      }
      const feed = await agent.get('/api/v1/feed').expect(200);
      expectNoPrivateText(JSON.stringify(feed.body), `${person.name} /api/v1/feed`);
      expect(JSON.stringify(feed.body)).not.to.contain('messaggi-privati');
      const notifications = await agent.get('/api/v1/notifications').expect(200);
      expect(JSON.stringify(notifications.body)).not.to.contain(SECRET);
    }
    const feed = await request(ctx.app).get('/api/v1/feed').expect(200);
    expectNoPrivateText(JSON.stringify(feed.body), 'anonymous /api/v1/feed');
    const sitemap = await request(ctx.app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).not.to.contain('messaggi-privati');
    // E-mails (readable by administrators in /admin/outbox) name the writer, never subject or text.
    const mails = await ctx.database.query<{ to_address: string; subject: string; text_body: string }>(
      'SELECT to_address, subject, text_body FROM outbox',
    );
    expect(mails.map((m) => m.to_address).sort()).to.deep.equal([laura.email, luca.email].sort());
    for (const mail of mails) expect(`${mail.subject} ${mail.text_body}`).not.to.contain(SECRET);
    const adminAgent = await signedInAgent(ctx.app, admin.email, admin.password);
    expect((await adminAgent.get('/admin/outbox').expect(200)).text).not.to.contain(SECRET);
    // The event outbox carries ids only.
    const events = await ctx.database.query<{ payload: unknown }>('SELECT payload FROM domain_events');
    expect(JSON.stringify(events)).not.to.contain(SECRET);
  });
});
