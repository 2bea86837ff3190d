// Input the database cannot store (NUL characters) or that overflows its integers: a clean 4xx or a
// normal answer, never a 500, anonymous or signed in, in query strings, paths and bodies.
import { expect } from 'chai';
import request from 'supertest';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';

describe('security: NUL characters and other invalid input', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('answers anonymous pages and API calls carrying a NUL with a 4xx or a normal page, never a 500', async () => {
    const urls = [
      '/gruppi/ab%00c',
      '/cerca?q=ab%00cd',
      '/membri?q=ab%00cd',
      '/corsi?q=ab%00cd',
      '/corsi/a%00b',
      '/enti/a%00b',
      '/attivita?gruppo=a%00b',
      '/api/v1/users?q=ab%00',
      '/api/v1/groups/ab%00c',
      '/api/v1/feed?group=a%00b',
      '/discussioni/1%00',
      '/membri/1%002',
    ];
    for (const url of urls) {
      const res = await request(ctx.app).get(url);
      expect(res.status, url).to.be.oneOf([200, 400, 404]);
    }
    // A search with the NUL left out still searches.
    const search = await request(ctx.app).get('/membri?q=ab%00cd').expect(200);
    expect(search.text).to.contain('abcd');
  });

  it('stores what a signed-in member writes without the NUL characters, through the API', async () => {
    const member = await createUser(ctx, { name: 'Giulia Neri' });
    const { group } = await createGroup(ctx, { members: [member] });
    const { thread, post } = await createThread(ctx, member, group);
    const token = await apiToken(ctx.app, member.email, member.password);
    const auth = { Authorization: `Bearer ${token}` };

    const created = await request(ctx.app)
      .post(`/api/v1/groups/${group.slug}/threads`)
      .set(auth)
      .send({ title: 'Tito\u0000lo valido', body: 'Te\u0000sto' })
      .expect(201);
    expect(created.body.title ?? created.body.thread?.title).to.equal('Titolo valido');
    const reply = await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(auth)
      .send({ body: 'Una risposta\u0000 con NUL' })
      .expect(201);
    expect(JSON.stringify(reply.body)).to.contain('Una risposta con NUL');
    const profile = {
      name: 'Giulia\u0000 Neri',
      jobTitle: 'Opera\u0000trice',
      region: 'Toscana',
      organization: 'CPI di Firenze',
    };
    await request(ctx.app).patch('/api/v1/me').set(auth).send(profile).expect(200);
    const me = await request(ctx.app).get('/api/v1/me').set(auth).expect(200);
    expect(me.body.user.name).to.equal('Giulia Neri');
    expect(me.body.user.jobTitle).to.equal('Operatrice');
    const other = await createUser(ctx);
    const otherToken = await apiToken(ctx.app, other.email, other.password);
    const flag = await request(ctx.app)
      .post(`/api/v1/posts/${post.id}/flag`)
      .set({ Authorization: `Bearer ${otherToken}` })
      .send({ reason: 'Spam\u0000 evidente' });
    expect(flag.status).to.be.oneOf([201, 404]);
    // JSON keys with a NUL are dropped with it, not turned into a 500.
    const weird = await request(ctx.app)
      .patch('/api/v1/me')
      .set(auth)
      .send({ ...profile, 'na\u0000me': 'x' });
    expect(weird.status).to.be.below(500);
  });

  it('answers ids beyond PostgreSQL integers with a 404, not a 500', async () => {
    for (const url of [
      '/discussioni/9999999999',
      '/membri/99999999999',
      '/api/v1/threads/9999999999',
      '/messaggi/99999999999',
    ]) {
      const res = await request(ctx.app).get(url);
      expect(res.status, url).to.equal(404);
    }
  });
});
