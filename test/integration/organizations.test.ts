import { expect } from 'chai';
import request from 'supertest';
import { findOrganizationBySlug, insertOrganization, mergeOrganizations } from '../../models/queries/organizations.ts';
import { findUserById } from '../../models/queries/users.ts';
import { createUser } from '../factories.ts';
import { testContext, type TestContext } from '../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../helpers/http.ts';
import { createOrganization, createPractice } from '../helpers/practices.ts';

describe('administrations', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
    await insertOrganization(ctx.database.db, {
      slug: 'regione-toscana',
      name: 'Regione Toscana',
      kind: 'region',
      region: 'Toscana',
      verified: true,
    });
    await insertOrganization(ctx.database.db, {
      slug: 'provincia-di-teramo',
      name: 'Provincia di Teramo',
      kind: 'province',
      region: 'Abruzzo',
      verified: true,
    });
  });

  it('lists administrations with kind, region, member counts and status, on the page and in the API', async () => {
    await createUser(ctx, { organization: 'regione-toscana' });
    await createUser(ctx, { organization: 'regione-toscana' });
    await createUser(ctx, { organization: 'Centro Studi Nuovo' });
    const page = await request(ctx.app).get('/enti').expect(200);
    expect(page.text)
      .to.contain('Regione Toscana')
      .and.to.contain('Provincia di Teramo')
      .and.to.contain('Da verificare');
    const api = await request(ctx.app).get('/api/v1/organizations').expect(200);
    const toscana = api.body.organizations.find((o: { slug: string }) => o.slug === 'regione-toscana');
    expect(toscana).to.deep.equal({
      slug: 'regione-toscana',
      name: 'Regione Toscana',
      kind: 'region',
      region: 'Toscana',
      verified: true,
      memberCount: 2,
      url: '/enti/regione-toscana',
    });
    const abruzzo = await request(ctx.app).get('/api/v1/organizations?region=Abruzzo').expect(200);
    expect(abruzzo.body.organizations.map((o: { slug: string }) => o.slug)).to.deep.equal(['provincia-di-teramo']);
    const unverified = await request(ctx.app).get('/api/v1/organizations?verified=false').expect(200);
    expect(unverified.body.organizations.map((o: { name: string }) => o.name)).to.deep.equal(['Centro Studi Nuovo']);
    await request(ctx.app).get('/api/v1/organizations?kind=castello').expect(400);
    await request(ctx.app).get('/enti/non-esiste').expect(404);
    const show = await request(ctx.app).get('/enti/regione-toscana').expect(200);
    expect(show.text).to.contain('2 membri');
  });

  it('lets an admin verify a new administration and merge a duplicate, moving its members in one step', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const a = await createUser(ctx, { organization: 'Reg. Toscana' });
    const b = await createUser(ctx, { organization: 'Reg. Toscana' });
    await createUser(ctx, { organization: 'Comune di Pescara' });
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const page = await agent.get('/admin/enti').expect(200);
    expect(page.text).to.contain('Reg. Toscana').and.to.contain('Comune di Pescara');
    const csrf = csrfFrom(page.text);

    await agent.post('/admin/enti/comune-di-pescara/verifica').type('form').send({ _csrf: csrf }).expect(303);
    expect((await findOrganizationBySlug(ctx.database.db, 'comune-di-pescara'))?.verified).to.equal(true);

    await agent
      .post('/admin/enti/reg-toscana/unisci')
      .type('form')
      .send({ _csrf: csrf, into: 'regione-toscana' })
      .expect(303);
    const toscana = await findOrganizationBySlug(ctx.database.db, 'regione-toscana');
    expect((await findUserById(ctx.database.db, a.id))?.organizationId).to.equal(toscana?.id);
    expect((await findUserById(ctx.database.db, b.id))?.organizationId).to.equal(toscana?.id);
    expect(await findOrganizationBySlug(ctx.database.db, 'reg-toscana')).to.equal(undefined);
    const after = await agent.get('/admin/enti').expect(200);
    expect(after.text).to.contain('2 membri spostati');
  });

  it('refuses a merge into an unknown administration without moving anyone', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const member = await createUser(ctx, { organization: 'Ente Doppio' });
    const token = await apiToken(ctx.app, admin.email, admin.password);
    const res = await request(ctx.app)
      .post('/api/v1/organizations/ente-doppio/merge')
      .set('authorization', `Bearer ${token}`)
      .send({ into: 'non-esiste' })
      .expect(400);
    expect(res.body.error.fields.into).to.equal('Ente non trovato.');
    await request(ctx.app)
      .post('/api/v1/organizations/ente-doppio/merge')
      .set('authorization', `Bearer ${token}`)
      .send({ into: 'ente-doppio' })
      .expect(400);
    const org = await findOrganizationBySlug(ctx.database.db, 'ente-doppio');
    expect((await findUserById(ctx.database.db, member.id))?.organizationId).to.equal(org?.id);
    const ok = await request(ctx.app)
      .post('/api/v1/organizations/ente-doppio/merge')
      .set('authorization', `Bearer ${token}`)
      .send({ into: 'regione-toscana' })
      .expect(200);
    expect(ok.body).to.deep.include({ movedMembers: 1 });
  });

  it('keeps verification and merging to admins', async () => {
    const animator = await createUser(ctx, { role: 'animator' });
    await createUser(ctx, { organization: 'Ente Nuovo' });
    const token = await apiToken(ctx.app, animator.email, animator.password);
    await request(ctx.app)
      .post('/api/v1/organizations/ente-nuovo/verify')
      .set('authorization', `Bearer ${token}`)
      .send({})
      .expect(403);
    await request(ctx.app)
      .post('/api/v1/organizations/ente-nuovo/merge')
      .set('authorization', `Bearer ${token}`)
      .send({ into: 'regione-toscana' })
      .expect(403);
    await request(ctx.app).post('/api/v1/organizations/ente-nuovo/verify').send({}).expect(401);
    expect((await findOrganizationBySlug(ctx.database.db, 'ente-nuovo'))?.verified).to.equal(false);
  });
});

describe('administrations: merging one that takes part in the practice registry', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('moves its practices, co-ownerships, reuse declarations and stories, and recounts the reuses', async () => {
    const duplicate = await createOrganization(ctx, { name: 'Comune Vibo (doppione)' });
    const into = await createOrganization(ctx, { name: 'Comune di Vibo Valentia' });
    const other = await createOrganization(ctx, { name: 'Regione Toscana' });
    const led = await createPractice(ctx, { organization: duplicate });
    const coOwned = await createPractice(ctx, { organization: other, coOwners: [duplicate] });
    // Both declared reusing `reused`: the surviving administration's declaration stays, one in all.
    const reused = await createPractice(ctx, { organization: other });
    // The duplicate reused a practice the surviving administration co-owns: no longer a reuse.
    const ownAfter = await createPractice(ctx, { organization: other, coOwners: [into] });
    const db = ctx.database;
    for (const [practice, org] of [
      [reused, duplicate],
      [reused, into],
      [ownAfter, duplicate],
    ] as const)
      await db.query(`INSERT INTO practice_reuses (practice_id, organization_id, status) VALUES ($1, $2, 'reused')`, [
        practice.id,
        org.id,
      ]);
    await db.query(`UPDATE practices SET reuse_count = 2 WHERE id = $1`, [reused.id]);
    await db.query(`UPDATE practices SET reuse_count = 1 WHERE id = $1`, [ownAfter.id]);
    await db.query(
      `INSERT INTO practice_stories (practice_id, organization_id, title, body) VALUES ($1, $2, 'Storia', 'Testo')`,
      [reused.id, duplicate.id],
    );

    await mergeOrganizations(db.db, duplicate.id, into.id);

    const lead = await db.query<{ organization_id: number }>(`SELECT organization_id FROM practices WHERE id = $1`, [
      led.id,
    ]);
    expect(lead[0]!.organization_id).to.equal(into.id);
    const owners = await db.query<{ organization_id: number }>(
      `SELECT organization_id FROM practice_organizations WHERE practice_id = $1`,
      [coOwned.id],
    );
    expect(owners.map((o) => o.organization_id)).to.deep.equal([into.id]);
    const reuses = await db.query<{ practice_id: number; organization_id: number }>(
      `SELECT practice_id, organization_id FROM practice_reuses ORDER BY practice_id`,
    );
    expect(reuses).to.deep.equal([{ practice_id: reused.id, organization_id: into.id }]);
    const counts = await db.query<{ id: number; reuse_count: number }>(
      `SELECT id, reuse_count FROM practices WHERE id = ANY($1::int[]) ORDER BY id`,
      [[reused.id, ownAfter.id]],
    );
    expect(counts).to.deep.equal([
      { id: reused.id, reuse_count: 1 },
      { id: ownAfter.id, reuse_count: 0 },
    ]);
    const stories = await db.query<{ organization_id: number }>(`SELECT organization_id FROM practice_stories`);
    expect(stories).to.deep.equal([{ organization_id: into.id }]);
  });
});
