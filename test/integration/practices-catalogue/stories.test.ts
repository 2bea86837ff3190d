// Stories: sent by members, invisible to others until a moderator publishes them (the author sees
// theirs as waiting), then in the practice's section, the feed and the notifications; members do not
// moderate. Also the section the record page renders (reuseSection + its partial).
import { expect } from 'chai';
import request from 'supertest';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { reuseSection } from '../../../server/features/practices/practices.reuses.service.ts';
import { renderFragment } from '../../../server/core/views.ts';
import type { Practice } from '../../../models/schema.ts';
import type { Actor } from '../../../server/core/deps.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, formToken, signedInAgent } from '../../helpers/http.ts';
import { createPractice, organizationOf } from '../../helpers/practices.ts';

type Row = Record<string, unknown>;

describe('practices: stories', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });
  const rows = (sql: string, params: unknown[] = []) => ctx.database.query<Row>(sql, params);

  /** The practice page's section as `viewer` sees it, rendered by the partial the record page includes. */
  async function section(viewer: Actor, practice: Practice) {
    const model = await reuseSection(ctx, viewer, practice);
    return {
      model,
      html: model
        ? await renderFragment('partials/practices/reuse-and-stories', { ...model, csrfToken: 't' }, 'it')
        : '',
    };
  }

  function story(token: string, slug: string, body: object) {
    return request(ctx.app)
      .post(`/api/v1/practices/${slug}/stories`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  }

  it('keeps a pending story from everyone but its author, then shows it once a moderator publishes it', async () => {
    const owner = await createUser(ctx, { organization: 'Regione Toscana' });
    const practice = await createPractice(ctx, {
      organization: await organizationOf(ctx, owner),
      authors: [owner],
      title: 'Libretto formativo del cittadino',
    });
    const teller = await createUser(ctx, { name: 'Rosa Calabrò', organization: 'CPI di Vibo Valentia' });
    const other = await createUser(ctx, { organization: 'Comune di Prato' });
    const animator = await createUser(ctx, { role: 'animator' });
    const token = await apiToken(ctx.app, teller.email, teller.password);

    const sent = await story(token, practice.slug, {
      title: 'Il libretto a Vibo',
      body: 'Lo abbiamo usato con **quaranta** persone.\n\n<script>alert(1)</script>',
    }).expect(201);
    expect(sent.body.story).to.deep.include({ status: 'pending', title: 'Il libretto a Vibo' });
    expect(sent.body.story.practice.slug).to.equal(practice.slug);
    expect(sent.body.story.bodyHtml).to.contain('<strong>quaranta</strong>').and.not.contain('<script>');

    // Nobody else sees it; its author sees it marked as waiting.
    for (const viewer of [null, toSessionUser(other), toSessionUser(owner)]) {
      const { model, html } = await section(viewer, practice);
      expect(model!.stories).to.have.length(0);
      expect(model!.pending).to.have.length(0);
      expect(html).not.to.contain('Il libretto a Vibo');
    }
    const mine = await section(toSessionUser(teller), practice);
    expect(mine.model!.pending.map((s) => s.title)).to.deep.equal(['Il libretto a Vibo']);
    expect(mine.html).to.contain('In attesa di moderazione').and.contain('Il libretto a Vibo');
    // The moderators see the queue's size from the practice and the catalogue.
    expect((await section(toSessionUser(animator), practice)).model!.moderation).to.deep.equal({
      url: '/buone-pratiche/storie/moderazione',
      count: 1,
    });
    await ctx.settle();
    expect(await rows(`SELECT 1 FROM activities WHERE type = 'story.published'`)).to.have.length(0);

    // The animator publishes it from the queue.
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const queue = await agent.get('/buone-pratiche/storie/moderazione').expect(200);
    expect(queue.text).to.contain('Il libretto a Vibo').and.contain('Libretto formativo del cittadino');
    const id = sent.body.story.id as number;
    await agent
      .post(`/buone-pratiche/storie/${id}/approva`)
      .type('form')
      .send({ _csrf: await formToken(agent, '/buone-pratiche/storie/moderazione') })
      .expect(303);
    const after = await agent.get('/buone-pratiche/storie/moderazione').expect(200);
    expect(after.text).to.contain('La storia «Il libretto a Vibo» è pubblicata.');
    expect(after.text).to.contain('Nessuna storia in attesa di moderazione.');

    for (const viewer of [null, toSessionUser(other), toSessionUser(teller)]) {
      const { model, html } = await section(viewer, practice);
      expect(model!.stories.map((s) => s.title)).to.deep.equal(['Il libretto a Vibo']);
      expect(model!.pending).to.have.length(0);
      expect(html).to.contain(`id="storia-${id}"`).and.contain('Rosa Calabrò').and.contain('CPI di Vibo Valentia');
      expect(html).to.contain('<strong>quaranta</strong>').and.not.contain('<script>');
    }

    // The feed shows it (public), its author and the practice's author are told.
    await ctx.settle();
    const feed = await rows(
      `SELECT actor_id, object_type, object_id, object_title, object_url, audience FROM activities WHERE type = 'story.published'`,
    );
    expect(feed).to.deep.equal([
      {
        actor_id: teller.id,
        object_type: 'story',
        object_id: id,
        object_title: 'Libretto formativo del cittadino',
        object_url: `/buone-pratiche/${practice.slug}#storia-${id}`,
        audience: 'public',
      },
    ]);
    const told = await rows(`SELECT user_id, kind, actor_id FROM notifications ORDER BY user_id`);
    expect(told).to.deep.equal([
      { user_id: owner.id, kind: 'practice_story', actor_id: teller.id },
      { user_id: teller.id, kind: 'story_published', actor_id: animator.id },
    ]);
    const centre = await (await signedInAgent(ctx.app, owner.email, owner.password)).get('/notifiche').expect(200);
    expect(centre.text).to.contain(
      'Rosa Calabrò ha raccontato la sua esperienza con la buona pratica «Libretto formativo del cittadino»',
    );
    const filtered = await request(ctx.app).get('/attivita?tipo=pratiche').expect(200);
    expect(filtered.text).to.contain('ha raccontato la sua esperienza con la buona pratica');
  });

  it('lets members send but not moderate (403), tells a rejected story to its author only, and decides once', async () => {
    const practice = await createPractice(ctx);
    const member = await createUser(ctx);
    const token = await apiToken(ctx.app, member.email, member.password);
    const { id } = (
      await story(token, practice.slug, { title: 'Da noi', body: 'Un racconto breve ma vero.' }).expect(201)
    ).body.story;

    const agent = await signedInAgent(ctx.app, member.email, member.password);
    await agent.get('/buone-pratiche/storie/moderazione').expect(403);
    const csrf = await formToken(agent, '/buone-pratiche');
    await agent.post(`/buone-pratiche/storie/${id}/approva`).type('form').send({ _csrf: csrf }).expect(403);
    await request(ctx.app).get('/buone-pratiche/storie/moderazione').expect(303);
    expect((await rows('SELECT status FROM practice_stories'))[0]!.status).to.equal('pending');

    const admin = await createUser(ctx, { role: 'admin' });
    const adminAgent = await signedInAgent(ctx.app, admin.email, admin.password);
    const adminCsrf = await formToken(adminAgent, '/buone-pratiche/storie/moderazione');
    await adminAgent.post(`/buone-pratiche/storie/${id}/rifiuta`).type('form').send({ _csrf: adminCsrf }).expect(303);
    // Deciding again is refused with a message, nothing changes.
    await adminAgent.post(`/buone-pratiche/storie/${id}/approva`).type('form').send({ _csrf: adminCsrf }).expect(303);
    const page = await adminAgent.get('/buone-pratiche/storie/moderazione').expect(200);
    expect(page.text).to.contain('Questa storia è già stata pubblicata o rifiutata.');
    await adminAgent.post('/buone-pratiche/storie/999999/approva').type('form').send({ _csrf: adminCsrf }).expect(404);
    expect((await rows('SELECT status, moderated_by FROM practice_stories'))[0]).to.deep.equal({
      status: 'rejected',
      moderated_by: admin.id,
    });

    const seen = await section(toSessionUser(member), practice);
    expect(seen.model!.stories).to.have.length(0);
    expect(seen.model!.pending).to.have.length(0);
    await ctx.settle();
    expect(await rows(`SELECT 1 FROM activities WHERE type = 'story.published'`)).to.have.length(0);
    expect(await rows('SELECT user_id, kind FROM notifications')).to.deep.equal([
      { user_id: member.id, kind: 'story_rejected' },
    ]);
  });

  it('refuses bad stories (400 naming the field), and a fourth one waiting on the same practice (409)', async () => {
    const practice = await createPractice(ctx);
    const member = await createUser(ctx);
    const token = await apiToken(ctx.app, member.email, member.password);
    const bad = await story(token, practice.slug, { title: 'x', body: 'corto' }).expect(400);
    expect(bad.body.error.fields).to.deep.equal({
      title: 'Il titolo della storia deve avere da 3 a 140 caratteri.',
      body: 'Il testo della storia deve avere almeno 20 caratteri.',
    });
    await story(token, practice.slug, { title: 'Titolo', body: 'x'.repeat(5001) }).expect(400);
    await request(ctx.app)
      .post(`/api/v1/practices/${practice.slug}/stories`)
      .send({ title: 'Titolo', body: 'Un racconto breve ma vero.' })
      .expect(401);
    for (let i = 1; i <= 3; i++)
      await story(token, practice.slug, { title: `Storia ${i}`, body: 'Un racconto breve ma vero.' }).expect(201);
    const fourth = await story(token, practice.slug, { title: 'Storia 4', body: 'Un racconto breve ma vero.' }).expect(
      409,
    );
    expect(fourth.body.error.code).to.equal('conflict');
    expect(await rows('SELECT 1 FROM practice_stories')).to.have.length(3);
  });

  it('gives the record page a section: the form for other administrations, the reason otherwise, nothing for drafts', async () => {
    const owner = await createUser(ctx, { organization: 'Regione Toscana' });
    const practice = await createPractice(ctx, { organization: await organizationOf(ctx, owner) });
    const member = await createUser(ctx, { organization: 'Comune di Prato' });

    const anon = await section(null, practice);
    expect(anon.model!.declare).to.equal(undefined);
    expect(anon.model!.declareHint!.signIn).to.equal(
      `/accedi?next=${encodeURIComponent(`/buone-pratiche/${practice.slug}`)}`,
    );
    expect(anon.html).to.contain('Nessuna amministrazione ha ancora dichiarato il riuso');
    expect(anon.html).not.to.contain('name="_csrf"');

    const own = await section(toSessionUser(owner), practice);
    expect(own.model!.declare).to.equal(undefined);
    expect(own.html).to.contain('La tua amministrazione è titolare di questa pratica');
    expect(own.model!.storyForm!.action).to.equal(`/buone-pratiche/${practice.slug}/storie`);

    const other = await section(toSessionUser(member), practice);
    expect(other.model!.declare!.action).to.equal(`/buone-pratiche/${practice.slug}/riusi`);
    expect(other.model!.declare!.components.map((c) => c.code)).to.deep.equal(['A', 'B', 'C']);
    // Every field has its label.
    for (const id of [
      'reuse-status-reused',
      'reuse-status-reusing',
      'reuse-started-on',
      'reuse-component-0',
      'reuse-notes',
      'reuse-outcome',
      'story-title',
      'story-body',
    ])
      expect(other.html).to.contain(`for="${id}"`).and.contain(`id="${id}"`);

    const token = await apiToken(ctx.app, member.email, member.password);
    await request(ctx.app)
      .post(`/api/v1/practices/${practice.slug}/reuses`)
      .set('Authorization', `Bearer ${token}`)
      .send({ status: 'reused', components: ['B'], adaptationNotes: 'Riga uno\nRiga due' })
      .expect(201);
    const declared = await section(toSessionUser(member), practice);
    expect(declared.model!.count).to.equal(1);
    expect(declared.model!.declare!.updating).to.equal(true);
    expect(declared.model!.declare!.withdrawAction).to.equal(`/buone-pratiche/${practice.slug}/riusi/ritira`);
    expect(declared.html)
      .to.contain('Comune di Prato')
      .and.contain('L&#x27;abbiamo riusata')
      .and.contain('B – Modello B');

    const draft = await createPractice(ctx, { status: 'draft' });
    expect(await reuseSection(ctx, toSessionUser(member), draft)).to.equal(undefined);
    const archived = await createPractice(ctx, { status: 'archived' });
    const old = await section(toSessionUser(member), archived);
    expect(old.model!.declare).to.equal(undefined);
    expect(old.model!.storyForm).to.equal(undefined);
  });
});
