import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { activities } from '../../../models/schema.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { uploadAttachment } from '../../../server/features/attachments/attachments.service.ts';
import { archivePractice } from '../../../server/features/practices/practices.lifecycle.service.ts';
import { editPractice } from '../../../server/features/practices/practices.service.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';
import { bearer, cast, practiceAt } from './helpers.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

describe('practices: only published and archived practices reach other people', () => {
  let ctx: TestContext;
  let dir: string;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'retespi-practices-'));
    ctx = await testContext({ ATTACHMENTS_DIR: dir });
    people = await cast(ctx);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** What someone finds for a word, on the page and through the API. */
  const found = async (q: string, headers: Record<string, string> = {}) => {
    const api = await request(ctx.app).get('/api/v1/search').query({ q, type: 'practice' }).set(headers).expect(200);
    const page = await request(ctx.app).get('/cerca').query({ q }).expect(200);
    return { api: api.body.results.map((r: any) => r.slug), page: page.text };
  };

  it('hides drafts, submitted and validated practices from other members and anonymous visitors, on every path', async () => {
    const who = { author: people.author, validator: people.animator, org: people.org };
    const draft = await practiceAt(ctx, 'draft', who, { title: 'Accoglienza integrata nei servizi sociali' });
    const submitted = await practiceAt(ctx, 'submitted', who, { title: 'Sportello unico per i tirocini estivi' });
    const validated = await practiceAt(ctx, 'validated', who, { title: 'Questionario di autovalutazione delle reti' });
    // A file of the draft (the kit's manual).
    const file = await uploadAttachment(ctx, toSessionUser(people.author), {
      buffer: PDF,
      originalname: 'manuale.pdf',
      size: PDF.length,
    });
    await editPractice(ctx, toSessionUser(people.author), draft.slug, {
      kit: [{ kind: 'manual', title: 'Manuale', attachmentId: file.id }],
    });

    const member = await signedInAgent(ctx.app, people.outsider.email, people.outsider.password);
    const memberApi = await bearer(ctx.app, people.outsider);
    for (const p of [draft, submitted, validated]) {
      await request(ctx.app).get(`/buone-pratiche/${p.slug}`).expect(404);
      await request(ctx.app).get(`/api/v1/practices/${p.slug}`).expect(404);
      await member.get(`/buone-pratiche/${p.slug}`).expect(404);
      await request(ctx.app).get(`/api/v1/practices/${p.slug}`).set(memberApi).expect(404);
      await member.get(`/buone-pratiche/${p.slug}/versioni`).expect(404);
    }
    await request(ctx.app).get(file.url).expect(404);
    await member.get(file.url).expect(404);
    // Its author downloads it.
    const author = await signedInAgent(ctx.app, people.author.email, people.author.password);
    await author.get(file.url).expect(200);
    expect((await author.get(`/buone-pratiche/${draft.slug}`).expect(200)).text).not.to.contain('id="riusi"');
    // Validators read practices in review, not drafts.
    const animator = await signedInAgent(ctx.app, people.animator.email, people.animator.password);
    await animator.get(`/buone-pratiche/${submitted.slug}`).expect(200);
    await animator.get(`/buone-pratiche/${draft.slug}`).expect(404);

    // Search: nobody finds them, not even their authors (they reach them from "my practices").
    for (const word of ['accoglienza', 'tirocini', 'questionario']) {
      const results = await found(word, await bearer(ctx.app, people.author));
      expect(results.api).to.deep.equal([]);
      expect(results.page).not.to.contain('/buone-pratiche/');
    }
    const sitemap = await request(ctx.app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).not.to.contain('/buone-pratiche/');
    await ctx.settle();
    expect(await ctx.database.db.select().from(activities).where(eq(activities.objectType, 'practice'))).to.deep.equal(
      [],
    );
    const feed = await request(ctx.app).get('/api/v1/feed').expect(200);
    expect(JSON.stringify(feed.body)).not.to.contain('buone-pratiche');
  });

  it('shows a published practice everywhere, and an archived one only at its address, marked archived', async () => {
    const who = { author: people.author, validator: people.animator, org: people.org };
    const p = await practiceAt(ctx, 'published', who, {
      title: 'Tirocini di inserimento per giovani NEET',
      summary: 'Percorsi di tirocinio accompagnati dai Centri per l’impiego.',
    });
    // Italian stemming: "tirocini" is found by "tirocinio", and the snippet marks the words.
    const results = await found('tirocinio');
    expect(results.api).to.deep.equal([p.slug]);
    const api = await request(ctx.app).get('/api/v1/search').query({ q: 'tirocinio' }).expect(200);
    const hit = api.body.results.find((r: any) => r.type === 'practice');
    expect(hit).to.include({ type: 'practice', slug: p.slug, url: `/buone-pratiche/${p.slug}` });
    expect(hit.snippet).to.contain('<mark>');
    expect(results.page).to.contain(`/buone-pratiche/${p.slug}`).and.contain('Buona pratica');
    const sitemap = await request(ctx.app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).to.contain(`/buone-pratiche/${p.slug}</loc>`);
    const page = await request(ctx.app).get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(page.text).to.contain('<meta property="og:type" content="article">');
    expect(page.text).not.to.contain('noindex');
    // The reuse declarations and stories section (the catalogue's part) shows on public practices only.
    expect(page.text).to.contain('id="riusi"');

    await archivePractice(ctx, toSessionUser(people.author), p.slug);
    const archived = await request(ctx.app).get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(archived.text).to.contain('Stato: archiviata').and.contain('non è più nel catalogo');
    expect((await found('tirocinio')).api).to.deep.equal([]);
    expect((await request(ctx.app).get('/sitemap.xml').expect(200)).text).not.to.contain('/buone-pratiche/');
    expect((await request(ctx.app).get(`/api/v1/practices/${p.slug}`).expect(200)).body.practice.status).to.equal(
      'archived',
    );
  });

  it('keeps the lifecycle log and the missing fields to the people involved', async () => {
    const who = { author: people.author, validator: people.animator, org: people.org };
    const p = await practiceAt(ctx, 'published', who);
    const anonymous = await request(ctx.app).get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(anonymous.text).not.to.contain('Storico del ciclo di vita');
    const json = (await request(ctx.app).get(`/api/v1/practices/${p.slug}`).expect(200)).body.practice;
    expect(json.validation.scores[0]).to.deep.equal({
      criterion: 'efficacia',
      label: 'Efficacia documentata',
      score: 3,
      note: 'Risultati misurati.',
    });
    const author = await signedInAgent(ctx.app, people.author.email, people.author.password);
    const own = await author.get(`/buone-pratiche/${p.slug}`).expect(200);
    expect(own.text)
      .to.contain('Storico del ciclo di vita')
      .and.contain('da «inviata ai validatori» a «validata, da pubblicare»');
  });
});
