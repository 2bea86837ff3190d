import { expect } from 'chai';
import { unzipSync, strFromU8 } from 'fflate';
import request from 'supertest';
import { importCourses } from '../../../server/features/courses/courses.import.ts';
import { enrol } from '../../../server/features/courses/courses.enrolment.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { startConversation } from '../../../server/features/conversations/conversations.service.ts';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { courseYml, writeCourses } from '../../helpers/courses.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Collects a binary response body (supertest buffers only text and JSON by default). */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('privacy: personal-data export', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  async function scenario() {
    const anna = await createUser(ctx, { name: 'Anna Export', email: 'anna.export@example.it' });
    const other = await createUser(ctx, { name: 'Bruno Altro', email: 'bruno.altro@example.it' });
    const { group } = await createGroup(ctx, { name: 'Gruppo esportazione', members: [anna, other] });
    const { thread } = await createThread(ctx, other, group, {
      title: 'Discussione di Bruno',
      body: 'Testo di Bruno.',
    });
    await createReply(ctx, anna, thread, 'La risposta di Anna sul patto di servizio.');
    // Anna's upload: the bytes must come back in allegati/.
    const token = await apiToken(ctx.app, anna.email, anna.password);
    const up = await request(ctx.app)
      .post('/api/v1/attachments')
      .set('authorization', `Bearer ${token}`)
      .attach('file', PNG, { filename: 'schema.png', contentType: 'image/png' })
      .expect(201);
    // Bruno's private message to Anna: his words are his data; and Bruno's own private data elsewhere.
    await startConversation(ctx, toSessionUser(other), {
      recipientIds: [anna.id],
      subject: 'Oggetto riservato',
      body: 'Segreto di Bruno: non esportare.',
    });
    await importCourses(ctx, await writeCourses([{ courseYml: courseYml('Corso di prova') }]));
    await enrol(ctx, toSessionUser(anna), 'corso-prova');
    return { anna, other, group, attachmentId: up.body.attachment.id as number, token };
  }

  it('gives a signed-in person a valid zip with their data and their files, nothing of another person', async () => {
    const { anna, attachmentId } = await scenario();
    const agent = await signedInAgent(ctx.app, anna.email, anna.password);
    const page = await agent.get('/profilo/dati').expect(200);
    expect(page.text).to.contain('Scarica i miei dati');
    const res = await agent
      .post('/profilo/dati/esporta')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).to.contain('application/zip');
    expect(res.headers['content-disposition']).to.match(/attachment; filename="rete-spi-dati-/);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const data = JSON.parse(strFromU8(files['dati.json']!));
    expect(data.account.account.email).to.equal('anna.export@example.it');
    expect(data.account.account).not.to.have.property('password_hash');
    expect(data.groups.memberships.map((m: { name: string }) => m.name)).to.include('Gruppo esportazione');
    expect(data.discussions.posts.map((p: { body: string }) => p.body)).to.include(
      'La risposta di Anna sul patto di servizio.',
    );
    expect(data.courses.enrolments.map((e: { slug: string }) => e.slug)).to.include('corso-prova');
    expect(data.account.tokens).to.have.length.greaterThan(0);
    expect(JSON.stringify(data.account.tokens)).not.to.contain('token_hash');
    const attachment = Object.keys(files).find((n) => n.startsWith(`allegati/${attachmentId}-`));
    expect(attachment).to.equal(`allegati/${attachmentId}-schema.png`);
    expect(Buffer.from(files[attachment!]!).equals(PNG)).to.equal(true);
    // Nothing of Bruno's private data: not his e-mail, not his private message's text.
    const whole = strFromU8(files['dati.json']!);
    expect(whole).not.to.contain('bruno.altro@example.it');
    expect(whole).not.to.contain('Segreto di Bruno');
    // The conversation itself is Anna's too: its subject and how many messages of others it holds.
    expect(data.conversations.conversations).to.have.length(1);
    expect(data.conversations.conversations[0]).to.include({ subject: 'Oggetto riservato', others_messages: 1 });
    // The export is logged for the admins.
    const [log] = await ctx.database.query<{ kind: string; subject_id: number }>(
      'SELECT kind, subject_id FROM privacy_log',
    );
    expect(log).to.deep.equal({ kind: 'export', subject_id: anna.id });
  });

  it('exports through the API with a read-scoped token, refuses without it, and limits exports per hour', async () => {
    const anna = await createUser(ctx, { name: 'Anna Api' });
    await request(ctx.app).get('/api/v1/me/export').expect(401);
    const read = await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: anna.email, password: anna.password, scopes: ['write'] })
      .expect(201);
    const refused = await request(ctx.app)
      .get('/api/v1/me/export')
      .set('authorization', `Bearer ${read.body.token}`)
      .expect(403);
    expect(refused.body.error.code).to.equal('insufficient_scope');
    const readOnly = await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: anna.email, password: anna.password, scopes: ['read'] })
      .expect(201);
    for (let i = 0; i < 3; i++) {
      const res = await request(ctx.app)
        .get('/api/v1/me/export')
        .set('authorization', `Bearer ${readOnly.body.token}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(res.body as Buffer))['dati.json']!));
      expect(data.userId).to.equal(anna.id);
    }
    const limited = await request(ctx.app)
      .get('/api/v1/me/export')
      .set('authorization', `Bearer ${readOnly.body.token}`)
      .expect(429);
    expect(limited.body.error.message).to.match(/troppe esportazioni/);
  });
});
