import { expect } from 'chai';
import request from 'supertest';
import { insertOrganization } from '../../../models/queries/organizations.ts';
import { issueIntegrationToken } from '../../../server/features/accounts/tokens.service.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { until } from '../../helpers/wait.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function provider(ctx: TestContext, name: string, scopes: ('read' | 'write')[] = ['read', 'write']) {
  const admin = await createUser(ctx, { role: 'admin' });
  const org = await insertOrganization(ctx.database.db, {
    name,
    slug: name.toLowerCase().replace(/\W+/g, '-'),
    kind: 'agency',
    region: 'Toscana',
    verified: true,
  });
  const issued = await issueIntegrationToken(ctx, admin, {
    system: `Gestionale ${name}`,
    organization: org.slug,
    scopes,
    expiresInDays: 30,
  });
  return { org, token: issued.token, accountId: issued.accountId };
}

const offer = (overrides: Record<string, unknown> = {}) => ({
  externalId: 'ARTI-2026-001',
  title: 'Tecniche di accoglienza e profilazione',
  description: 'Un corso **pratico** sulla presa in carico.',
  province: 'FI',
  town: 'Firenze',
  startsOn: day(10),
  endsOn: day(40),
  hours: 40,
  costCents: 0,
  targetAudience: 'Operatori dei CPI',
  certification: 'attendance',
  url: 'https://formazione.example.it/corsi/accoglienza',
  theme: 'servizi-impiego',
  ...overrides,
});

describe('training-offer catalogue', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it("publishes a provider's offer with an integration token: in the API, on the catalogue page and in the feed", async () => {
    const { token, org } = await provider(ctx, 'Agenzia Formativa Toscana');
    const res = await request(ctx.app).post('/api/v1/training-offers').set(bearer(token)).send(offer()).expect(201);
    expect(res.body.created).to.equal(true);
    expect(res.body.offer).to.include({ title: 'Tecniche di accoglienza e profilazione', province: 'FI', free: true });
    expect(res.body.offer.provider).to.deep.equal({
      slug: org.slug,
      name: 'Agenzia Formativa Toscana',
      organization: 'Agenzia Formativa Toscana',
    });
    expect(res.body.offer.descriptionHtml).to.contain('<strong>pratico</strong>');
    const id = res.body.offer.id as number;

    const list = await request(ctx.app).get('/api/v1/training-offers').set(bearer(token)).expect(200);
    expect(list.body.total).to.equal(1);
    expect(list.body.offers[0].id).to.equal(id);

    await ctx.database.query(
      "INSERT INTO courses (slug, title, summary, status) VALUES ('colloquio', 'Il colloquio di orientamento', 'Corso online', 'published')",
    );
    const page = await request(ctx.app).get('/offerta-formativa').expect(200);
    expect(page.text).to.contain('Tecniche di accoglienza e profilazione');
    // Beside the providers' offers, the platform's own courses, labelled as such.
    expect(page.text).to.contain('Corso della piattaforma');
    expect(page.text).to.contain('href="/corsi/colloquio"');
    expect(page.text).to.contain('Agenzia Formativa Toscana');
    const detail = await request(ctx.app).get(`/offerta-formativa/${id}`).expect(200);
    expect(detail.text).to.contain('Firenze (FI)');
    expect(detail.text).to.contain('Attestato di frequenza');

    await until('the feed tells of the offer', async () => {
      const rows = await ctx.database.query<{ type: string; object_url: string }>(
        "SELECT type, object_url FROM activities WHERE type = 'training_offer.published'",
      );
      return rows.length === 1 && rows[0]!.object_url === `/offerta-formativa/${id}`;
    });
  });

  it('upserts by the provider’s external id: 200 and the same offer the second time', async () => {
    const { token } = await provider(ctx, 'Istituto Professionale Pertini');
    const first = await request(ctx.app).post('/api/v1/training-offers').set(bearer(token)).send(offer()).expect(201);
    const again = await request(ctx.app)
      .post('/api/v1/training-offers')
      .set(bearer(token))
      .send(offer({ title: 'Accoglienza e profilazione (seconda edizione)', hours: 32 }))
      .expect(200);
    expect(again.body.created).to.equal(false);
    expect(again.body.offer.id).to.equal(first.body.offer.id);
    expect(again.body.offer).to.include({ hours: 32, title: 'Accoglienza e profilazione (seconda edizione)' });
    const [{ n }] = (await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM training_offers')) as [
      { n: number },
    ];
    expect(n).to.equal(1);
    // Another provider with the same external id has its own offer.
    const other = await provider(ctx, 'CPI di Cosenza');
    await request(ctx.app).post('/api/v1/training-offers').set(bearer(other.token)).send(offer()).expect(201);
  });

  it('refuses a token without write (403), an expired one (401), another provider’s changes (403) and bad fields in Italian', async () => {
    const reader = await provider(ctx, 'Ente Lettore', ['read']);
    const refused = await request(ctx.app).post('/api/v1/training-offers').set(bearer(reader.token)).send(offer());
    expect(refused.status).to.equal(403);
    expect(refused.body.error.code).to.equal('insufficient_scope');

    const writer = await provider(ctx, 'Ente Scrittore');
    await ctx.database.query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [
      writer.accountId,
    ]);
    await request(ctx.app).post('/api/v1/training-offers').set(bearer(writer.token)).send(offer()).expect(401);

    const owner = await provider(ctx, 'Ente Titolare');
    const created = await request(ctx.app).post('/api/v1/training-offers').set(bearer(owner.token)).send(offer());
    const stranger = await provider(ctx, 'Ente Estraneo');
    await request(ctx.app)
      .patch(`/api/v1/training-offers/${created.body.offer.id}`)
      .set(bearer(stranger.token))
      .send({ hours: 1 })
      .expect(403);
    await request(ctx.app)
      .delete(`/api/v1/training-offers/${created.body.offer.id}`)
      .set(bearer(stranger.token))
      .expect(403);

    const bad = await request(ctx.app)
      .post('/api/v1/training-offers')
      .set(bearer(owner.token))
      .send(offer({ externalId: 'X2', province: 'ZZ', endsOn: 'domani', url: 'http://insicuro.example.it', hours: 0 }))
      .expect(400);
    expect(bad.body.error.fields.province).to.equal(
      'Indica la sigla di una provincia italiana (per esempio FI, CS, PE).',
    );
    expect(bad.body.error.fields.endsOn).to.equal('Indica una data valida nel formato AAAA-MM-GG.');
    expect(bad.body.error.fields.url).to.equal('Indica un indirizzo web completo che inizi con https://.');
    expect(bad.body.error.fields.hours).to.contain('numero intero');
    const order = await request(ctx.app)
      .post('/api/v1/training-offers')
      .set(bearer(owner.token))
      .send(offer({ externalId: 'X3', startsOn: day(20), endsOn: day(5), competences: ['NON-ESISTE-99'] }))
      .expect(400);
    expect(order.body.error.fields.endsOn).to.equal('La data di fine non può precedere la data di inizio.');
    expect(order.body.error.fields.competences).to.contain('NON-ESISTE-99');

    // The owner changes and withdraws its offer.
    await request(ctx.app)
      .patch(`/api/v1/training-offers/${created.body.offer.id}`)
      .set(bearer(owner.token))
      .send({ hours: 12 })
      .expect(200);
    const changed = await request(ctx.app).get(`/api/v1/training-offers/${created.body.offer.id}`).expect(200);
    expect(changed.body.offer).to.include({
      hours: 12,
      description: 'Un corso **pratico** sulla presa in carico.',
      certification: 'attendance',
      targetAudience: 'Operatori dei CPI',
    });
    await request(ctx.app)
      .delete(`/api/v1/training-offers/${created.body.offer.id}`)
      .set(bearer(owner.token))
      .expect(204);
    await request(ctx.app).get(`/api/v1/training-offers/${created.body.offer.id}`).expect(404);
  });

  it('filters by province, free of charge and dates, and leaves expired offers out', async () => {
    const { token } = await provider(ctx, 'Fondazione Formazione');
    const post = (o: Record<string, unknown>) =>
      request(ctx.app).post('/api/v1/training-offers').set(bearer(token)).send(offer(o)).expect(201);
    await post({ externalId: 'a', title: 'Corso Firenze gratuito', province: 'FI', town: 'Firenze' });
    await post({
      externalId: 'b',
      title: 'Corso Cosenza a pagamento',
      province: 'CS',
      town: 'Rende',
      costCents: 25000,
    });
    await post({
      externalId: 'c',
      title: 'Corso online lontano',
      online: true,
      province: '',
      town: '',
      startsOn: day(200),
      endsOn: day(230),
    });
    await post({
      externalId: 'd',
      title: 'Corso scaduto di Pescara',
      province: 'PE',
      town: 'Pescara',
      startsOn: day(-60),
      endsOn: day(-1),
    });

    const titles = async (qs: string) =>
      ((await request(ctx.app).get(`/api/v1/training-offers?${qs}`).expect(200)).body.offers as { title: string }[])
        .map((o) => o.title)
        .sort();
    expect(await titles('')).to.deep.equal([
      'Corso Cosenza a pagamento',
      'Corso Firenze gratuito',
      'Corso online lontano',
    ]);
    expect(await titles('province=CS')).to.deep.equal(['Corso Cosenza a pagamento']);
    expect(await titles('free=true')).to.deep.equal(['Corso Firenze gratuito', 'Corso online lontano']);
    expect(await titles(`from=${day(150)}`)).to.deep.equal(['Corso online lontano']);
    expect(await titles(`to=${day(100)}`)).to.deep.equal(['Corso Cosenza a pagamento', 'Corso Firenze gratuito']);
    expect(await titles('province=PE')).to.deep.equal([]);
    await request(ctx.app).get('/api/v1/training-offers?province=XX').expect(400);

    const page = await request(ctx.app).get('/offerta-formativa?provincia=CS&gratuiti=1').expect(200);
    expect(page.text).not.to.contain('Corso Cosenza a pagamento');
    const cs = await request(ctx.app).get('/offerta-formativa?provincia=CS').expect(200);
    expect(cs.text).to.contain('Corso Cosenza a pagamento');
    expect(cs.text).not.to.contain('Corso Firenze gratuito');
    const all = await request(ctx.app).get('/offerta-formativa').expect(200);
    expect(all.text).not.to.contain('Corso scaduto di Pescara');

    // The expired offer's own page still answers, and says so.
    const [expired] = await ctx.database.query<{ id: number }>(
      "SELECT id FROM training_offers WHERE external_id = 'd'",
    );
    const detail = await request(ctx.app).get(`/offerta-formativa/${expired!.id}`).expect(200);
    expect(detail.text).to.contain('Questa offerta è scaduta');
  });

  it('sanitizes the Markdown description', async () => {
    const { token } = await provider(ctx, 'Ente Markdown');
    const res = await request(ctx.app)
      .post('/api/v1/training-offers')
      .set(bearer(token))
      .send(
        offer({
          description: 'Ciao <script>alert(1)</script> [link](javascript:alert(2)) <img src=x onerror=alert(3)>',
        }),
      )
      .expect(201);
    const html = res.body.offer.descriptionHtml as string;
    expect(html).not.to.contain('<script');
    expect(html).not.to.match(/href="javascript:/i);
    expect(html).not.to.match(/<img[^>]*onerror/i);
    const page = await request(ctx.app).get(`/offerta-formativa/${res.body.offer.id}`).expect(200);
    expect(page.text).not.to.contain('<script>alert(1)');
  });

  it('exports the live offers as open data (JSON and CSV)', async () => {
    const { token } = await provider(ctx, 'Ente Dati Aperti');
    await request(ctx.app).post('/api/v1/training-offers').set(bearer(token)).send(offer()).expect(201);
    await request(ctx.app)
      .post('/api/v1/training-offers')
      .set(bearer(token))
      .send(offer({ externalId: 'old', title: 'Scaduto', startsOn: day(-30), endsOn: day(-2) }))
      .expect(201);
    const json = await request(ctx.app).get('/offerta-formativa/dati.json').expect(200);
    expect(json.headers.link).to.contain('rel="license"');
    expect(json.body.count).to.equal(1);
    expect(json.body.offers[0]).to.include({ externalId: 'ARTI-2026-001', province: 'FI', costCents: 0 });
    const csv = await request(ctx.app).get('/offerta-formativa/dati.csv').expect(200);
    expect(csv.headers['content-type']).to.contain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).to.match(/^id,page,external_id,title,provider/);
    expect(lines).to.have.length(2);
    expect(lines[1]).to.contain('Tecniche di accoglienza e profilazione');
  });
});

describe('training-offer CSV import', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  const header = 'external_id,title,province,town,online,starts_on,ends_on,hours,cost_eur,certification,theme,url';
  const good = [
    header,
    `c1,Operatore socio-sanitario,CS,Cosenza,,${day(5)},${day(120)},1000,0,qualification,formazione,https://esempio.it/oss`,
    `c2,"Inglese per il lavoro, livello B1",,,si,${day(3)},${day(60)},60,"120,50",attendance,orientamento,`,
  ].join('\n');

  it('imports a good CSV entirely, and updates by external_id the second time', async () => {
    const { token } = await provider(ctx, 'Scuola Superiore Calabria');
    const res = await request(ctx.app)
      .post('/api/v1/training-offers/import')
      .set(bearer(token))
      .set('content-type', 'text/csv')
      .send(good)
      .expect(200);
    expect(res.body.report).to.include({ imported: true, rows: 2, created: 2, updated: 0 });
    const rows = await ctx.database.query<{ title: string; cost_cents: number; source: string }>(
      'SELECT title, cost_cents, source FROM training_offers ORDER BY external_id',
    );
    expect(rows).to.deep.equal([
      { title: 'Operatore socio-sanitario', cost_cents: 0, source: 'csv' },
      { title: 'Inglese per il lavoro, livello B1', cost_cents: 12050, source: 'csv' },
    ]);
    const again = await request(ctx.app)
      .post('/api/v1/training-offers/import')
      .set(bearer(token))
      .set('content-type', 'text/csv')
      .send(good)
      .expect(200);
    expect(again.body.report).to.include({ created: 0, updated: 2 });
  });

  it('reports each broken row and field and imports nothing; a dry run imports nothing either', async () => {
    const { token } = await provider(ctx, 'Scuola Rotta');
    const broken = [
      good,
      `c3,Corso senza provincia,,,,${day(5)},${day(10)},10,0,none,formazione,`,
      `c4,Corso,FI,Firenze,,2026-13-45,${day(10)},dieci,gratis,diploma,cucina,ftp://x`,
    ].join('\n');
    const res = await request(ctx.app)
      .post('/api/v1/training-offers/import')
      .set(bearer(token))
      .set('content-type', 'text/csv')
      .send(broken)
      .expect(400);
    expect(res.body.error.code).to.equal('validation');
    const errors = res.body.report.errors as { row: number; field: string; message: string }[];
    const at = (row: number, field: string) => errors.find((e) => e.row === row && e.field === field)?.message;
    expect(at(4, 'province')).to.equal('Indica provincia e comune, oppure segna il corso come online.');
    expect(at(5, 'starts_on')).to.equal('Indica una data valida nel formato AAAA-MM-GG.');
    expect(at(5, 'hours')).to.contain('numero intero');
    expect(at(5, 'cost_eur')).to.contain('costo in euro');
    expect(at(5, 'certification')).to.contain('none, attendance');
    expect(at(5, 'theme')).to.contain('servizi-impiego');
    expect(at(5, 'url')).to.contain('https://');
    expect(errors.every((e) => e.row >= 4)).to.equal(true);
    const [{ n }] = (await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM training_offers')) as [
      { n: number },
    ];
    expect(n).to.equal(0);

    const dry = await request(ctx.app)
      .post('/api/v1/training-offers/import?dryRun=true')
      .set(bearer(token))
      .set('content-type', 'text/csv')
      .send(good)
      .expect(200);
    expect(dry.body.report).to.include({ dryRun: true, imported: false, created: 2 });
    const [{ m }] = (await ctx.database.query<{ m: number }>('SELECT count(*)::int AS m FROM training_offers')) as [
      { m: number },
    ];
    expect(m).to.equal(0);
  });

  it('lets an animator upload a CSV in the browser for a provider, with the report on the page', async () => {
    const { org } = await provider(ctx, 'Centro per l’Impiego di Pescara');
    const animator = await createUser(ctx, { role: 'animator' });
    const member = await createUser(ctx);
    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    await memberAgent.get('/offerta-formativa/carica').expect(403);

    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const csrf = csrfFrom((await agent.get('/offerta-formativa/carica').expect(200)).text);
    const bad = await agent
      .post(`/offerta-formativa/carica?_csrf=${encodeURIComponent(csrf)}`)
      .field('organization', org.slug)
      .attach(
        'file',
        Buffer.from(`${header}\nx,Corso,FI,Firenze,,${day(1)},${day(2)},0,0,none,formazione,`),
        'offerte.csv',
      )
      .expect(400);
    expect(bad.text).to.contain('non è stato importato');
    expect(bad.text).to.match(/<td>2<\/td><td><code>hours<\/code><\/td>/);

    await agent
      .post(`/offerta-formativa/carica?_csrf=${encodeURIComponent(csrf)}`)
      .field('organization', org.slug)
      .attach('file', Buffer.from(good), 'offerte.csv')
      .expect(200);
    const rows = await ctx.database.query<{ organization_id: number }>('SELECT organization_id FROM training_offers');
    expect(rows.map((r) => r.organization_id)).to.deep.equal([org.id, org.id]);
  });
});
