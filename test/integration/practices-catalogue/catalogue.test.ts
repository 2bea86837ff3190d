// The catalogue on a known set: filters and their counts, the three sorts, Italian search with
// highlighted snippets, pages; the page works without JavaScript; drafts never show anywhere; the
// open data (CSV, JSON, API) with its licence; the home page's block.
import { expect } from 'chai';
import request from 'supertest';
import type { Practice } from '../../../models/schema.ts';
import { cataloguePage } from '../../../server/features/practices/practices.catalogue.service.ts';
import { CSV_COLUMNS } from '../../../server/features/practices/practices.opendata.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { createOrganization, createPractice, parseCsv } from '../../helpers/practices.ts';

describe('practices: catalogue and open data', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let p: Record<'neet' | 'labor' | 'libretto' | 'infanzia' | 'reti', Practice>;
  let hidden: Record<'draft' | 'submitted' | 'validated' | 'archived', Practice>;

  before(async () => {
    ctx = await testContext();
    const toscana = await createOrganization(ctx, { name: 'Regione Toscana', kind: 'region' });
    const teramo = await createOrganization(ctx, { name: 'Provincia di Teramo', kind: 'province', region: 'Abruzzo' });
    const firenze = await createOrganization(ctx, { name: 'Comune di Firenze', kind: 'municipality' });
    const vibo = await createOrganization(ctx, { name: 'CPI di Vibo Valentia', kind: 'cpi', region: 'Calabria' });
    const make = (o: Parameters<typeof createPractice>[1]) => createPractice(ctx, o);
    p = {
      neet: await make({
        slug: 'tirocini-neet',
        title: 'Tirocini di inclusione per giovani NEET',
        summary: 'Percorsi di tirocinio con tutoraggio per i giovani che non studiano e non lavorano.',
        organization: toscana,
        theme: 'inclusione-sociale',
        reuseCount: 2,
        validationScore: 3.6,
        publishedDaysAgo: 10,
        tags: ['giovani'],
      }),
      labor: await make({
        slug: 'sportello-labor',
        title: 'Sportello unico Labor',
        summary: 'Un solo punto di accesso ai servizi per il lavoro e alle loro attività.',
        organization: teramo,
        region: 'Abruzzo',
        reuseCount: 0,
        validationScore: 2.4,
        publishedDaysAgo: 5,
      }),
      libretto: await make({
        slug: 'libretto-formativo',
        title: 'Libretto formativo del cittadino',
        summary: 'Il registro delle competenze acquisite lungo la vita.',
        organization: toscana,
        theme: 'formazione',
        reuseCount: 3,
        validationScore: 4,
        publishedDaysAgo: 20,
      }),
      infanzia: await make({
        slug: 'servizi-infanzia-firenze',
        title: 'Servizi integrati per la prima infanzia',
        organization: firenze,
        theme: 'prima-infanzia',
        reuseCount: 1,
        validationScore: null,
        publishedDaysAgo: 1,
      }),
      reti: await make({
        slug: 'monitoraggio-reti',
        title: 'Manuale di monitoraggio delle reti',
        organization: vibo,
        region: 'Calabria',
        theme: 'osservatori',
        reuseCount: 0,
        validationScore: 3,
        publishedDaysAgo: 15,
      }),
    };
    const secret = { title: 'Tirocini riservati', summary: 'Tirocini di una bozza.', organization: toscana };
    hidden = {
      draft: await make({ ...secret, slug: 'bozza-tirocini', status: 'draft' }),
      submitted: await make({ ...secret, slug: 'inviata-tirocini', status: 'submitted' }),
      validated: await make({ ...secret, slug: 'validata-tirocini', status: 'validated', validationScore: 4 }),
      archived: await make({ ...secret, slug: 'archiviata-tirocini', status: 'archived', publishedDaysAgo: 400 }),
    };
  });

  const slugs = async (query: string) => {
    const res = await request(ctx.app).get(`/api/v1/practices${query}`).expect(200);
    return { slugs: res.body.practices.map((x: any) => x.slug), body: res.body };
  };

  it('lists the published practices, newest first, and sorts by reuse and by validation', async () => {
    const newest = await slugs('');
    expect(newest.slugs).to.deep.equal([
      'servizi-infanzia-firenze',
      'sportello-labor',
      'tirocini-neet',
      'monitoraggio-reti',
      'libretto-formativo',
    ]);
    expect(newest.body).to.include({ total: 5, page: 1, pages: 1 });
    expect(newest.slugs).to.have.members(Object.values(p).map((x) => x.slug));
    expect(newest.body.practices[2]).to.deep.include({
      title: 'Tirocini di inclusione per giovani NEET',
      reuseCount: 2,
      validationScore: 3.6,
      url: '/buone-pratiche/tirocini-neet',
    });
    expect(newest.body.practices[2].organization).to.include({ name: 'Regione Toscana', kind: 'region' });
    expect((await slugs('?sort=most_reused')).slugs).to.deep.equal([
      'libretto-formativo',
      'tirocini-neet',
      'servizi-infanzia-firenze',
      'sportello-labor',
      'monitoraggio-reti',
    ]);
    expect((await slugs('?sort=best_validated')).slugs).to.deep.equal([
      'libretto-formativo',
      'tirocini-neet',
      'monitoraggio-reti',
      'sportello-labor',
      'servizi-infanzia-firenze',
    ]);
    const second = await slugs('?limit=2&page=2');
    expect(second.slugs).to.deep.equal(['tirocini-neet', 'monitoraggio-reti']);
    expect(second.body).to.include({ total: 5, page: 2, pages: 3 });
  });

  it('filters by region, theme, kind of administration, reuse and score, and counts each choice', async () => {
    expect((await slugs('?region=Toscana')).slugs).to.deep.equal([
      'servizi-infanzia-firenze',
      'tirocini-neet',
      'libretto-formativo',
    ]);
    expect((await slugs('?theme=formazione')).slugs).to.deep.equal(['libretto-formativo']);
    expect((await slugs('?organizationKind=region')).slugs).to.deep.equal(['tirocini-neet', 'libretto-formativo']);
    expect((await slugs('?hasReuses=true')).slugs).to.deep.equal([
      'servizi-infanzia-firenze',
      'tirocini-neet',
      'libretto-formativo',
    ]);
    expect((await slugs('?minScore=3')).slugs).to.deep.equal([
      'tirocini-neet',
      'monitoraggio-reti',
      'libretto-formativo',
    ]);
    expect((await slugs('?minScore=4')).slugs).to.deep.equal(['libretto-formativo']);
    expect((await slugs('?region=Toscana&minScore=3&sort=best_validated')).slugs).to.deep.equal([
      'libretto-formativo',
      'tirocini-neet',
    ]);
    const wrong = await request(ctx.app).get('/api/v1/practices?theme=cucina&minScore=5&sort=caso').expect(400);
    expect(wrong.body.error.fields).to.have.keys('theme', 'minScore', 'sort');

    // Each filter's counts apply the other filters: with Toscana chosen, the regions still count all.
    const page = await cataloguePage(ctx, null, { regione: 'Toscana', punteggio: '3' });
    expect(page.total).to.equal(2);
    expect(page.facets).to.deep.equal({
      region: { Toscana: 2, Calabria: 1 },
      theme: { 'inclusione-sociale': 1, formazione: 1 },
      organizationKind: { region: 2 },
      hasReuses: 2,
      minScore: { '2': 2, '3': 2, '4': 1 },
    });
    const html = (await request(ctx.app).get('/buone-pratiche?regione=Toscana&punteggio=3').expect(200)).text;
    expect(html).to.contain('<option value="Toscana" selected>Toscana (2)</option>');
    expect(html).to.contain('<option value="Calabria">Calabria (1)</option>');
    expect(html).to.contain('<option value="formazione">Formazione (1)</option>');
    expect(html).to.contain('<option value="prima-infanzia">Prima infanzia (0)</option>');
    expect(html).to.contain('Solo le pratiche già riusate (2)');
    expect(html).to.contain('2 buone pratiche pubblicate.');
  });

  it('searches with Italian stemming and accents ignored, with highlighted snippets, never in drafts', async () => {
    // "tirocinio" finds "tirocini" and "tirocinio" (the same stem); the drafts say "Tirocini" too.
    const found = await slugs('?q=tirocinio');
    expect(found.slugs).to.deep.equal(['tirocini-neet']);
    expect(found.body.practices[0].snippet).to.contain('<mark>tirocinio</mark>');
    // "attivita" finds "attività".
    expect((await slugs('?q=attivita')).slugs).to.deep.equal(['sportello-labor']);
    expect((await slugs('?q=il')).slugs).to.deep.equal([]);
    const page = await request(ctx.app).get('/buone-pratiche?q=tirocinio').expect(200);
    expect(page.text).to.contain('<p class="card-text search-snippet"><mark>tirocinio</mark> con tutoraggio');
    expect(page.text).to.contain('<option value="pertinenza" selected>');
    expect(page.text).not.to.contain('Tirocini riservati');
  });

  it('is a page that works without JavaScript: a GET form whose every field has a label, cards and links', async () => {
    const html = (await request(ctx.app).get('/buone-pratiche?ordine=piu-riusate&page=1').expect(200)).text;
    expect(html).to.match(/<form method="get" action="\/buone-pratiche" role="search"/);
    for (const name of ['q', 'regione', 'tema', 'ente', 'punteggio', 'riusate', 'ordine'])
      expect(html)
        .to.contain(`<label for="f-${name}"`)
        .and.match(new RegExp(`id="f-${name}"[^>]*name="${name}"|name="${name}"[^>]*id="f-${name}"`));
    const cards = [...html.matchAll(/<a href="\/buone-pratiche\/([a-z-]+)">/g)].map((m) => m[1]);
    expect(cards).to.deep.equal([
      'libretto-formativo',
      'tirocini-neet',
      'servizi-infanzia-firenze',
      'sportello-labor',
      'monitoraggio-reti',
    ]);
    expect(html).to.contain('href="/buone-pratiche/nuova"').and.contain('href="/cerco-offro"');
    expect(html).to.contain('href="/buone-pratiche/dati.csv"').and.contain('href="/buone-pratiche/dati.json"');
    expect(html).to.contain('rel="license"');
    expect(html).to.contain('Riusata da 3 amministrazioni').and.contain('Validazione: 4,0 su 4');
    for (const h of Object.values(hidden)) expect(html).not.to.contain(h.slug);
  });

  it('publishes the registry as CSV and JSON with its licence: published and archived, never drafts', async () => {
    const json = await request(ctx.app).get('/buone-pratiche/dati.json').expect(200).expect('content-type', /json/);
    expect(json.headers.link).to.equal('<https://creativecommons.org/licenses/by/4.0/deed.it>; rel="license"');
    expect(json.body.licence).to.deep.equal({
      id: 'CC-BY-4.0',
      name: 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
      url: 'https://creativecommons.org/licenses/by/4.0/deed.it',
    });
    expect(json.body.source).to.equal(`${ctx.config.publicUrl}/buone-pratiche`);
    expect(Date.parse(json.body.generatedAt)).to.be.closeTo(Date.now(), 60_000);
    const records = json.body.practices as any[];
    expect(records.map((r) => r.slug)).to.deep.equal([
      'archiviata-tirocini',
      'libretto-formativo',
      'monitoraggio-reti',
      'tirocini-neet',
      'sportello-labor',
      'servizi-infanzia-firenze',
    ]);
    expect(records.map((r) => r.archived)).to.deep.equal([true, false, false, false, false, false]);
    expect(records[3]).to.deep.include({
      url: `${ctx.config.publicUrl}/buone-pratiche/tirocini-neet`,
      status: 'published',
      region: 'Toscana',
      theme: 'inclusione-sociale',
      licence: 'CC BY 4.0',
      reuseCount: 2,
      validationScore: 3.6,
      version: 1,
      tags: ['giovani'],
    });
    expect(records[3].organizations).to.deep.equal([
      { slug: records[3].organizations[0].slug, name: 'Regione Toscana', kind: 'region', lead: true },
    ]);
    expect(records[3].components.map((c: any) => c.code)).to.deep.equal(['A', 'B', 'C']);

    const csv = await request(ctx.app)
      .get('/buone-pratiche/dati.csv')
      .expect(200)
      .expect('content-type', /^text\/csv/);
    expect(csv.headers.link).to.contain('rel="license"');
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).to.deep.equal([...CSV_COLUMNS]);
    expect(rows.map((r) => r[0])).to.deep.equal(records.map((r) => r.slug));
    const neet = Object.fromEntries(header!.map((h, i) => [h, rows[3]![i]]));
    expect(neet).to.deep.include({
      title: 'Tirocini di inclusione per giovani NEET',
      status: 'published',
      lead_organization: 'Regione Toscana',
      organizations: 'Regione Toscana',
      components:
        'A – Modello A – Formazione blended | B – Modello B – Libretto formativo | C – Modello C – Repertorio',
      validation_score: '3.6',
      reuse_count: '2',
      tags: 'giovani',
    });
    expect(rows[0]![header!.indexOf('status')]).to.equal('archived');

    // The API gives the same registry.
    const api = await request(ctx.app).get('/api/v1/practices/export').expect(200);
    expect(api.body.practices.map((r: any) => r.slug)).to.deep.equal(records.map((r) => r.slug));
    const apiCsv = await request(ctx.app).get('/api/v1/practices/export?format=csv').expect(200);
    expect(parseCsv(apiCsv.text)).to.have.length(7);
    await request(ctx.app).get('/api/v1/practices/export?format=xml').expect(400);
    for (const h of [hidden.draft, hidden.submitted, hidden.validated]) {
      expect(csv.text).not.to.contain(h.slug);
      expect(JSON.stringify(api.body)).not.to.contain(h.slug);
    }
    expect((await slugs('?q=riservati')).slugs).to.deep.equal([]);
  });

  it('shows the newest and the most reused practices on the home page', async () => {
    const html = (await request(ctx.app).get('/').expect(200)).text;
    const block = html.slice(html.indexOf('id="practices-title"'), html.indexOf('Tutte le buone pratiche'));
    const links = [...block.matchAll(/<a href="\/buone-pratiche\/([a-z-]+)">/g)].map((m) => m[1]);
    expect(links).to.deep.equal([
      'servizi-infanzia-firenze',
      'sportello-labor',
      'tirocini-neet',
      'libretto-formativo',
      'tirocini-neet',
      'servizi-infanzia-firenze',
    ]);
    expect(block).to.contain('Le più recenti').and.contain('Le più riusate');
  });
});
