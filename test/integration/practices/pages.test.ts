import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { practiceAttachments, practices } from '../../../models/schema.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent, type Agent } from '../../helpers/http.ts';
import { cast, practiceAt } from './helpers.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

describe('practices: pages', () => {
  let ctx: TestContext;
  let dir: string;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'retespi-practice-pages-'));
    ctx = await testContext({ ATTACHMENTS_DIR: dir });
    people = await cast(ctx);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Posts the practice form as a browser does: multipart, the token in the action, rows as parallel fields. */
  const postForm = (agent: Agent, action: string, token: string, fields: [string, string][], files: Buffer[] = []) => {
    let req = agent.post(`${action}?_csrf=${token}`).field('_csrf', token);
    for (const [k, v] of fields) req = req.field(k, v);
    for (const [i, f] of files.entries()) req = req.attach('files', f, `manuale-${i + 1}.pdf`);
    return req;
  };

  it('registers a practice with every kind of field from the form, a file becoming a kit item on the next edit', async () => {
    await request(ctx.app)
      .get('/buone-pratiche/nuova')
      .expect(303)
      .expect('location', '/accedi?next=%2Fbuone-pratiche%2Fnuova');
    const agent = await signedInAgent(ctx.app, people.author.email, people.author.password);
    const form = await agent.get('/buone-pratiche/nuova').expect(200);
    // Members choose their own administration only (preselected); every one may be a co-owner.
    const lead = form.text.slice(
      form.text.indexOf('id="f-organization"'),
      form.text.indexOf('id="f-organization-help"'),
    );
    expect([...lead.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).to.deep.equal([people.org]);
    expect(lead).to.contain(`<option value="${people.org}" selected>Regione Toscana</option>`);
    const coOwners = form.text.slice(form.text.indexOf('id="f-coOwners"'), form.text.indexOf('id="f-coOwners-help"'));
    expect(coOwners).to.contain('Comune di Vibo Valentia').and.contain('Formez PA');
    expect(form.text)
      .to.contain('name="indicatorName"')
      .and.contain('name="componentCode"')
      .and.contain('name="kitKind"');
    const token = csrfFrom(form.text);
    const handleOf = async (id: number) =>
      (await ctx.database.query<{ handle: string }>('SELECT handle FROM users WHERE id = $1', [id]))[0]!.handle;
    const coHandle = await handleOf(people.coAuthor.id);
    // A co-owner administration is one of the people writing it: Formez PA, the animator's.
    const animatorHandle = await handleOf(people.animator.id);

    // A bad row and a bad date come back with their messages, the typed values kept.
    const refused = await postForm(agent, '/buone-pratiche/nuova', token, [
      ['title', 'Libretto formativo del cittadino'],
      ['summary', 'Registra le competenze.'],
      ['description', 'Il **libretto**.'],
      ['organization', people.org],
      ['region', 'Toscana'],
      ['theme', 'formazione'],
      ['startedOn', '2013-02-30'],
      ['linkLabel', 'Sito'],
      ['linkUrl', 'javascript:alert(1)'],
    ]).expect(400);
    expect(refused.text).to.contain('Inserisci una data esistente nella forma AAAA-MM-GG');
    expect(refused.text)
      .to.contain('id="f-links.0.url-error"')
      .and.contain('deve essere un indirizzo web che inizia con http');
    expect(refused.text).to.contain('value="Libretto formativo del cittadino"');
    expect(await ctx.database.db.select().from(practices)).to.deep.equal([]);

    const created = await postForm(
      agent,
      '/buone-pratiche/nuova',
      token,
      [
        ['title', 'Libretto formativo del cittadino'],
        ['summary', 'Registra le competenze dei cittadini.'],
        ['description', 'Il **libretto** registra le competenze.\n\n<script>alert(1)</script>'],
        ['tags', 'competenze, Libretto'],
        ['organization', people.org],
        ['coOwners', 'formez-pa'],
        ['contact', `@${coHandle}`],
        ['coAuthors', `@${coHandle}, @${animatorHandle}`],
        ['region', 'Toscana'],
        ['territorialLevel', 'regional'],
        ['theme', 'formazione'],
        ['startedOn', '2013-02-01'],
        ['targetUsers', 'Lavoratori in cassa integrazione e in mobilità.'],
        ['objectives', 'Riconoscere le competenze.'],
        ['results', 'Libretti rilasciati.'],
        ['resources', 'Operatori dei CPI formati.'],
        ['costs', 'Nessun costo per i cittadini.'],
        ['reuseRequirements', 'Un repertorio regionale delle competenze.'],
        ['licence', 'CC BY 4.0'],
        ['indicatorName', 'Libretti rilasciati'],
        ['indicatorValue', '3500'],
        ['indicatorUnit', 'libretti'],
        ['indicatorDate', '2014-06-30'],
        ['indicatorName', ''],
        ['indicatorValue', ''],
        ['indicatorUnit', ''],
        ['indicatorDate', ''],
        ['componentCode', 'B'],
        ['componentTitle', 'Libretto formativo del cittadino'],
        ['componentDescription', 'Registrazione delle competenze.'],
        ['kitKind', 'questionnaire'],
        ['kitTitle', 'Questionario di bilancio'],
        ['kitUrl', 'https://www.example.org/questionario'],
        ['kitFile', ''],
        ['linkLabel', 'Regione Toscana'],
        ['linkUrl', 'https://www.regione.toscana.it'],
      ],
      [PDF],
    ).expect(303);
    const slug = created.headers.location!.replace('/buone-pratiche/', '');
    expect(slug).to.equal('libretto-formativo-del-cittadino');
    const [row] = await ctx.database.db.select().from(practices).where(eq(practices.slug, slug));
    expect(row).to.deep.include({
      status: 'draft',
      createdBy: people.author.id,
      contactUserId: people.coAuthor.id,
      tags: ['competenze', 'libretto'],
      startedOn: '2013-02-01',
      indicators: [{ name: 'Libretti rilasciati', value: '3500', unit: 'libretti', date: '2014-06-30' }],
      components: [
        { code: 'B', title: 'Libretto formativo del cittadino', description: 'Registrazione delle competenze.' },
      ],
      kit: [{ kind: 'questionnaire', title: 'Questionario di bilancio', url: 'https://www.example.org/questionario' }],
      links: [{ label: 'Regione Toscana', url: 'https://www.regione.toscana.it' }],
    });
    expect(row!.descriptionHtml).to.contain('<strong>libretto</strong>').and.not.contain('<script>');
    const files = await ctx.database.db
      .select()
      .from(practiceAttachments)
      .where(eq(practiceAttachments.practiceId, row!.id));
    expect(files).to.have.length(1);

    // The record: every field, the owners, the contact with "Scrivi", the co-author.
    const page = await agent.get(`/buone-pratiche/${slug}`).expect(200);
    expect(page.text).to.contain('Bozza salvata.').and.contain('Stato: bozza');
    for (const text of [
      'Lavoratori in cassa integrazione e in mobilità.',
      'Riconoscere le competenze.',
      'Libretti rilasciati',
      '3500',
      'Un repertorio regionale delle competenze.',
      'CC BY 4.0',
      'Questionario di bilancio',
      'Formez PA',
      'Stefano Guidi',
      'manuale-1.pdf',
      '#competenze',
    ])
      expect(page.text).to.contain(text);
    expect(page.text).to.contain(`href="/membri/${people.coAuthor.id}"`);
    expect(page.text).to.contain(`href="/messaggi-privati/nuova?a=${people.coAuthor.id}&amp;pratica=${slug}"`);
    expect(page.text).to.contain('Invia ai validatori');

    // The next edit makes the uploaded file a kit item.
    const edit = await agent.get(`/buone-pratiche/${slug}/modifica`).expect(200);
    expect(edit.text).to.contain(`<option value="${files[0]!.attachmentId}">manuale-1.pdf</option>`);
    expect(edit.text).to.contain('value="Questionario di bilancio"');
    const body = (await ctx.database.db.select().from(practices).where(eq(practices.id, row!.id)))[0]!;
    await postForm(agent, `/buone-pratiche/${slug}/modifica`, csrfFrom(edit.text), [
      ['title', body.title],
      ['summary', body.summary],
      ['description', body.description],
      ['organization', people.org],
      ['region', 'Toscana'],
      ['theme', 'formazione'],
      ['kitKind', 'manual'],
      ['kitTitle', 'Manuale del libretto'],
      ['kitUrl', ''],
      ['kitFile', String(files[0]!.attachmentId)],
    ]).expect(303);
    const after = await agent.get(`/buone-pratiche/${slug}`).expect(200);
    expect(after.text).to.match(
      new RegExp(`<a href="/allegati/${files[0]!.attachmentId}/manuale-1.pdf">Manuale del libretto</a>`),
    );

    // My practices lists it, for its co-author too.
    expect((await agent.get('/buone-pratiche/mie').expect(200)).text).to.contain('Libretto formativo del cittadino');
    const co = await signedInAgent(ctx.app, people.coAuthor.email, people.coAuthor.password);
    expect((await co.get('/buone-pratiche/mie').expect(200)).text).to.contain('Libretto formativo del cittadino');
    await co.get(`/buone-pratiche/${slug}/modifica`).expect(200);
    // Others may not open its form.
    const outsider = await signedInAgent(ctx.app, people.outsider.email, people.outsider.password);
    await outsider.get(`/buone-pratiche/${slug}/modifica`).expect(404);
  });

  it('walks the lifecycle with the page buttons, refusals shown as messages', async () => {
    const author = await signedInAgent(ctx.app, people.author.email, people.author.password);
    const p = await practiceAt(
      ctx,
      'draft',
      { author: people.author, validator: people.animator, org: people.org },
      { licence: '' },
    );
    const page = await author.get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(page.text).to.contain('Per pubblicare la pratica mancano ancora').and.contain('<li>Licenza</li>');
    // An incomplete draft may go to the validators: their form says what publication still needs.
    const token = csrfFrom(page.text);
    await author.post(`/buone-pratiche/${p.slug}/invia`).type('form').send({ _csrf: token }).expect(303);
    const sent = await author.get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(sent.text).to.contain('Pratica inviata ai validatori.').and.contain('Stato: inviata ai validatori');
    expect(sent.text).not.to.contain('/modifica"');

    const animator = await signedInAgent(ctx.app, people.animator.email, people.animator.password);
    const queue = await animator.get('/buone-pratiche/da-validare').expect(200);
    expect(queue.text).to.contain(p.title);
    const member = await signedInAgent(ctx.app, people.outsider.email, people.outsider.password);
    await member.get('/buone-pratiche/da-validare').expect(403);
    await member.get(`/buone-pratiche/${p.slug}/valida`).expect(403);
    // Its author, even when they could validate others', is refused the form.
    await author.get(`/buone-pratiche/${p.slug}/valida`).expect(403);
    const review = await animator.get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(review.text).to.contain('Valida con il protocollo');
    const protocolForm = await animator.get(`/buone-pratiche/${p.slug}/valida`).expect(200);
    expect(protocolForm.text)
      .to.contain('per la pubblicazione mancano ancora questi campi')
      .and.contain('<li>Licenza</li>');
    expect(review.text).not.to.contain('/pubblica"');
  });

  it('leaves other paths under /buone-pratiche/ to the pages that own them', async () => {
    // The catalogue's open data and its list: not practices.
    const csv = await request(ctx.app).get('/buone-pratiche/dati.csv').expect(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    await request(ctx.app).get('/buone-pratiche').expect(200);
    await request(ctx.app).get('/buone-pratiche/inesistente').expect(404);
    await request(ctx.app).get('/buone-pratiche/Non_Uno-Slug').expect(404);
  });
});
