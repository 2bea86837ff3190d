import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import request from 'supertest';
import * as q from '../../../models/queries/courses.ts';
import { CourseFilesError } from '../../../server/features/courses/courses.files.ts';
import { importCourses } from '../../../server/features/courses/courses.import.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { courseYml, writeCourses } from '../../helpers/courses.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { bearer, cast, draftInput } from '../practices/helpers.ts';
import { seedDemoIfEmpty } from '../../../server/demo/seed.ts';
import { DEMO_PRACTICE_COMPETENCES } from '../../../server/demo/seed-competences.ts';

// Courses and practices name the repertory's competences: an unknown code is refused where it is written.
describe('competence repertory: the codes courses and practices name', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('refuses a course file naming a code the repertory lacks, naming it, and imports none of the folder', async () => {
    const dir = await writeCourses([
      { slug: 'corso-buono' },
      { slug: 'corso-ignoto', courseYml: courseYml('Corso con un codice ignoto').replace('SPI.ACC.01', 'SPI.ZZZ.99') },
    ]);
    try {
      let error: unknown;
      await importCourses(ctx, dir).catch((err: unknown) => (error = err));
      expect(error).to.be.instanceOf(CourseFilesError);
      expect((error as CourseFilesError).problems).to.deep.equal([
        {
          file: 'corso-ignoto/course.yml',
          line: null,
          message:
            'Il codice SPI.ZZZ.99 non è nel repertorio delle competenze (/competenze): correggilo o chiedi a un amministratore di aggiungerlo.',
        },
      ]);
      expect(await q.countCourses(ctx.database.db)).to.equal(0);
      // Once the repertory holds the code (an admin imported it), the same folder imports.
      await ctx.database.exec(`INSERT INTO competences (code, area_id, title)
        SELECT 'SPI.ZZZ.99', id, 'Una competenza aggiunta' FROM competence_areas WHERE code = 'OPI.ACC'`);
      expect((await importCourses(ctx, dir)).map((r) => r.slug).sort()).to.deep.equal(['corso-buono', 'corso-ignoto']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown code in the course form, on the competences field', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const token = csrfFrom((await agent.get('/corsi/nuovo').expect(200)).text);
    const form = {
      _csrf: token,
      title: 'Accogliere al CPI',
      summary: 'Il colloquio di accoglienza.',
      audience: 'Operatori dei CPI',
      hours: '2',
      level: 'base',
      competences: 'SPI.ACC.01 – Condurre il colloquio\nSPI.NOPE.01 – Inventata',
    };
    const refused = await agent.post('/corsi').type('form').send(form).expect(400);
    expect(refused.text).to.match(/id="f-competences-error"[^>]*>[\s\S]*?Il codice SPI\.NOPE\.01 non è nel repertorio/);
    expect(await q.countCourses(ctx.database.db)).to.equal(0);
    await agent
      .post('/corsi')
      .type('form')
      .send({ ...form, competences: 'SPI.ACC.01 – Condurre il colloquio' })
      .expect(303);
    const settings = await agent
      .post('/corsi/accogliere-al-cpi/modifica')
      .type('form')
      .send({
        ...form,
        competences: 'SPI.ACC.01 – Condurre il colloquio\nSPI.NOPE.01 – Inventata\nSPI.NOPE.02 – Anche',
      })
      .expect(400);
    expect(settings.text).to.contain('I codici SPI.NOPE.01, SPI.NOPE.02 non sono nel repertorio');
    const course = (await q.findCourseBySlug(ctx.database.db, 'accogliere-al-cpi'))!;
    expect(course.competences).to.deep.equal([{ code: 'SPI.ACC.01', title: 'Condurre il colloquio' }]);
  });

  it('lets practice authors name the competences a practice develops; an unknown code is a 400 naming it', async () => {
    const people = await cast(ctx);
    const author = await bearer(ctx.app, people.author);
    const refused = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(draftInput(people.org, { competenceCodes: ['SPI.CMP.03', 'SPI.NOPE.01'] }))
      .expect(400);
    expect(refused.body.error.fields.competenceCodes).to.contain('SPI.NOPE.01').and.not.contain('SPI.CMP.03');
    const bad = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(draftInput(people.org, { competenceCodes: ['non un codice'] }))
      .expect(400);
    expect(Object.keys(bad.body.error.fields)[0]).to.match(/^competenceCodes/);
    expect((await ctx.database.query('SELECT 1 FROM practices')).length).to.equal(0);

    // Codes are upper-cased, each kept once.
    const created = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(draftInput(people.org, { competenceCodes: ['spi.cmp.03', 'SPI.CMP.03', 'SPI.ORI.01'] }))
      .expect(201);
    const slug = created.body.practice.slug;
    expect(created.body.practice.competenceCodes).to.deep.equal(['SPI.CMP.03', 'SPI.ORI.01']);
    // The form shows them as one comma-separated field, and the page links them.
    const agent = await signedInAgent(ctx.app, people.author.email, people.author.password);
    const form = await agent.get(`/buone-pratiche/${slug}/modifica`).expect(200);
    expect(form.text).to.match(/id="f-competenceCodes" name="competenceCodes"\s+value="SPI\.CMP\.03, SPI\.ORI\.01"/);
    const page = await agent.get(`/buone-pratiche/${slug}`).expect(200);
    expect(page.text).to.contain('href="/competenze/SPI.ORI.01"');
    // A change through PATCH is checked too.
    await request(ctx.app)
      .patch(`/api/v1/practices/${slug}`)
      .set(author)
      .send({ competenceCodes: 'SPI.CMP.03, SPI.NOPE.02' })
      .expect(400);
    const patched = await request(ctx.app)
      .patch(`/api/v1/practices/${slug}`)
      .set(author)
      .send({ competenceCodes: [] })
      .expect(200);
    expect(patched.body.practice.competenceCodes).to.deep.equal([]);
  });

  it('gives the demo practices the competences they develop, shown on the competence pages', async () => {
    await seedDemoIfEmpty(ctx);
    const rows = await ctx.database.query<{ slug: string; competence_codes: string[] }>(
      'SELECT slug, competence_codes FROM practices WHERE cardinality(competence_codes) > 0',
    );
    expect(Object.fromEntries(rows.map((r) => [r.slug, r.competence_codes]))).to.deep.equal(DEMO_PRACTICE_COMPETENCES);
    const page = await request(ctx.app).get('/competenze/SPI.CMP.03').expect(200);
    expect(page.text).to.contain('href="/buone-pratiche/libretto-formativo-del-cittadino"');
  });
});
