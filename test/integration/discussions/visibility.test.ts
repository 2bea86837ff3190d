import { expect } from 'chai';
import request from 'supertest';
import { createGroup, createReply, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent } from '../../helpers/http.ts';

describe('private and closed groups are invisible to outsiders on every path', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  for (const visibility of ['private', 'closed'] as const) {
    it(`${visibility}: threads, posts and members answer 404 to non-members, 200 to members`, async () => {
      const member = await createUser(ctx);
      const outsider = await createUser(ctx);
      const { group, owner } = await createGroup(ctx, {
        visibility,
        members: [member],
        name: `Gruppo ${visibility} segreto`,
      });
      const { thread, post } = await createThread(ctx, owner, group, {
        title: 'Piano riservato di riorganizzazione',
        body: 'Contenuto riservato ai membri.',
      });
      const reply = await createReply(ctx, member, thread, 'Risposta riservata.');

      const outsiderToken = await apiToken(ctx.app, outsider.email, outsider.password);
      const memberToken = await apiToken(ctx.app, member.email, member.password);
      const outsiderAgent = await signedInAgent(ctx.app, outsider.email, outsider.password);
      const anonymous = request(ctx.app);

      const apiPaths = [
        `/api/v1/threads/${thread.id}`,
        `/api/v1/groups/${group.slug}/threads`,
        `/api/v1/groups/${group.slug}/members`,
        `/api/v1/posts/${reply.id}/revisions`,
      ];
      for (const path of apiPaths) {
        await anonymous.get(path).expect((res) => expect([401, 404], path).to.include(res.status));
        const res = await request(ctx.app).get(path).set('authorization', `Bearer ${outsiderToken}`);
        expect(res.status, path).to.equal(404);
        expect(JSON.stringify(res.body)).not.to.contain('riservat');
      }
      for (const [method, path, body] of [
        ['post', `/api/v1/threads/${thread.id}/posts`, { body: 'intrusione' }],
        ['post', `/api/v1/posts/${post.id}/reactions`, { kind: 'utile' }],
        ['post', `/api/v1/posts/${post.id}/flag`, { reason: 'prova di accesso' }],
        ['patch', `/api/v1/posts/${reply.id}`, { body: 'modifica' }],
        ['post', `/api/v1/groups/${group.slug}/threads`, { title: 'Nuova', body: 'Testo' }],
      ] as const) {
        const res = await request(ctx.app)[method](path).set('authorization', `Bearer ${outsiderToken}`).send(body);
        expect(res.status, `${method} ${path}`).to.equal(404);
      }
      for (const path of [`/discussioni/${thread.id}`, `/messaggi/${reply.id}`, `/gruppi/${group.slug}/membri`]) {
        const res = await outsiderAgent.get(path);
        expect(res.status, path).to.equal(404);
        expect(res.text).not.to.contain('Piano riservato');
      }
      const page = await outsiderAgent.get(`/gruppi/${group.slug}`);
      if (visibility === 'private') {
        expect(page.status).to.equal(404);
        const list = await request(ctx.app)
          .get('/api/v1/groups')
          .set('authorization', `Bearer ${outsiderToken}`)
          .expect(200);
        expect(list.body.groups.map((g: { slug: string }) => g.slug)).not.to.include(group.slug);
      } else {
        // A closed group shows that it exists, never its discussions.
        expect(page.status).to.equal(200);
        expect(page.text).to.contain(group.name).and.not.to.contain('Piano riservato');
      }

      const ok = await request(ctx.app)
        .get(`/api/v1/threads/${thread.id}`)
        .set('authorization', `Bearer ${memberToken}`)
        .expect(200);
      expect(ok.body.posts.map((p: { id: number }) => p.id)).to.deep.equal([post.id, reply.id]);
      const list = await request(ctx.app)
        .get('/api/v1/groups')
        .set('authorization', `Bearer ${memberToken}`)
        .expect(200);
      expect(list.body.groups.map((g: { slug: string }) => g.slug)).to.include(group.slug);
    });
  }

  it('public groups: anyone reads, only members post', async () => {
    const outsider = await createUser(ctx);
    const { group, owner } = await createGroup(ctx, { visibility: 'public' });
    const { thread } = await createThread(ctx, owner, group, { title: 'Discussione aperta' });
    const page = await request(ctx.app).get(`/discussioni/${thread.id}`).expect(200);
    expect(page.text).to.contain('Discussione aperta').and.to.contain('Accedi per rispondere');
    const token = await apiToken(ctx.app, outsider.email, outsider.password);
    const res = await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set('authorization', `Bearer ${token}`)
      .send({ body: 'Ciao' })
      .expect(403);
    expect(res.body.error.message).to.equal('Solo i membri del gruppo possono scrivere qui.');
    await request(ctx.app)
      .post(`/api/v1/groups/${group.slug}/join`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set('authorization', `Bearer ${token}`)
      .send({ body: 'Ciao' })
      .expect(201);
  });
});
