import { expect } from 'chai';
import request from 'supertest';
import { findUserById } from '../../../models/queries/users.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent } from '../../helpers/http.ts';

describe('roles', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('keeps anonymous visitors out of /admin (login redirect) and members out (403)', async () => {
    const res = await request(ctx.app).get('/admin/utenti').expect(303);
    expect(res.headers.location).to.match(/^\/accedi\?next=/);
    const member = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    const page = await agent.get('/admin/utenti').expect(403);
    expect(page.text).to.contain('Non hai i permessi per questa operazione.');
  });

  it('lets an admin change a role at /admin/utenti, effective on the next request', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const member = await createUser(ctx, { name: 'Futuro Animatore' });
    const memberAgent = await signedInAgent(ctx.app, member.email, member.password);
    expect((await memberAgent.get('/api/v1/me').expect(200)).body.user.role).to.equal('member');

    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const page = await agent.get('/admin/utenti').expect(200);
    expect(page.text).to.contain('Futuro Animatore');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    await agent
      .post(`/admin/utenti/${member.id}/ruolo`)
      .type('form')
      .send({ _csrf: csrf, role: 'animator' })
      .expect(303);
    expect((await findUserById(ctx.database.db, member.id))?.role).to.equal('animator');
    expect((await memberAgent.get('/api/v1/me').expect(200)).body.user.role).to.equal('animator');
    const after = await agent.get('/admin/utenti').expect(200);
    expect(after.text).to.contain('Futuro Animatore ora ha il ruolo Animatore.');
  });

  it('refuses role changes by non-admins (403) and unknown roles (400) through the API', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const animator = await createUser(ctx, { role: 'animator' });
    const member = await createUser(ctx);
    const animatorToken = await apiToken(ctx.app, animator.email, animator.password);
    await request(ctx.app)
      .patch(`/api/v1/users/${member.id}/role`)
      .set('authorization', `Bearer ${animatorToken}`)
      .send({ role: 'admin' })
      .expect(403);
    const adminToken = await apiToken(ctx.app, admin.email, admin.password);
    const bad = await request(ctx.app)
      .patch(`/api/v1/users/${member.id}/role`)
      .set('authorization', `Bearer ${adminToken}`)
      .send({ role: 'superuser' })
      .expect(400);
    expect(bad.body.error.fields.role).to.contain('operatore, animatore, redattore o amministratore');
    await request(ctx.app)
      .patch(`/api/v1/users/999999/role`)
      .set('authorization', `Bearer ${adminToken}`)
      .send({ role: 'admin' })
      .expect(404);
    const ok = await request(ctx.app)
      .patch(`/api/v1/users/${member.id}/role`)
      .set('authorization', `Bearer ${adminToken}`)
      .send({ role: 'animator' })
      .expect(200);
    expect(ok.body.user.role).to.equal('animator');
    expect((await findUserById(ctx.database.db, member.id))?.role).to.equal('animator');
  });

  it('never leaves the platform without an admin', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const token = await apiToken(ctx.app, admin.email, admin.password);
    const res = await request(ctx.app)
      .patch(`/api/v1/users/${admin.id}/role`)
      .set('authorization', `Bearer ${token}`)
      .send({ role: 'member' })
      .expect(400);
    expect(res.body.error.fields.role).to.equal("Non puoi togliere il ruolo all'ultimo amministratore.");
    expect((await findUserById(ctx.database.db, admin.id))?.role).to.equal('admin');
    const second = await createUser(ctx, { role: 'admin' });
    await request(ctx.app)
      .patch(`/api/v1/users/${admin.id}/role`)
      .set('authorization', `Bearer ${token}`)
      .send({ role: 'member' })
      .expect(200);
    expect((await findUserById(ctx.database.db, second.id))?.role).to.equal('admin');
  });
});
