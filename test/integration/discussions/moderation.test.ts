import { expect } from 'chai';
import request from 'supertest';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';

describe('moderation', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });
  const auth = async (u: { email: string; password: string }) => ({
    authorization: `Bearer ${await apiToken(ctx.app, u.email, u.password)}`,
  });
  const audit = (groupId: number) =>
    ctx.database.query<{
      action: string;
      actor_id: number;
      target_type: string;
      target_id: number;
      reason: string | null;
      created_at: Date;
    }>(
      'SELECT action, actor_id, target_type, target_id, reason, created_at FROM audit_log WHERE group_id = $1 ORDER BY id',
      [groupId],
    );

  it('takes a flag from any member to the queues of group moderators and animators, and hides the post with an audit entry', async () => {
    const author = await createUser(ctx, { name: 'Autore Segnalato' });
    const reporter = await createUser(ctx);
    const moderator = await createUser(ctx);
    const animator = await createUser(ctx, { role: 'animator' });
    const { group, owner } = await createGroup(ctx, { members: [author, reporter], moderators: [moderator] });
    const { thread } = await createThread(ctx, owner, group);
    const post = await createReply(ctx, author, thread, 'Messaggio fuori luogo con dati personali di un utente');

    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/flag`)
      .set(await auth(reporter))
      .send({ reason: '' })
      .expect(400);
    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/flag`)
      .set(await auth(author))
      .send({ reason: 'Il mio messaggio' })
      .expect(403);
    const flagged = await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/flag`)
      .set(await auth(reporter))
      .send({ reason: 'Contiene dati personali' })
      .expect(201);
    expect(flagged.body.flag.reason).to.equal('Contiene dati personali');

    // The member who flagged cannot see the queue; the group moderator and any animator can.
    const reporterAgent = await signedInAgent(ctx.app, reporter.email, reporter.password);
    await reporterAgent.get('/admin/segnalazioni').expect(403);
    await reporterAgent.get(`/gruppi/${group.slug}/segnalazioni`).expect(403);
    const modAgent = await signedInAgent(ctx.app, moderator.email, moderator.password);
    const queue = await modAgent.get(`/gruppi/${group.slug}/segnalazioni`).expect(200);
    expect(queue.text).to.contain('Contiene dati personali').and.to.contain('Messaggio fuori luogo');
    const animatorAgent = await signedInAgent(ctx.app, animator.email, animator.password);
    expect((await animatorAgent.get('/admin/segnalazioni').expect(200)).text).to.contain('Contiene dati personali');
    expect((await modAgent.get('/admin/segnalazioni').expect(200)).text).to.contain('Contiene dati personali');

    // Hide from the queue page with a reason.
    await modAgent
      .post(`/messaggi/${post.id}/nascondi`)
      .type('form')
      .send({ _csrf: csrfFrom(queue.text), reason: 'Dati personali', back: `/gruppi/${group.slug}/segnalazioni` })
      .expect(303);
    const readers = await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200);
    expect(readers.text).to.contain('Messaggio nascosto dai moderatori.').and.not.to.contain('Messaggio fuori luogo');
    const api = await request(ctx.app).get(`/api/v1/threads/${thread.id}`).expect(200);
    expect(api.body.posts.find((p: { id: number }) => p.id === post.id)).to.include({ hidden: true, bodyHtml: null });
    const modView = await modAgent.get(`/discussioni/${thread.id}`).expect(200);
    expect(modView.text).to.contain('Messaggio fuori luogo').and.to.contain('Dati personali');
    expect((await modAgent.get(`/gruppi/${group.slug}/segnalazioni`).expect(200)).text).to.contain(
      'Nessuna segnalazione aperta.',
    );

    const entries = await audit(group.id);
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({
      action: 'post.hide',
      actor_id: moderator.id,
      target_type: 'post',
      target_id: post.id,
      reason: 'Dati personali',
    });
    expect(entries[0]!.created_at).to.be.instanceOf(Date);

    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/restore`)
      .set(await auth(moderator))
      .send({ reason: 'Rivisto' })
      .expect(200);
    expect((await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200)).text).to.contain(
      'Messaggio fuori luogo',
    );
    const log = await modAgent.get(`/gruppi/${group.slug}/registro`).expect(200);
    expect(log.text)
      .to.contain('Messaggio nascosto')
      .and.to.contain('Messaggio ripristinato')
      .and.to.contain('Rivisto');
    await reporterAgent.get(`/gruppi/${group.slug}/registro`).expect(403);
  });

  it('keeps a hidden post’s words off the flag page, and keeps animators out of private groups’ queues', async () => {
    const member = await createUser(ctx);
    const animator = await createUser(ctx, { role: 'animator' });
    const { group, owner } = await createGroup(ctx, { visibility: 'private', members: [member] });
    const { thread } = await createThread(ctx, owner, group);
    const post = await createReply(ctx, owner, thread, 'Testo che verrà nascosto');
    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/flag`)
      .set(await auth(member))
      .send({ reason: 'Da controllare' })
      .expect(201);
    const animatorAgent = await signedInAgent(ctx.app, animator.email, animator.password);
    expect((await animatorAgent.get('/admin/segnalazioni').expect(200)).text).not.to.contain(
      'Testo che verrà nascosto',
    );
    const audit = await request(ctx.app)
      .get('/api/v1/moderation/audit')
      .set(await auth(animator))
      .expect(200);
    expect(audit.body.entries).to.deep.equal([]);
    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/hide`)
      .set(await auth(owner))
      .send({ reason: 'Rivedere' })
      .expect(200);
    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    const page = await memberAgent.get(`/messaggi/${post.id}/segnala`).expect(403);
    expect(page.text).not.to.contain('Testo che verrà nascosto');
  });

  it('shows an animator the flags and log of a closed group only when they may read it (finding 8)', async () => {
    const member = await createUser(ctx);
    const outsider = await createUser(ctx, { role: 'animator' });
    const insider = await createUser(ctx, { role: 'animator' });
    const { group, owner } = await createGroup(ctx, { visibility: 'closed', members: [member, insider] });
    const { thread } = await createThread(ctx, owner, group);
    const post = await createReply(ctx, owner, thread, 'Parole riservate al gruppo chiuso');
    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/flag`)
      .set(await auth(member))
      .send({ reason: 'Da controllare' })
      .expect(201);
    const outsiderAuth = await auth(outsider);
    const insiderAuth = await auth(insider);

    // The outsider animator is refused the thread, and so its flags, by slug or in the lists…
    await request(ctx.app).get(`/api/v1/threads/${thread.id}`).set(outsiderAuth).expect(404);
    const byGroup = await request(ctx.app)
      .get(`/api/v1/moderation/flags?group=${group.slug}`)
      .set(outsiderAuth)
      .expect(404);
    expect(JSON.stringify(byGroup.body)).not.to.contain('Parole riservate');
    const all = await request(ctx.app).get('/api/v1/moderation/flags').set(outsiderAuth).expect(200);
    expect(JSON.stringify(all.body)).not.to.contain('Parole riservate');
    const outsiderAgent = await signedInAgent(ctx.app, outsider.email, outsider.password);
    expect((await outsiderAgent.get('/admin/segnalazioni').expect(200)).text).not.to.contain('Parole riservate');
    // …while an animator who belongs to the group moderates it as before.
    expect(
      JSON.stringify(
        (await request(ctx.app).get(`/api/v1/moderation/flags?group=${group.slug}`).set(insiderAuth).expect(200)).body,
      ),
    ).to.contain('Parole riservate');
    expect(
      JSON.stringify((await request(ctx.app).get('/api/v1/moderation/flags').set(insiderAuth).expect(200)).body),
    ).to.contain('Parole riservate');

    // The same for the moderation log.
    await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/hide`)
      .set(await auth(owner))
      .send({ reason: 'Rivedere' })
      .expect(200);
    await request(ctx.app).get(`/api/v1/moderation/audit?group=${group.slug}`).set(outsiderAuth).expect(404);
    expect(
      (await request(ctx.app).get('/api/v1/moderation/audit').set(outsiderAuth).expect(200)).body.entries,
    ).to.deep.equal([]);
    expect(
      (await request(ctx.app).get(`/api/v1/moderation/audit?group=${group.slug}`).set(insiderAuth).expect(200)).body
        .entries,
    ).to.have.length(1);
  });

  it('confirms a flag made from the page after the permalink redirect', async () => {
    const reporter = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [reporter] });
    const { post } = await createThread(ctx, owner, group);
    const agent = await signedInAgent(ctx.app, reporter.email, reporter.password);
    const form = await agent.get(`/messaggi/${post.id}/segnala`).expect(200);
    const first = await agent
      .post(`/messaggi/${post.id}/segnala`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), reason: 'Fuori tema' })
      .expect(303);
    const second = await agent.get(first.headers.location!).expect(303);
    const page = await agent.get(second.headers.location!.split('#')[0]!).expect(200);
    expect(page.text).to.contain('Grazie: la segnalazione è stata inviata ai moderatori.');
  });

  it('locks, pins and moves threads, each audited, and refuses members', async () => {
    const member = await createUser(ctx);
    const moderator = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member], moderators: [moderator] });
    const { group: target } = await createGroup(ctx, { moderators: [moderator] });
    const { group: elsewhere } = await createGroup(ctx);
    const { thread: older } = await createThread(ctx, owner, group, { title: 'Discussione più vecchia' });
    await createThread(ctx, owner, group, { title: 'Discussione più recente' });
    const modAuth = await auth(moderator);

    await request(ctx.app)
      .post(`/api/v1/threads/${older.id}/pin`)
      .set(await auth(member))
      .send({})
      .expect(403);
    await request(ctx.app)
      .post(`/api/v1/threads/${older.id}/pin`)
      .set(modAuth)
      .send({ reason: 'Riferimento utile' })
      .expect(200);
    const list = await request(ctx.app).get(`/api/v1/groups/${group.slug}/threads`).expect(200);
    expect(list.body.threads.map((t: { title: string }) => t.title)).to.deep.equal([
      'Discussione più vecchia',
      'Discussione più recente',
    ]);
    expect(list.body.threads[0].pinned).to.equal(true);

    await request(ctx.app).post(`/api/v1/threads/${older.id}/lock`).set(modAuth).send({}).expect(200);
    await request(ctx.app).post(`/api/v1/threads/${older.id}/unlock`).set(modAuth).send({}).expect(200);

    const notModerated = await request(ctx.app)
      .post(`/api/v1/threads/${older.id}/move`)
      .set(modAuth)
      .send({ group: elsewhere.slug })
      .expect(400);
    expect(notModerated.body.error.fields.group).to.equal('Puoi spostare discussioni solo nei gruppi che moderi.');
    await request(ctx.app)
      .post(`/api/v1/threads/${older.id}/move`)
      .set(modAuth)
      .send({ group: 'non-esiste' })
      .expect(400);
    const moved = await request(ctx.app)
      .post(`/api/v1/threads/${older.id}/move`)
      .set(modAuth)
      .send({ group: target.slug, reason: 'Tema del gruppo' })
      .expect(200);
    expect(moved.body.thread.group).to.equal(target.slug);
    const after = await request(ctx.app).get(`/api/v1/threads/${older.id}`).expect(200);
    expect(after.body.thread.group.slug).to.equal(target.slug);

    const actions = [...(await audit(group.id)), ...(await audit(target.id))].map((e) => e.action);
    expect(actions).to.deep.equal(['thread.pinned', 'thread.locked', 'thread.unlocked', 'thread.move']);
    const all = await request(ctx.app)
      .get('/api/v1/moderation/audit')
      .set(await auth(owner))
      .expect(200);
    expect(all.body.entries.map((e: { action: string }) => e.action)).to.include('thread.move');
    await request(ctx.app).get('/api/v1/moderation/audit').set(modAuth).expect(403);
  });

  it('lets moderators delete others’ posts, recording who and why', async () => {
    const author = await createUser(ctx);
    const moderator = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [author], moderators: [moderator] });
    const { thread } = await createThread(ctx, owner, group);
    const post = await createReply(ctx, author, thread, 'Pubblicità non pertinente');
    await request(ctx.app)
      .delete(`/api/v1/posts/${post.id}`)
      .set(await auth(moderator))
      .send({ reason: 'Spam' })
      .expect(204);
    const entries = await audit(group.id);
    expect(entries.map((e) => [e.action, e.actor_id, e.reason])).to.deep.equal([['post.delete', moderator.id, 'Spam']]);
  });
});
