import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { courses, credentials } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import { completeCourse, FILES, importBookletCourse, seedTestRepertory } from '../../helpers/booklet.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent, type Agent } from '../../helpers/http.ts';
import { pdfText } from '../../helpers/pdf.ts';

type Person = Awaited<ReturnType<typeof createUser>>;
const RECOGNISED = 'ha ottenuto il riconoscimento della competenza';

describe('booklet: visibility on the profile and in the feed, print, PDF and JSON export', () => {
  let ctx: TestContext;
  let owner: Person;
  let animator: Person;
  const bearer = async (u: { email: string; password: string }) => ({
    authorization: `Bearer ${await apiToken(ctx.app, u.email, u.password)}`,
  });

  beforeEach(async () => {
    ctx = await testContext();
    await seedTestRepertory(ctx);
    await importBookletCourse(ctx);
    owner = await createUser(ctx, {
      name: 'Maria Grazia Scalise',
      organization: 'CPI di Vibo Valentia',
      region: 'Calabria',
    });
    animator = await createUser(ctx, { role: 'animator' });
  });

  /** Declares an experience and has an animator validate its competence; the validation's id. */
  async function recognise(who: Person): Promise<number> {
    const auth = await bearer(who);
    const experience = (
      await request(ctx.app)
        .post('/api/v1/booklet/experiences')
        .set(auth)
        .field('kind', 'non_formal')
        .field('title', 'Formazione sul Libretto formativo – Regione Toscana')
        .field('startedOn', '2024-03-18')
        .field('competences', 'TBK.ORI.02')
        .attach('files', FILES.pdf, { filename: 'attestato.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body.experience;
    const asked = await request(ctx.app)
      .post('/api/v1/booklet/validation-requests')
      .set(auth)
      .send({ experienceId: experience.id, competence: 'TBK.ORI.02', message: 'Ho frequentato le cinque giornate.' })
      .expect(201);
    const id = asked.body.validationRequest.id as number;
    await request(ctx.app)
      .post(`/api/v1/booklet/validation-requests/${id}/decision`)
      .set(await bearer(animator))
      .send({ decision: 'validated', level: 4 })
      .expect(200);
    await ctx.settle();
    return id;
  }
  const publicFeed = async () =>
    JSON.stringify((await request(ctx.app).get('/api/v1/feed').expect(200)).body.activities);
  async function setVisibility(agent: Agent, choices: Record<string, string>) {
    const form = await agent.get('/libretto/visibilita').expect(200);
    await agent
      .post('/libretto/visibilita')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...choices })
      .expect(303);
    await ctx.settle();
  }

  it('shows nothing of the booklet on the profile by default, then what the owner chooses', async () => {
    await completeCourse(ctx, owner);
    await recognise(owner);
    const [course] = await ctx.database.db.select().from(courses);
    // A row of known content in place of the one the credentials feature issued on completion.
    await ctx.settle();
    await ctx.database.db.delete(credentials).where(eq(credentials.userId, owner.id));
    const credentialId = randomUUID();
    await ctx.database.db.insert(credentials).values({
      id: credentialId,
      userId: owner.id,
      kind: 'course',
      courseId: course!.id,
      subjectName: owner.name,
      achievementTitle: 'Corso di prova',
      keyId: 'k1',
      token: 'eyJ0eXAiOiJ2Yytqd3QifQ.e30.firma',
      credential: {},
      issuedAt: new Date(),
    });
    const profile = async () => (await request(ctx.app).get(`/membri/${owner.id}`).expect(200)).text;
    const before = await profile();
    expect(before).not.to.contain('TBK.ORI.02').and.not.to.contain('Corsi completati').and.not.to.contain(credentialId);
    // Hidden competences: the recognition was not announced publicly.
    expect(await publicFeed()).not.to.contain('competence.recognized');

    const agent = await signedInAgent(ctx.app, owner.email, owner.password);
    await setVisibility(agent, { showCourses: 'on', showCompetences: 'on', showCredentials: 'on' });
    const after = await profile();
    expect(after).to.contain('Corsi completati').and.contain('Corso di prova');
    expect(after).to.contain('TBK.ORI.02').and.contain('riconosciuta').and.contain('EQF 4');
    expect(after).to.contain(`href="/credenziali/${credentialId}"`);
    await setVisibility(agent, { showCourses: 'on' });
    const coursesOnly = await profile();
    expect(coursesOnly).to.contain('Corso di prova').and.not.to.contain('TBK.ORI.02').and.not.to.contain(credentialId);
  });

  it('announces a recognition in the feed only while the person shows their competences', async () => {
    const agent = await signedInAgent(ctx.app, owner.email, owner.password);
    await setVisibility(agent, { showCompetences: 'on' });
    await recognise(owner);
    const feed = await publicFeed();
    expect(feed).to.contain('competence.recognized').and.contain("Accompagnare l'orientamento professionale");
    const page = await request(ctx.app).get('/attivita').expect(200);
    expect(page.text).to.contain(RECOGNISED).and.contain('Maria Grazia Scalise');
    await setVisibility(agent, {});
    expect(await publicFeed()).not.to.contain('competence.recognized');
    await setVisibility(agent, { showCompetences: 'on' });
    expect(await publicFeed()).to.contain('competence.recognized');

    // Someone who shows nothing: their recognition is recorded (competence.validated) but not announced.
    const quiet = await createUser(ctx, { name: 'Domenico Fiumara' });
    await recognise(quiet);
    const recognised = (await request(ctx.app).get('/api/v1/feed').expect(200)).body.activities.filter(
      (a: { type: string }) => a.type === 'competence.recognized',
    );
    expect(recognised.map((a: { actor: { name: string } }) => a.actor.name)).to.deep.equal(['Maria Grazia Scalise']);
  });

  it('exports the booklet as a PDF with the person, courses, experiences and competences', async () => {
    await completeCourse(ctx, owner);
    await recognise(owner);
    const agent = await signedInAgent(ctx.app, owner.email, owner.password);
    const res = await agent
      .get('/libretto/libretto.pdf')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.contain('libretto-formativo-maria-grazia-scalise.pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'Rete SPI',
      'Libretto formativo del cittadino',
      'Maria Grazia Scalise',
      'CPI di Vibo Valentia',
      'Corso di prova',
      'TBK.ORI.02',
      'Formazione sul Libretto formativo',
      'attestato.pdf',
      'EQF 4',
      'riconosciuta',
    ])
      expect(text, expected).to.contain(expected);

    const print = await agent.get('/libretto/stampa').expect(200);
    expect(print.text)
      .to.contain('Maria Grazia Scalise')
      .and.contain('Rete SPI')
      .and.contain('/static/css/booklet-print.css');
    expect(print.text).to.contain('Corso di prova').and.contain('Formazione sul Libretto formativo');
  });

  it('exports JSON with every credential row of the person, tokens included (page and API)', async () => {
    await completeCourse(ctx, owner);
    const [course] = await ctx.database.db.select().from(courses);
    // Rows of known content in place of the one the credentials feature issued on completion.
    await ctx.settle();
    await ctx.database.db.delete(credentials).where(eq(credentials.userId, owner.id));
    const other = await createUser(ctx);
    const rows = [owner.id, owner.id, other.id].map((userId, i) => ({
      id: randomUUID(),
      userId,
      kind: 'course' as const,
      courseId: i === 0 ? course!.id : null,
      subjectName: 'x',
      achievementTitle: `Credenziale ${i}`,
      keyId: 'k1',
      token: `header.payload${i}.signature`,
      credential: { n: i },
      issuedAt: new Date(Date.now() - i * 1000),
      revokedAt: i === 1 ? new Date() : null,
    }));
    await ctx.database.db.insert(credentials).values(rows);
    const agent = await signedInAgent(ctx.app, owner.email, owner.password);
    const page = await agent.get('/libretto/libretto.json').expect(200).expect('content-type', /json/);
    expect(page.headers['content-disposition']).to.match(
      /^attachment; filename="libretto-formativo-maria-grazia-scalise\.json"/,
    );
    const api = (
      await request(ctx.app)
        .get('/api/v1/booklet/export')
        .set(await bearer(owner))
        .expect(200)
    ).body;
    for (const body of [page.body, api]) {
      expect(body).to.include({ format: 'rete-spi-libretto-formativo', version: 1 });
      expect(body.person).to.deep.include({ name: 'Maria Grazia Scalise', region: 'Calabria' });
      expect(body.entries[0]).to.deep.include({
        course: { slug: 'corso-prova', title: 'Corso di prova' },
        credentialId: rows[0]!.id,
      });
      expect(
        body.credentials.map((c: { id: string; token: string; revokedAt: string | null }) => [
          c.id,
          c.token,
          c.revokedAt !== null,
        ]),
      ).to.deep.equal([
        [rows[0]!.id, 'header.payload0.signature', false],
        [rows[1]!.id, 'header.payload1.signature', true],
      ]);
    }
  });
});
