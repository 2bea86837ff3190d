import { expect } from 'chai';
import { asc, eq } from 'drizzle-orm';
import request from 'supertest';
import {
  activities,
  notifications,
  practices,
  practiceTransitions,
  practiceValidations,
  practiceVersions,
} from '../../../models/schema.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';
import { bearer, cast, completion, draftInput, practiceAt } from './helpers.ts';

describe('practices: lifecycle through the API', () => {
  let ctx: TestContext;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    ctx = await testContext();
    people = await cast(ctx);
  });

  const rowOf = async (slug: string) =>
    (await ctx.database.db.select().from(practices).where(eq(practices.slug, slug)))[0]!;
  const logOf = async (id: number) =>
    ctx.database.db
      .select({
        from: practiceTransitions.fromStatus,
        to: practiceTransitions.toStatus,
        userId: practiceTransitions.userId,
      })
      .from(practiceTransitions)
      .where(eq(practiceTransitions.practiceId, id))
      .orderBy(asc(practiceTransitions.id));

  it('takes a draft from registration to archive, each step logged, with the API contract', async () => {
    const author = await bearer(ctx.app, people.author);
    const animator = await bearer(ctx.app, people.animator);

    // A draft with the minimum: 201, status draft, the creator as contact, the lead by slug.
    const created = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send(draftInput(people.org))
      .expect(201);
    const p = created.body.practice;
    expect(p).to.include({ status: 'draft', slug: 'trio-formazione-a-distanza-per-i-tirocini', version: 0 });
    expect(created.headers.location).to.equal(`/api/v1/practices/${p.slug}`);
    expect(p.organization).to.deep.equal({ slug: people.org, name: 'Regione Toscana' });
    expect(p.contact).to.deep.equal({
      id: people.author.id,
      name: 'Elena Bartolini',
      url: `/membri/${people.author.id}`,
    });
    expect(p.descriptionHtml).to.contain('<strong>TRIO</strong>');
    expect(p.validation).to.equal(null);
    expect(p.missingForPublication).to.deep.equal([
      'targetUsers',
      'objectives',
      'results',
      'reuseRequirements',
      'licence',
    ]);

    // A draft with the minimum may be submitted: the validators see what publication still needs.
    const minimal = await request(ctx.app)
      .post('/api/v1/practices')
      .set(author)
      .send({ ...draftInput(people.org), title: 'Bozza essenziale da rivedere' })
      .expect(201);
    const early = await request(ctx.app)
      .post(`/api/v1/practices/${minimal.body.practice.slug}/submit`)
      .set(author)
      .expect(200);
    expect(early.body.practice.status).to.equal('submitted');
    expect(early.body.practice.missingForPublication).to.have.length(5);
    await request(ctx.app)
      .post(`/api/v1/practices/${minimal.body.practice.slug}/validate`)
      .set(animator)
      .send({ decision: 'validated', comment: 'Da completare prima della pubblicazione.' })
      .expect(200);
    const refused = await request(ctx.app)
      .post(`/api/v1/practices/${minimal.body.practice.slug}/publish`)
      .set(animator)
      .expect(400);
    expect(refused.body.error.message).to.contain('mancano i campi necessari per la pubblicazione');
    expect(Object.keys(refused.body.error.fields)).to.deep.equal([
      'targetUsers',
      'objectives',
      'results',
      'reuseRequirements',
      'licence',
    ]);
    expect(refused.body.error.fields.licence).to.equal('Per la pubblicazione indica la licenza.');
    expect((await rowOf(minimal.body.practice.slug)).status).to.equal('validated');

    // Completed (results through one indicator only), then submitted.
    const { results: _r, ...rest } = completion;
    await request(ctx.app).patch(`/api/v1/practices/${p.slug}`).set(author).send(rest).expect(200);
    const submitted = await request(ctx.app).post(`/api/v1/practices/${p.slug}/submit`).set(author).expect(200);
    expect(submitted.body.practice).to.include({ status: 'submitted' });
    expect(submitted.body.practice.missingForPublication).to.deep.equal([]);

    // The protocol: scores, strengths, weaknesses, decision.
    const validated = await request(ctx.app)
      .post(`/api/v1/practices/${p.slug}/validate`)
      .set(animator)
      .send({
        decision: 'validated',
        scores: { efficacia: 3, trasferibilita: { score: 4, note: 'Già riusata in Calabria.' } },
        strengths: 'Aperta a tutti.',
        weaknesses: 'Richiede tutor formati.',
        comment: 'Pratica matura.',
      })
      .expect(200);
    expect(validated.body.practice.status).to.equal('validated');
    expect(validated.body.validation).to.deep.include({
      decision: 'validated',
      scores: { efficacia: { score: 3, note: '' }, trasferibilita: { score: 4, note: 'Già riusata in Calabria.' } },
    });
    expect(validated.body.practice.validation.scores.map((s: any) => [s.criterion, s.score])).to.deep.equal([
      ['efficacia', 3],
      ['trasferibilita', 4],
      ['sostenibilita', null],
      ['innovazione', null],
      ['coerenza-quadri', null],
    ]);
    expect((await rowOf(p.slug)).validationScore).to.equal(3.5);

    const published = await request(ctx.app).post(`/api/v1/practices/${p.slug}/publish`).set(animator).expect(200);
    expect(published.body.practice).to.include({ status: 'published', version: 1 });
    expect(published.body.practice.publishedAt).to.be.a('string');
    // Everyone reads it now, with its protocol.
    const anonymous = await request(ctx.app).get(`/api/v1/practices/${p.slug}`).expect(200);
    expect(anonymous.body.practice.validation).to.include({
      decision: 'validated',
      strengths: 'Aperta a tutti.',
      mean: 3.5,
    });
    expect(anonymous.body.practice.missingForPublication).to.deep.equal([]);

    const archived = await request(ctx.app).post(`/api/v1/practices/${p.slug}/archive`).set(author).expect(200);
    expect(archived.body.practice.status).to.equal('archived');
    await request(ctx.app).get(`/api/v1/practices/${p.slug}`).expect(200);

    const row = await rowOf(p.slug);
    expect(await logOf(row.id)).to.deep.equal([
      { from: 'draft', to: 'submitted', userId: people.author.id },
      { from: 'submitted', to: 'validated', userId: people.animator.id },
      { from: 'validated', to: 'published', userId: people.animator.id },
      { from: 'published', to: 'archived', userId: people.author.id },
    ]);
    const versions = await ctx.database.db
      .select()
      .from(practiceVersions)
      .where(eq(practiceVersions.practiceId, row.id));
    expect(versions.map((v) => v.version)).to.deep.equal([1]);
    expect(versions[0]!.snapshot).to.include({ title: p.title, licence: 'EUPL 1.2' });
  });

  it('refuses validation to members (403) and to the practice’s own authors, even animators (403), changing nothing', async () => {
    const animatorAuthor = await bearer(ctx.app, people.animator);
    const practice = await practiceAt(ctx, 'submitted', {
      author: people.animator,
      validator: people.admin,
      org: people.org,
    });
    const decision = { decision: 'validated', scores: { efficacia: 4 } };

    // A plain member: 403 whatever the practice (a published one they may read, too).
    const member = await bearer(ctx.app, people.outsider);
    const refused = await request(ctx.app)
      .post(`/api/v1/practices/${practice.slug}/validate`)
      .set(member)
      .send(decision)
      .expect(403);
    expect(refused.body.error.message).to.equal(
      'Validano le pratiche solo gli animatori, gli amministratori e i validatori nominati.',
    );
    // Its author, an animator: 403 (never validates their own practice).
    const own = await request(ctx.app)
      .post(`/api/v1/practices/${practice.slug}/validate`)
      .set(animatorAuthor)
      .send(decision)
      .expect(403);
    expect(own.body.error.message).to.equal('Non puoi validare una pratica di cui sei autore o coautore.');
    // A co-author who is an admin: 403 as well.
    await request(ctx.app)
      .patch(`/api/v1/practices/${practice.slug}`)
      .set(animatorAuthor)
      .send({ coAuthors: [] })
      .expect(409); // in review: not editable
    expect((await rowOf(practice.slug)).status).to.equal('submitted');
    expect(await ctx.database.db.select().from(practiceValidations)).to.deep.equal([]);
    expect((await logOf(practice.id)).length).to.equal(1);
  });

  it('keeps co-authors from validating and members from publishing', async () => {
    const adminCoAuthor = people.admin;
    const practice = await practiceAt(ctx, 'draft', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    const author = await bearer(ctx.app, people.author);
    const adminHandle = (
      await ctx.database.query<{ handle: string }>('SELECT handle FROM users WHERE id = $1', [adminCoAuthor.id])
    )[0]!.handle;
    await request(ctx.app)
      .patch(`/api/v1/practices/${practice.slug}`)
      .set(author)
      .send({ coAuthors: [`@${adminHandle}`] })
      .expect(200);
    await request(ctx.app).post(`/api/v1/practices/${practice.slug}/submit`).set(author).expect(200);
    const admin = await bearer(ctx.app, adminCoAuthor);
    await request(ctx.app)
      .post(`/api/v1/practices/${practice.slug}/validate`)
      .set(admin)
      .send({ decision: 'validated' })
      .expect(403);
    // The animator validates; a member (the author) may not publish.
    await request(ctx.app)
      .post(`/api/v1/practices/${practice.slug}/validate`)
      .set(await bearer(ctx.app, people.animator))
      .send({ decision: 'validated' })
      .expect(200);
    const refused = await request(ctx.app).post(`/api/v1/practices/${practice.slug}/publish`).set(author).expect(403);
    expect(refused.body.error.code).to.equal('forbidden');
    expect((await rowOf(practice.slug)).status).to.equal('validated');
  });

  it('answers 409 for a step its status does not allow, 400 for a return without comment, and changes nothing', async () => {
    const author = await bearer(ctx.app, people.author);
    const animator = await bearer(ctx.app, people.animator);
    const practice = await practiceAt(ctx, 'submitted', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    const path = `/api/v1/practices/${practice.slug}`;

    const again = await request(ctx.app).post(`${path}/submit`).set(author).expect(409);
    expect(again.body.error).to.deep.include({ code: 'conflict' });
    expect(again.body.error.message).to.contain('Non si può inviare ai validatori questa pratica: è inviata');
    await request(ctx.app).post(`${path}/publish`).set(animator).expect(409);
    await request(ctx.app).post(`${path}/archive`).set(author).expect(409);
    await request(ctx.app).patch(path).set(author).send({ title: 'Un altro titolo' }).expect(409);

    const noComment = await request(ctx.app)
      .post(`${path}/validate`)
      .set(animator)
      .send({ decision: 'returned' })
      .expect(400);
    expect(noComment.body.error.fields).to.deep.equal({
      comment: 'Per rimandare la pratica agli autori scrivi un commento che spieghi che cosa correggere.',
    });
    const badDecision = await request(ctx.app)
      .post(`${path}/validate`)
      .set(animator)
      .send({ decision: 'ok' })
      .expect(400);
    expect(badDecision.body.error.fields).to.have.keys('decision');
    const row = await rowOf(practice.slug);
    expect(row.status).to.equal('submitted');
    expect(row.title).to.equal(practice.title);
    expect((await logOf(practice.id)).length).to.equal(1);

    // Returned with comments: back to draft, the comment shown to its authors on the page.
    await request(ctx.app)
      .post(`${path}/validate`)
      .set(animator)
      .send({ decision: 'returned', comment: 'Aggiungete gli indicatori del 2015.' })
      .expect(200);
    expect((await rowOf(practice.slug)).status).to.equal('draft');
    const browser = await signedInAgent(ctx.app, people.author.email, people.author.password);
    const page = await browser.get(`/buone-pratiche/${practice.slug}`).expect(200);
    expect(page.text)
      .to.contain('La pratica è stata rimandata agli autori')
      .and.contain('Aggiungete gli indicatori del 2015.');
    // Validating a draft: 409 (the animator does not read drafts: 404 first).
    await request(ctx.app).post(`${path}/validate`).set(animator).send({ decision: 'validated' }).expect(404);
    await request(ctx.app)
      .post(`${path}/publish`)
      .set(await bearer(ctx.app, people.admin))
      .expect(409);
  });

  it('lists the fields a publication misses (400), even for an admin, and publishes nothing', async () => {
    const admin = await bearer(ctx.app, people.admin);
    const author = await bearer(ctx.app, people.author);
    const draft = await request(ctx.app).post('/api/v1/practices').set(author).send(draftInput(people.org)).expect(201);
    const res = await request(ctx.app)
      .post(`/api/v1/practices/${draft.body.practice.slug}/publish`)
      .set(admin)
      .expect(400);
    expect(Object.keys(res.body.error.fields)).to.deep.equal([
      'targetUsers',
      'objectives',
      'results',
      'reuseRequirements',
      'licence',
    ]);
    // A validated record that lost a field (imported, or written before the rule): publication re-checks.
    const validated = await practiceAt(ctx, 'validated', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    await ctx.database.db.update(practices).set({ licence: '', objectives: ' ' }).where(eq(practices.id, validated.id));
    const again = await request(ctx.app).post(`/api/v1/practices/${validated.slug}/publish`).set(admin).expect(400);
    expect(again.body.error.fields).to.deep.equal({
      objectives: 'Per la pubblicazione indica gli obiettivi.',
      licence: 'Per la pubblicazione indica la licenza.',
    });
    expect((await rowOf(validated.slug)).status).to.equal('validated');
    expect(await ctx.database.db.select().from(practiceVersions)).to.deep.equal([]);
  });

  it('lets members name only their own administration (403), animators any, and checks names (400)', async () => {
    const member = await bearer(ctx.app, people.outsider);
    const refused = await request(ctx.app)
      .post('/api/v1/practices')
      .set(member)
      .send(draftInput(people.org))
      .expect(403);
    expect(refused.body.error.message).to.contain('solo per il tuo ente');
    await request(ctx.app)
      .post('/api/v1/practices')
      .set(await bearer(ctx.app, people.animator))
      .send(draftInput(people.org))
      .expect(201);
    const unknown = await request(ctx.app)
      .post('/api/v1/practices')
      .set(member)
      .send(draftInput('ente-inesistente', { coAuthors: ['@nessuno.qui'], region: 'Atlantide' }))
      .expect(400);
    expect(unknown.body.error.fields).to.have.keys('region');
    const names = await request(ctx.app)
      .post('/api/v1/practices')
      .set(member)
      .send(draftInput('ente-inesistente', { coAuthors: ['@nessuno.qui'] }))
      .expect(400);
    expect(names.body.error.fields).to.deep.equal({
      organization: 'Amministrazione non trovata.',
      coAuthors: 'Persone non trovate: nessuno.qui.',
    });
    await request(ctx.app).post('/api/v1/practices').send(draftInput(people.org)).expect(401);
    expect(await ctx.database.db.select().from(practices)).to.have.length(1);
  });

  it('notifies the people involved at each step, and tells the feed only on publication', async () => {
    const coHandle = (
      await ctx.database.query<{ handle: string }>('SELECT handle FROM users WHERE id = $1', [people.coAuthor.id])
    )[0]!.handle;
    const practice = await practiceAt(
      ctx,
      'draft',
      { author: people.author, validator: people.animator, org: people.org },
      { coAuthors: [coHandle] },
    );
    const author = await bearer(ctx.app, people.author);
    const animator = await bearer(ctx.app, people.animator);
    const kindsOf = async (userId: number) =>
      (
        await ctx.database.db
          .select({ kind: notifications.kind, data: notifications.data })
          .from(notifications)
          .where(eq(notifications.userId, userId))
          .orderBy(asc(notifications.id))
      ).map((n) => n.kind);
    const path = `/api/v1/practices/${practice.slug}`;

    await request(ctx.app).post(`${path}/submit`).set(author).expect(200);
    await ctx.settle();
    expect(await kindsOf(people.animator.id)).to.deep.equal(['practice_submitted']);
    expect(await kindsOf(people.admin.id)).to.deep.equal(['practice_submitted']);
    expect(await kindsOf(people.author.id)).to.deep.equal([]);
    expect(await kindsOf(people.outsider.id)).to.deep.equal([]);

    await request(ctx.app)
      .post(`${path}/validate`)
      .set(animator)
      .send({ decision: 'returned', comment: 'Mancano le fonti.' })
      .expect(200);
    await ctx.settle();
    expect(await kindsOf(people.author.id)).to.deep.equal(['practice_returned']);
    expect(await kindsOf(people.coAuthor.id)).to.deep.equal(['practice_returned']);

    await request(ctx.app).post(`${path}/submit`).set(author).expect(200);
    await request(ctx.app)
      .post(`${path}/validate`)
      .set(animator)
      .send({ decision: 'validated', scores: { innovazione: 2 } })
      .expect(200);
    await ctx.settle();
    // No feed row yet: the practice is not public.
    expect(await ctx.database.db.select().from(activities).where(eq(activities.objectType, 'practice'))).to.deep.equal(
      [],
    );
    await request(ctx.app).post(`${path}/publish`).set(animator).expect(200);
    await ctx.settle();
    expect(await kindsOf(people.author.id)).to.deep.equal([
      'practice_returned',
      'practice_validated',
      'practice_published',
    ]);
    expect(await kindsOf(people.animator.id)).to.deep.equal(['practice_submitted', 'practice_submitted']);

    // E-mails go per the recipients' settings (immediate by default), with the practice's address.
    const mails = await ctx.database.query<{ to_address: string; subject: string; body: string }>(
      `SELECT to_address, subject, text_body AS body FROM outbox WHERE to_address = $1 ORDER BY id`,
      [people.coAuthor.email],
    );
    expect(mails.map((m) => m.subject)).to.deep.equal([
      `Rete SPI: Lucia Ferraro ha rimandato la tua buona pratica «${practice.title}» con dei commenti`,
      `Rete SPI: Lucia Ferraro ha validato la tua buona pratica «${practice.title}»`,
      `Rete SPI: Lucia Ferraro ha pubblicato la tua buona pratica «${practice.title}»`,
    ]);
    expect(mails[2]!.body).to.contain(`/buone-pratiche/${practice.slug}`);

    // The feed: validated by its validator, then published by its creator; public.
    const rows = await ctx.database.db
      .select({
        type: activities.type,
        actorId: activities.actorId,
        audience: activities.audience,
        url: activities.objectUrl,
      })
      .from(activities)
      .where(eq(activities.objectType, 'practice'))
      .orderBy(asc(activities.id));
    expect(rows).to.deep.equal([
      {
        type: 'practice.validated',
        actorId: people.animator.id,
        audience: 'public',
        url: `/buone-pratiche/${practice.slug}`,
      },
      {
        type: 'practice.published',
        actorId: people.author.id,
        audience: 'public',
        url: `/buone-pratiche/${practice.slug}`,
      },
    ]);
    const feed = await request(ctx.app).get('/attivita?tipo=pratiche').expect(200);
    expect(feed.text).to.contain('ha validato la buona pratica').and.contain('ha pubblicato la buona pratica');
  });
});
