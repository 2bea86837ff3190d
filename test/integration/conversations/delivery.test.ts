// How a private message reaches people: live over Socket.IO to the participants' own rooms only, and
// by e-mail (a real SMTP server) to participants who want it, once per run of unread messages.
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { users } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { client, next, receivedUntil, startLive, subscribe, type Live } from '../../helpers/live.ts';
import { startSmtp, type TestSmtp } from '../../helpers/smtp.ts';
import { until } from '../../helpers/wait.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { startConversation } from '../../../server/features/conversations/conversations.service.ts';

type Person = Awaited<ReturnType<typeof createUser>>;
type MessageNew = {
  conversationId: number;
  messageId: number;
  mine: boolean;
  unread: number;
  html: { it: string; en: string };
};

describe('private conversations: live delivery', () => {
  let ctx: TestContext;
  let live: Live;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    ctx = await testContext();
    live = await startLive(ctx);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await live.close();
  });
  const connectAs = async (user: Person) => {
    const socket = await client(live.url, { token: await apiToken(ctx.app, user.email, user.password) });
    sockets.push(socket);
    return socket;
  };
  const reply = async (from: Person, conversationId: number, body: string) => {
    const token = await apiToken(ctx.app, from.email, from.password);
    const res = await request(ctx.app)
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set('Authorization', `Bearer ${token}`)
      .send({ body })
      .expect(201);
    return res.body.message.id as number;
  };

  it('sends message:new to the participants only, never to others, even subscribed to every public room', async () => {
    const laura = await createUser(ctx, { name: 'Laura Mannucci' });
    const luca = await createUser(ctx, { name: 'Luca Di Pietro' });
    const teresa = await createUser(ctx, { name: 'Teresa Gallo' });
    const admin = await createUser(ctx, { role: 'admin' });
    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'In diretta',
      body: 'Primo.',
    });
    const lucaSocket = await connectAs(luca);
    const lauraSocket = await connectAs(laura);
    const teresaSocket = await connectAs(teresa);
    const adminSocket = await connectAs(admin);
    for (const s of [teresaSocket, adminSocket]) {
      expect(await subscribe(s, 'feed')).to.include({ ok: true });
      expect(await subscribe(s, 'network')).to.include({ ok: true });
    }
    const lucaGets = next<MessageNew>(lucaSocket, 'message:new', (m) => m.conversationId === conversation.id);
    const lauraGets = next<MessageNew>(lauraSocket, 'message:new', (m) => m.conversationId === conversation.id);
    // The marker: a later message in a conversation of Teresa and the administrator.
    const isMarker = (event: string, p: Record<string, unknown>) =>
      event === 'message:new' && p.conversationId !== conversation.id;
    const teresaGot = receivedUntil(teresaSocket, isMarker);
    const adminGot = receivedUntil(adminSocket, isMarker);

    const messageId = await reply(laura, conversation.id, 'Segreto *in diretta*.');
    const got = await lucaGets;
    expect(got).to.include({ messageId, mine: false, unread: 1 });
    expect(got.html.it).to.contain('<em>in diretta</em>').and.contain('Segnala').and.contain('Nuovo');
    expect(got.html.en).to.contain('Report');
    // The writer's other windows get it too, as her own message (no "Segnala").
    const own = await lauraGets;
    expect(own).to.include({ messageId, mine: true, unread: 0 });
    expect(own.html.it).not.to.contain('Segnala');

    await ctx.settle();
    await startConversation(ctx, toSessionUser(teresa), { recipientIds: [admin.id], subject: 'Fine', body: 'Segnale' });
    for (const received of [await teresaGot, await adminGot]) {
      expect(JSON.stringify(received)).not.to.contain('Segreto');
      expect(received.filter((r) => r.event === 'message:new')).to.have.length(0);
    }
  });

  it('stops live delivery to someone who left', async () => {
    const laura = await createUser(ctx);
    const luca = await createUser(ctx);
    const teresa = await createUser(ctx);
    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id, teresa.id],
      subject: 'In tre',
      body: 'Ciao a tutti.',
    });
    const agent = await signedInAgent(ctx.app, teresa.email, teresa.password);
    const csrf = csrfFrom((await agent.get(`/messaggi-privati/${conversation.id}`).expect(200)).text);
    await agent.post(`/messaggi-privati/${conversation.id}/lascia`).type('form').send({ _csrf: csrf }).expect(303);
    await ctx.settle();
    const teresaSocket = await connectAs(teresa);
    const lucaSocket = await connectAs(luca);
    const teresaGot = receivedUntil(teresaSocket, (event) => event === 'message:new');
    const lucaGets = next<MessageNew>(lucaSocket, 'message:new', (m) => m.conversationId === conversation.id);
    await reply(laura, conversation.id, 'Dopo la sua uscita.');
    await lucaGets;
    await ctx.settle();
    // The marker: a new conversation with Teresa, sent afterwards.
    await startConversation(ctx, toSessionUser(luca), { recipientIds: [teresa.id], subject: 'Altro', body: 'x' });
    const received = await teresaGot;
    expect(received).to.deep.equal([]);
  });
});

describe('private conversations: e-mail', () => {
  let ctx: TestContext;
  let smtp: TestSmtp;
  before(async () => {
    smtp = await startSmtp();
  });
  after(() => smtp.close());
  beforeEach(async () => {
    smtp.messages.length = 0;
    ctx = await testContext({ SMTP_URL: smtp.url, PUBLIC_URL: 'http://spi.esempio.it' });
  });

  it('e-mails the participants who want it, once per run of unread messages, never the text, never anyone else', async () => {
    const laura = await createUser(ctx, { name: 'Laura Mannucci' });
    const luca = await createUser(ctx, { name: 'Luca Di Pietro' });
    const quiet = await createUser(ctx, { name: 'Sara Silenziosa' });
    const outsider = await createUser(ctx, { name: 'Teresa Gallo' });
    // Sara turned private message e-mails off in her preferences (the form's checkbox left unticked).
    const saraAgent = await signedInAgent(ctx.app, quiet.email, quiet.password);
    const prefs = await saraAgent.get('/notifiche').expect(200);
    expect(prefs.text).to.contain('name="messageEmails"');
    await saraAgent
      .post('/notifiche/preferenze')
      .type('form')
      .send({ _csrf: csrfFrom(prefs.text), emailFrequency: 'immediate' })
      .expect(303);
    const [stored] = await ctx.database.db.select().from(users).where(eq(users.id, quiet.id));
    expect(stored!.messageEmails).to.equal(false);

    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id, quiet.id],
      subject: 'Oggetto da non spedire',
      body: 'Testo da non spedire per e-mail.',
    });
    await ctx.settle();
    await until('the first e-mail', () => smtp.messages.length >= 1);
    expect(smtp.messages).to.have.length(1);
    const [mail] = smtp.messages;
    expect(mail!.to).to.deep.equal([luca.email]);
    expect(mail!.subject).to.equal('Rete SPI: nuovo messaggio privato da Laura Mannucci');
    expect(mail!.text).to.contain(`http://spi.esempio.it/messaggi-privati/${conversation.id}`);
    expect(`${mail!.subject} ${mail!.text}`).not.to.contain('non spedire');

    // A second message before Luca reads: no second e-mail. After he reads, the next one mails again.
    const lauraToken = await apiToken(ctx.app, laura.email, laura.password);
    const send = (body: string) =>
      request(ctx.app)
        .post(`/api/v1/conversations/${conversation.id}/messages`)
        .set('Authorization', `Bearer ${lauraToken}`)
        .send({ body })
        .expect(201);
    await send('Secondo.');
    await ctx.settle();
    expect(smtp.messages).to.have.length(1);
    const lucaAgent = await signedInAgent(ctx.app, luca.email, luca.password);
    await lucaAgent.get(`/messaggi-privati/${conversation.id}`).expect(200);
    await send('Terzo.');
    await ctx.settle();
    await until('the second e-mail', () => smtp.messages.length >= 2);

    // Muted: no e-mail.
    const page = await lucaAgent.get(`/messaggi-privati/${conversation.id}`).expect(200);
    await lucaAgent
      .post(`/messaggi-privati/${conversation.id}/silenzia`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), muted: 'true' })
      .expect(303);
    await send('Quarto.');
    await ctx.settle();

    // Someone added is told by e-mail (in their language).
    await ctx.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, outsider.id));
    const lauraAgent = await signedInAgent(ctx.app, laura.email, laura.password);
    const own = await lauraAgent.get(`/messaggi-privati/${conversation.id}`).expect(200);
    await lauraAgent
      .post(`/messaggi-privati/${conversation.id}/partecipanti`)
      .type('form')
      .send({ _csrf: csrfFrom(own.text), handles: `@${outsider.handle}` })
      .expect(303);
    await ctx.settle();
    await until('the e-mail to the person added', () => smtp.messages.length >= 3);
    expect(smtp.messages[2]!.to).to.deep.equal([outsider.email]);
    expect(smtp.messages[2]!.subject).to.equal('Rete SPI: Laura Mannucci added you to a private conversation');

    expect(smtp.messages.map((m) => m.to[0])).to.deep.equal([luca.email, luca.email, outsider.email]);
    for (const m of smtp.messages) expect(m.text).not.to.contain('Secondo').and.not.contain('Terzo');
  });
});
