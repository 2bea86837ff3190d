import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { REPERTORY_FILE, seedReferenceData } from '../../../models/reference-data.ts';
import { ROOT_DIR } from '../../../server/config.ts';
import { importRepertory } from '../../../server/features/competences/competences.import.service.ts';
import { importCourses } from '../../../server/features/courses/courses.import.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { createPractice } from '../../helpers/practices.ts';

type Shipped = {
  source: string;
  licence: string;
  profiles: {
    code: string;
    areas: { code: string; competences: { code: string; title: string; eqfLevel: number; escoUri?: string }[] }[];
  }[];
};

const shippedCodes = (file: Shipped) =>
  file.profiles.flatMap((p) => p.areas.flatMap((a) => a.competences.map((c) => c.code)));

describe('competence repertory: the shipped file, the pages and the API', () => {
  let ctx: TestContext;
  let shipped: Shipped;
  before(async () => {
    shipped = JSON.parse(await readFile(REPERTORY_FILE, 'utf8'));
  });
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('loads the shipped repertory as reference data, holding every competence code the course files use', async () => {
    expect(shipped.source).to.contain('Rete SPI').and.contain('Libretto formativo');
    expect(shipped.licence).to.contain('CC BY 4.0');
    expect(shipped.profiles).to.have.length.within(3, 4);
    const codes = shippedCodes(shipped);
    for (const c of shipped.profiles.flatMap((p) => p.areas.flatMap((a) => a.competences))) {
      expect(c.code).to.match(/^[A-Z0-9][A-Z0-9._-]{0,39}$/);
      expect(c.eqfLevel, c.code).to.be.within(1, 8);
      if (c.escoUri) expect(c.escoUri, c.code).to.match(/^http:\/\/data\.europa\.eu\/esco\/isco\/C\d{4}$/);
    }
    // The emptied test database got it back from the reset, as a fresh database gets it from the migrations.
    const stored = await ctx.database.query<{ code: string; title: string }>('SELECT code, title FROM competences');
    expect(stored.map((r) => r.code)).to.have.members(codes);
    const titles = new Map(stored.map((r) => [r.code, r.title]));

    // Every course file's codes are in the repertory, under the same titles.
    const dirs = (await readdir(path.join(ROOT_DIR, 'courses'), { withFileTypes: true })).filter((d) =>
      d.isDirectory(),
    );
    let used = 0;
    for (const dir of dirs) {
      const course = parseYaml(await readFile(path.join(ROOT_DIR, 'courses', dir.name, 'course.yml'), 'utf8'));
      for (const c of course.competences as { code: string; title: string }[]) {
        expect(titles.get(c.code), `${dir.name}: ${c.code}`).to.equal(c.title);
        used++;
      }
    }
    expect(used).to.be.at.least(16);

    // Loading again adds nothing, and an admin's change survives (only an empty repertory is filled).
    await ctx.database.exec(
      `UPDATE competences SET title = 'Titolo scelto da un amministratore' WHERE code = 'SPI.ACC.01'`,
    );
    await seedReferenceData(ctx.database);
    expect((await ctx.database.query('SELECT 1 FROM competences')).length).to.equal(codes.length);
    const [changed] = await ctx.database.query<{ title: string }>(
      `SELECT title FROM competences WHERE code = 'SPI.ACC.01'`,
    );
    expect(changed!.title).to.equal('Titolo scelto da un amministratore');
  });

  it('passes its own import checks: a dry run of the shipped file finds every code unchanged', async () => {
    const plan = await importRepertory(ctx, 'json', await readFile(REPERTORY_FILE, 'utf8'), { dryRun: true });
    expect(plan.counts).to.deep.equal({ new: 0, updated: 0, unchanged: plan.changes.length });
    expect(plan.changes.filter((c) => c.kind === 'competence').map((c) => c.code)).to.have.members(
      shippedCodes(shipped),
    );
  });

  it('shows the catalogue as profiles, areas and competences, and finds competences in Italian', async () => {
    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).to.contain('href="/competenze"');
    const page = await request(ctx.app).get('/competenze').expect(200);
    expect(page.text)
      .to.contain('Analista del mercato del lavoro')
      .and.contain('Orientamento specialistico')
      .and.contain('href="/competenze/SPI.ACC.01"')
      .and.contain('class="accordion"')
      .and.contain(`${shippedCodes(shipped).length} competenze nel repertorio`);

    // One profile only.
    const analyst = await request(ctx.app).get('/competenze?profilo=AML').expect(200);
    expect(analyst.text).to.contain('href="/competenze/SPI.MDL.01"').and.not.contain('href="/competenze/SPI.ACC.01"');

    // Stemming: the plural "certificazioni" finds "certificazione", highlighted.
    const found = await request(ctx.app).get('/competenze?q=certificazioni').expect(200);
    expect(found.text)
      .to.contain('href="/competenze/SPI.CMP.04"')
      .and.match(/<mark>certificazion/i);
    expect(found.text).not.to.contain('href="/competenze/SPI.MDL.01"');
    const plural = await request(ctx.app).get('/competenze?q=tirocini').expect(200);
    expect(plural.text).to.contain('href="/competenze/SPI.IDO.03"');
    // Accents do not matter: "qualita" finds "qualità".
    const accents = await request(ctx.app).get('/competenze?q=qualita').expect(200);
    expect(accents.text).to.contain('href="/competenze/SPI.MDL.05"');
    const none = await request(ctx.app).get('/competenze?q=astronautica').expect(200);
    expect(none.text).to.contain('Nessuna competenza trovata per «astronautica»');
    await request(ctx.app)
      .get(`/competenze?q=${'x'.repeat(201)}`)
      .expect(400);

    // The site-wide search knows the type too.
    const site = await request(ctx.app).get('/api/v1/search?q=certificazione&type=competence').expect(200);
    expect(site.body.results.map((r: { url: string }) => r.url)).to.include('/competenze/SPI.CMP.04');
    const sitemap = await request(ctx.app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).to.contain('/competenze</loc>').and.contain('/competenze/SPI.ACC.01</loc>');
  });

  it('shows a competence with its parts and the published courses and practices that develop it', async () => {
    await importCourses(ctx, path.join(ROOT_DIR, 'courses'));
    const practice = await createPractice(ctx, { title: 'Libretto in Calabria', competenceCodes: ['SPI.CMP.03'] });
    const draft = await createPractice(ctx, {
      title: 'Bozza sul libretto',
      status: 'draft',
      competenceCodes: ['SPI.CMP.03'],
    });

    const page = await request(ctx.app).get('/competenze/SPI.CMP.03').expect(200);
    expect(page.text)
      .to.contain('Accompagnare la persona nella compilazione del Libretto formativo del cittadino')
      .and.contain('Orientatore/orientatrice')
      .and.contain('Struttura e usi del Libretto formativo del cittadino')
      .and.contain('Raccogliere e ordinare le evidenze delle competenze')
      .and.contain('Livello EQF 6')
      // The anchor the competence credentials name as their result's description.
      .and.contain('id="livello-eqf"')
      .and.contain('href="http://data.europa.eu/esco/isco/C2423"')
      .and.contain('href="/corsi/libretto-formativo-competenze"')
      .and.contain(`href="/buone-pratiche/${practice.slug}"`)
      .and.not.contain(draft.title);
    // A competence nothing develops yet says so.
    const lonely = await request(ctx.app).get('/competenze/SPI.COM.03').expect(200);
    expect(lonely.text).to.contain('Nessun corso pubblicato').and.contain('Nessuna buona pratica pubblicata');

    expect((await request(ctx.app).get('/competenze/spi.cmp.03').expect(301)).headers.location).to.equal(
      '/competenze/SPI.CMP.03',
    );
    await request(ctx.app).get('/competenze/SPI.NON.99').expect(404);
    await request(ctx.app).get('/competenze/%20%3Cscript%3E').expect(404);

    // The course page links its codes to the repertory; the practice page lists its competences.
    const course = await request(ctx.app).get('/corsi/libretto-formativo-competenze').expect(200);
    expect(course.text).to.contain('href="/competenze/SPI.CMP.01"');
    const practicePage = await request(ctx.app).get(`/buone-pratiche/${practice.slug}`).expect(200);
    expect(practicePage.text).to.contain('href="/competenze/SPI.CMP.03"').and.contain('Competenze che sviluppa');

    const api = await request(ctx.app).get('/api/v1/competences/SPI.CMP.03').expect(200);
    expect(api.body.competence).to.deep.include({
      code: 'SPI.CMP.03',
      eqfLevel: 6,
      escoUri: 'http://data.europa.eu/esco/isco/C2423',
      url: '/competenze/SPI.CMP.03',
      area: { code: 'ORI.CMP', title: 'Individuazione, validazione e certificazione delle competenze' },
      profile: { code: 'ORI', title: 'Orientatore/orientatrice' },
    });
    expect(api.body.competence.knowledge).to.have.length(2);
    expect(api.body.competence.courses).to.deep.equal([
      {
        slug: 'libretto-formativo-competenze',
        title: 'Il Libretto formativo del cittadino e il riconoscimento delle competenze',
        url: '/corsi/libretto-formativo-competenze',
      },
    ]);
    expect(api.body.competence.practices.map((p: { slug: string }) => p.slug)).to.deep.equal([practice.slug]);
    const missing = await request(ctx.app).get('/api/v1/competences/SPI.NON.99').expect(404);
    expect(missing.body.error.code).to.equal('not_found');
  });

  it('answers the API as a tree, a flat list, one profile, or the matches of a search', async () => {
    const codes = shippedCodes(shipped);
    const tree = (await request(ctx.app).get('/api/v1/competences').expect(200)).body;
    expect(tree.profiles.map((p: { code: string }) => p.code)).to.deep.equal(shipped.profiles.map((p) => p.code));
    const first = tree.profiles[0].areas[0].competences[0];
    expect(first).to.have.keys('code', 'title', 'description', 'knowledge', 'skills', 'eqfLevel', 'escoUri', 'url');
    expect(first.knowledge).to.be.an('array');

    const flat = (await request(ctx.app).get('/api/v1/competences?format=flat').expect(200)).body;
    expect(flat.competences.map((c: { code: string }) => c.code)).to.deep.equal(codes);
    expect(flat.competences[0].profile).to.deep.equal({
      code: 'OPI',
      title: "Operatore/operatrice dei servizi per l'impiego",
    });

    const analyst = (await request(ctx.app).get('/api/v1/competences?profile=AML&format=flat').expect(200)).body;
    expect(analyst.competences.length).to.be.greaterThan(0);
    expect(analyst.competences.every((c: { profile: { code: string } }) => c.profile.code === 'AML')).to.equal(true);
    const oneTree = (await request(ctx.app).get('/api/v1/competences?profile=AML').expect(200)).body;
    expect(oneTree.profiles.map((p: { code: string }) => p.code)).to.deep.equal(['AML']);

    const search = (await request(ctx.app).get('/api/v1/competences?q=orientare').expect(200)).body;
    expect(search.competences.map((c: { code: string }) => c.code)).to.include('SPI.ORI.01');
    expect(search.competences[0].snippet).to.contain('<mark>');
    expect(search.competences[0].rank).to.be.a('number');

    const bad = await request(ctx.app).get('/api/v1/competences?format=xml').expect(400);
    expect(bad.body.error.fields.format).to.contain('tree o flat');
  });
});
