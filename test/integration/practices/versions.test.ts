import { expect } from 'chai';
import { asc, eq } from 'drizzle-orm';
import request from 'supertest';
import { practices, practiceVersions } from '../../../models/schema.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { bearer, cast, practiceAt } from './helpers.ts';

describe('practices: published changes are new versions, earlier ones readable with their differences', () => {
  let ctx: TestContext;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    ctx = await testContext();
    people = await cast(ctx);
  });

  const versionsOf = async (id: number) =>
    ctx.database.db
      .select({ version: practiceVersions.version, note: practiceVersions.note, snapshot: practiceVersions.snapshot })
      .from(practiceVersions)
      .where(eq(practiceVersions.practiceId, id))
      .orderBy(asc(practiceVersions.version));

  it('publishes an author’s change at once as version 2, keeps version 1 readable, and shows the diff', async () => {
    const who = { author: people.author, validator: people.animator, org: people.org };
    const p = await practiceAt(ctx, 'published', who, { results: 'Migliaia di utenti formati ogni anno.' });
    const author = await bearer(ctx.app, people.author);

    const patched = await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(author)
      .send({ results: 'Duecentomila utenti formati dal 1998.', note: 'Dati aggiornati al 2012.' })
      .expect(200);
    expect(patched.body.practice).to.include({
      status: 'published',
      version: 2,
      results: 'Duecentomila utenti formati dal 1998.',
    });
    const versions = await versionsOf(p.id);
    expect(versions.map((v) => [v.version, v.note])).to.deep.equal([
      [1, ''],
      [2, 'Dati aggiornati al 2012.'],
    ]);
    expect(versions[0]!.snapshot).to.include({ results: 'Migliaia di utenti formati ogni anno.' });
    expect(versions[1]!.snapshot).to.include({ results: 'Duecentomila utenti formati dal 1998.' });

    // The same values again: no new version.
    await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(author)
      .send({ results: 'Duecentomila utenti formati dal 1998.' })
      .expect(200);
    expect(await versionsOf(p.id)).to.have.length(2);

    // Anyone reads the list and the versions; version 1 keeps its text.
    const list = await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni`).expect(200);
    expect(list.text)
      .to.contain('versione 2')
      .and.contain('Dati aggiornati al 2012.')
      .and.contain(`/buone-pratiche/${p.slug}/versioni/1`);
    const v1 = await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni/1`).expect(200);
    expect(v1.text).to.contain('Migliaia di utenti formati ogni anno.').and.contain('Prima versione pubblicata');
    expect(v1.text).to.contain('Non è la versione attuale.');
    expect(v1.text).not.to.contain('Duecentomila');
    const v2 = await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni/2`).expect(200);
    expect(v2.text).to.contain('Modifiche rispetto alla versione 1');
    // Only the changed field, its words removed and added.
    const diff = v2.text.slice(v2.text.indexOf('Modifiche rispetto'), v2.text.indexOf('Il testo di questa versione'));
    expect(diff).to.contain('<dt>Risultati</dt>');
    expect(diff).not.to.contain('<dt>Titolo</dt>');
    expect(diff).to.match(
      /<del><span class="visually-hidden">\[tolto: <\/span>Migliaia<span class="visually-hidden">\]<\/span><\/del>/,
    );
    expect(diff).to.match(
      /<ins><span class="visually-hidden">\[aggiunto: <\/span>Duecentomila<span class="visually-hidden">\]<\/span><\/ins>/,
    );
    expect(diff).to.contain('utenti formati');
    await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni/3`).expect(404);
    await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni/abc`).expect(404);
    // The record's page names its version.
    expect((await request(ctx.app).get(`/buone-pratiche/${p.slug}`).expect(200)).text).to.contain('versione 2');
  });

  it('keeps a published practice complete: a change that blanks a required field is refused and changes nothing', async () => {
    const p = await practiceAt(ctx, 'published', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    const res = await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(await bearer(ctx.app, people.author))
      .send({ licence: '', title: 'Nuovo titolo' })
      .expect(400);
    expect(res.body.error.fields).to.deep.equal({ licence: 'Per la pubblicazione indica la licenza.' });
    const [row] = await ctx.database.db.select().from(practices).where(eq(practices.id, p.id));
    expect(row).to.include({ title: p.title, licence: 'EUPL 1.2', version: 1 });
    expect(await versionsOf(p.id)).to.have.length(1);
    // Others may not change it (403), validators neither (they validate, they do not write).
    await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(await bearer(ctx.app, people.outsider))
      .send({ title: 'Nuovo titolo' })
      .expect(403);
    await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(await bearer(ctx.app, people.animator))
      .send({ title: 'Nuovo titolo' })
      .expect(403);
  });

  it('edits drafts without versions, and publishes a browser edit of a published practice with its note', async () => {
    const draft = await practiceAt(ctx, 'draft', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    await request(ctx.app)
      .patch(`/api/v1/practices/${draft.slug}`)
      .set(await bearer(ctx.app, people.author))
      .send({ summary: 'Una sintesi nuova.' })
      .expect(200);
    expect(await versionsOf(draft.id)).to.deep.equal([]);

    const p = await practiceAt(
      ctx,
      'published',
      { author: people.author, validator: people.animator, org: people.org },
      { title: 'Libretto formativo del cittadino' },
    );
    const agent = await signedInAgent(ctx.app, people.author.email, people.author.password);
    const form = await agent.get(`/buone-pratiche/${p.slug}/modifica`).expect(200);
    expect(form.text).to.contain('la modifica è pubblicata subito come nuova versione');
    expect(form.text).to.contain('value="Libretto formativo del cittadino"');
    const token = csrfFrom(form.text);
    // The form sends every field back, as a browser would (rows as parallel lists).
    const fields: [string, string][] = [
      ['title', 'Libretto formativo del cittadino'],
      ['summary', 'La sintesi è cambiata nella versione due.'],
      ['description', 'Il sistema **TRIO** eroga moduli formativi a distanza.'],
      ['organization', people.org],
      ['region', 'Toscana'],
      ['territorialLevel', 'regional'],
      ['theme', 'formazione'],
      ['targetUsers', 'Operatori.'],
      ['objectives', 'Obiettivi.'],
      ['results', 'Risultati.'],
      ['reuseRequirements', 'Requisiti.'],
      ['licence', 'EUPL 1.2'],
      ['indicatorName', 'Utenti iscritti'],
      ['indicatorValue', '12000'],
      ['indicatorUnit', 'persone'],
      ['indicatorDate', '2014-12-31'],
      ['indicatorName', ''],
      ['indicatorValue', ''],
      ['indicatorUnit', ''],
      ['indicatorDate', ''],
      ['note', 'Sintesi riscritta.'],
    ];
    let post = agent.post(`/buone-pratiche/${p.slug}/modifica?_csrf=${token}`).field('_csrf', token);
    for (const [k, v] of fields) post = post.field(k, v);
    const saved = await post.expect(303);
    expect(saved.headers.location).to.equal(`/buone-pratiche/${p.slug}`);
    const versions = await versionsOf(p.id);
    expect(versions.map((v) => v.version)).to.deep.equal([1, 2]);
    expect(versions[1]!.note).to.equal('Sintesi riscritta.');
    expect((versions[1]!.snapshot as any).indicators).to.deep.equal([
      { name: 'Utenti iscritti', value: '12000', unit: 'persone', date: '2014-12-31' },
    ]);
    const page = await agent.get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(page.text).to.contain('Modifica pubblicata: è la versione 2.');
  });

  it('says which version the protocol judged, and that the practice changed after its validation', async () => {
    const p = await practiceAt(ctx, 'published', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    const validated = await request(ctx.app).get(`/api/v1/practices/${p.slug}`).expect(200);
    expect(validated.body.practice.validation).to.include({ version: 1, current: true });
    const first = await request(ctx.app).get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(first.text).to.contain('Validata sulla versione 1 da Lucia Ferraro');
    expect(first.text).not.to.contain('modificata dopo la validazione');

    await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(await bearer(ctx.app, people.author))
      .send({ description: 'Tutto riscritto dopo la validazione.', note: 'Riscritta.' })
      .expect(200);
    const changed = await request(ctx.app).get(`/api/v1/practices/${p.slug}`).expect(200);
    expect(changed.body.practice).to.include({ version: 2, validationScore: 3.5 });
    expect(changed.body.practice.validation).to.include({ version: 1, current: false, mean: 3.5 });
    const page = await request(ctx.app).get(`/buone-pratiche/${p.slug}`).expect(200);
    const protocol = page.text.slice(page.text.indexOf('id="validazione"'));
    expect(protocol)
      .to.contain('Validata sulla versione 1 da Lucia Ferraro')
      .and.contain('La pratica è stata modificata dopo la validazione (versione attuale 2)')
      .and.contain(`href="/buone-pratiche/${p.slug}/versioni"`);
  });
});
