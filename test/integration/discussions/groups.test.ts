import { expect } from 'chai';
import request from 'supertest';
import { findMembership } from '../../../models/queries/groups.ts';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';

describe('groups', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });
  const bearer = async (user: { email: string; password: string }) => ({
    authorization: `Bearer ${await apiToken(ctx.app, user.email, user.password)}`,
  });

  it('lets animators create groups (creator becomes owner) and refuses members with 403', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const member = await createUser(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/groups')
      .set(await bearer(animator))
      .send({ name: 'Rete degli osservatori', description: 'Analisi del mercato del lavoro', visibility: 'closed' })
      .expect(201);
    expect(res.body.group).to.include({
      slug: 'rete-degli-osservatori',
      name: 'Rete degli osservatori',
      visibility: 'closed',
    });
    const m = await findMembership(ctx.database.db, res.body.group.id, animator.id);
    expect(m).to.include({ role: 'owner', status: 'active' });
    const denied = await request(ctx.app)
      .post('/api/v1/groups')
      .set(await bearer(member))
      .send({ name: 'Il mio gruppo' })
      .expect(403);
    expect(denied.body.error.message).to.equal('Solo animatori e amministratori possono creare gruppi.');
    const bad = await request(ctx.app)
      .post('/api/v1/groups')
      .set(await bearer(animator))
      .send({ name: 'X', visibility: 'segreto' })
      .expect(400);
    expect(bad.body.error.fields).to.have.keys('name', 'visibility');
    const again = await request(ctx.app)
      .post('/api/v1/groups')
      .set(await bearer(animator))
      .send({ name: 'Rete degli osservatori' })
      .expect(201);
    expect(again.body.group.slug).to.equal('rete-degli-osservatori-2');
  });

  it('creates a group from the page form, with field errors shown in place', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    const agent = await signedInAgent(ctx.app, animator.email, animator.password);
    const form = await agent.get('/gruppi/nuovo').expect(200);
    const csrf = csrfFrom(form.text);
    const bad = await agent
      .post('/gruppi')
      .type('form')
      .send({ _csrf: csrf, name: 'ab', visibility: 'public' })
      .expect(400);
    expect(bad.text).to.match(/id="f-name-error"[^>]*>[\s\S]*almeno 3 caratteri/);
    const ok = await agent
      .post('/gruppi')
      .type('form')
      .send({ _csrf: csrf, name: 'Qualità dei servizi', theme: 'Qualità', visibility: 'public' })
      .expect(303);
    expect(ok.headers.location).to.equal('/gruppi/qualita-dei-servizi');
    const page = await agent.get('/gruppi/qualita-dei-servizi').expect(200);
    expect(page.text).to.contain('Gruppo «Qualità dei servizi» creato.');
    const member = await createUser(ctx);
    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    await memberAgent.get('/gruppi/nuovo').expect(403);
  });

  it('joins a public group at once, asks to join a closed one, and needs an invitation for a private one', async () => {
    const member = await createUser(ctx);
    const auth = await bearer(member);
    const { group: open } = await createGroup(ctx, { visibility: 'public' });
    const { group: closed, owner } = await createGroup(ctx, { visibility: 'closed' });
    const { group: secret, owner: secretOwner } = await createGroup(ctx, { visibility: 'private' });

    expect((await request(ctx.app).post(`/api/v1/groups/${open.slug}/join`).set(auth).expect(200)).body).to.deep.equal({
      membership: { status: 'active' },
    });
    expect(
      (await request(ctx.app).post(`/api/v1/groups/${closed.slug}/join`).set(auth).expect(200)).body,
    ).to.deep.equal({ membership: { status: 'pending' } });
    await request(ctx.app).post(`/api/v1/groups/${secret.slug}/join`).set(auth).expect(404);

    // The closed group's owner sees and approves the request.
    const ownerAuth = await bearer(owner);
    const requests = await request(ctx.app).get(`/api/v1/groups/${closed.slug}/requests`).set(ownerAuth).expect(200);
    expect(requests.body.requests.map((r: { userId: number }) => r.userId)).to.deep.equal([member.id]);
    await request(ctx.app).get(`/api/v1/groups/${closed.slug}/requests`).set(auth).expect(403);
    await request(ctx.app)
      .post(`/api/v1/groups/${closed.slug}/members/${member.id}/approve`)
      .set(ownerAuth)
      .expect(200);
    expect(await findMembership(ctx.database.db, closed.id, member.id)).to.include({ status: 'active' });

    // The private group's owner invites by @handle; the invitee accepts by joining.
    const invited = await request(ctx.app)
      .post(`/api/v1/groups/${secret.slug}/invitations`)
      .set(await bearer(secretOwner))
      .send({ handle: `@${member.handle}` })
      .expect(201);
    expect(invited.body.membership.status).to.equal('invited');
    await request(ctx.app).get(`/api/v1/groups/${secret.slug}`).set(auth).expect(200);
    expect(
      (await request(ctx.app).post(`/api/v1/groups/${secret.slug}/join`).set(auth).expect(200)).body.membership.status,
    ).to.equal('active');
    const unknown = await request(ctx.app)
      .post(`/api/v1/groups/${secret.slug}/invitations`)
      .set(await bearer(secretOwner))
      .send({ handle: 'nessuno.qui' })
      .expect(400);
    expect(unknown.body.error.fields.handle).to.equal('Nessun membro con questo nome utente.');
  });

  it('keeps at least one owner and writes removals to the audit log', async () => {
    const member = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { members: [member] });
    const ownerAuth = await bearer(owner);
    const res = await request(ctx.app).post(`/api/v1/groups/${group.slug}/leave`).set(ownerAuth).expect(400);
    expect(res.body.error.message).to.contain('almeno un responsabile');
    await request(ctx.app)
      .patch(`/api/v1/groups/${group.slug}/members/${member.id}`)
      .set(await bearer(member))
      .send({ role: 'owner' })
      .expect(403);
    await request(ctx.app)
      .patch(`/api/v1/groups/${group.slug}/members/${member.id}`)
      .set(ownerAuth)
      .send({ role: 'moderator' })
      .expect(200);
    expect(await findMembership(ctx.database.db, group.id, member.id)).to.include({ role: 'moderator' });
    await request(ctx.app)
      .delete(`/api/v1/groups/${group.slug}/members/${member.id}`)
      .set(ownerAuth)
      .send({ reason: 'Richiesta della persona' })
      .expect(204);
    expect(await findMembership(ctx.database.db, group.id, member.id)).to.equal(undefined);
    const audit = await ctx.database.query<{ action: string; actor_id: number; reason: string }>(
      'SELECT action, actor_id, reason FROM audit_log WHERE group_id = $1 ORDER BY id',
      [group.id],
    );
    expect(audit.map((a) => a.action)).to.deep.equal(['member.role', 'member.remove']);
    expect(audit[1]).to.include({ actor_id: owner.id, reason: 'Richiesta della persona' });
  });

  it('lists groups with member counts, active discussions and a most-active ordering', async () => {
    const a = await createUser(ctx);
    const b = await createUser(ctx);
    const { group: quiet } = await createGroup(ctx, { name: 'Aaa gruppo tranquillo', members: [a, b] });
    const { group: busy, owner } = await createGroup(ctx, { name: 'Zzz gruppo vivace' });
    await createThread(ctx, owner, busy);
    await createThread(ctx, owner, busy);
    await createGroup(ctx, { name: 'Gruppo riservato', visibility: 'private' });
    const res = await request(ctx.app).get('/api/v1/groups').expect(200);
    expect(res.body.groups.map((g: { slug: string }) => g.slug)).to.deep.equal([busy.slug, quiet.slug]);
    expect(res.body.groups[0]).to.include({ activeThreads: 2, memberCount: 1 });
    expect(res.body.groups[1]).to.include({ activeThreads: 0, memberCount: 3 });
    const byName = await request(ctx.app).get('/api/v1/groups?ordine=nome').expect(200);
    expect(byName.body.groups[0].slug).to.equal(quiet.slug);
    const page = await request(ctx.app).get('/gruppi').expect(200);
    expect(page.text).to.contain('2 discussioni attive').and.not.to.contain('Gruppo riservato');
  });
});
