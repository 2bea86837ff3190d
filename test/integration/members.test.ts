import { expect } from 'chai';
import request from 'supertest';
import { addMembership, insertGroup } from '../../models/queries/groups.ts';
import { findUserById } from '../../models/queries/users.ts';
import { createUser } from '../factories.ts';
import { testContext, type TestContext } from '../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../helpers/http.ts';

describe('members and profiles', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('lists members newest first with region and administration filters', async () => {
    await createUser(ctx, { name: 'Toscana Uno', region: 'Toscana', organization: 'CPI di Firenze' });
    await createUser(ctx, { name: 'Calabria Uno', region: 'Calabria', organization: 'CPI di Vibo Valentia' });
    await createUser(ctx, { name: 'Calabria Due', region: 'Calabria', organization: 'Regione Calabria' });
    const all = await request(ctx.app).get('/membri').expect(200);
    expect(all.text).to.contain('3 membri');
    expect(all.text.indexOf('Calabria Due')).to.be.lessThan(all.text.indexOf('Toscana Uno'));
    const calabria = await request(ctx.app).get('/membri?region=Calabria').expect(200);
    expect(calabria.text).to.contain('Calabria Uno').and.to.contain('Calabria Due').and.not.to.contain('Toscana Uno');
    const cpi = await request(ctx.app).get('/membri?organization=cpi-di-vibo-valentia').expect(200);
    expect(cpi.text).to.contain('Calabria Uno').and.not.to.contain('Calabria Due');
    const api = await request(ctx.app).get('/api/v1/users?region=Calabria').expect(200);
    expect(api.body.users.map((u: { name: string }) => u.name)).to.deep.equal(['Calabria Due', 'Calabria Uno']);
    const bad = await request(ctx.app).get('/api/v1/users?region=Narnia').expect(400);
    expect(bad.body.error.fields).to.have.key('region');
  });

  it('paginates the directory', async () => {
    for (let i = 0; i < 26; i++)
      await ctx.database.query(
        `INSERT INTO users (name, email, handle, created_at) VALUES ($1, $2, $2, now() - ($3 || ' minutes')::interval)`,
        [`Persona ${String(i).padStart(2, '0')}`, `p${i}@esempio.it`, String(i)],
      );
    const first = await request(ctx.app).get('/membri').expect(200);
    expect(first.text).to.contain('Persona 00').and.not.to.contain('Persona 25');
    expect(first.text.replaceAll('&#x3D;', '=')).to.contain('href="/membri?page=2"');
    const second = await request(ctx.app).get('/membri?page=2').expect(200);
    expect(second.text).to.contain('Persona 25').and.not.to.contain('Persona 00');
  });

  it('shows a profile with administration, job title, region, dates and visible groups only', async () => {
    const user = await createUser(ctx, {
      name: 'Rosa Marino',
      jobTitle: 'Responsabile CPI',
      organization: 'CPI di Cosenza',
      region: 'Calabria',
    });
    const open = await insertGroup(ctx.database.db, {
      slug: 'comunita-spi',
      name: 'Comunità SPI',
      visibility: 'public',
    });
    const hidden = await insertGroup(ctx.database.db, {
      slug: 'riservato',
      name: 'Gruppo Riservato',
      visibility: 'private',
    });
    await addMembership(ctx.database.db, { groupId: open.id, userId: user.id, role: 'moderator' });
    await addMembership(ctx.database.db, { groupId: hidden.id, userId: user.id });
    const res = await request(ctx.app).get(`/membri/${user.id}`).expect(200);
    for (const text of [
      'Rosa Marino',
      'Responsabile CPI',
      'CPI di Cosenza',
      'Calabria',
      'Iscritto dal',
      'Comunità SPI',
      'Moderatore',
    ]) {
      expect(res.text).to.contain(text);
    }
    expect(res.text).not.to.contain('Gruppo Riservato');
    expect(res.text).not.to.contain(user.email);
    const own = await signedInAgent(ctx.app, user.email, user.password);
    const mine = await own.get(`/membri/${user.id}`).expect(200);
    expect(mine.text).to.contain(user.email).and.to.contain('Gruppo Riservato').and.to.contain('Modifica il profilo');
    expect(mine.text).to.contain('Ultimo accesso');
  });

  it('shows the last login to signed-in members only, on pages and through the API (finding 10)', async () => {
    const user = await createUser(ctx, { name: 'Rosa Marino' });
    const reader = await createUser(ctx);
    await signedInAgent(ctx.app, user.email, user.password); // records a login time
    for (const path of [`/membri/${user.id}`, '/membri', '/']) {
      expect((await request(ctx.app).get(path).expect(200)).text, path).not.to.match(
        /Ultimo (accesso|login)|ancora effettuato l/,
      );
    }
    const anonymous = await request(ctx.app).get(`/api/v1/users/${user.id}`).expect(200);
    expect(anonymous.body.user).not.to.have.property('lastLoginAt');
    const list = await request(ctx.app).get('/api/v1/users').expect(200);
    expect(list.body.users.every((u: object) => !('lastLoginAt' in u))).to.equal(true);

    const agent = await signedInAgent(ctx.app, reader.email, reader.password);
    expect((await agent.get(`/membri/${user.id}`).expect(200)).text).to.contain('Ultimo accesso');
    expect((await agent.get('/membri').expect(200)).text).to.contain('Ultimo login il');
    const signedIn = await agent.get(`/api/v1/users/${user.id}`).expect(200);
    expect(signedIn.body.user.lastLoginAt).to.be.a('string');
  });

  it('answers 404 for a member that does not exist or a malformed id', async () => {
    await request(ctx.app).get('/membri/424242').expect(404);
    await request(ctx.app).get('/membri/2147483648').expect(404);
    await request(ctx.app).get('/discussioni/2147483648').expect(404);
    await request(ctx.app).get('/api/v1/feed?prima=3000000000').expect(400);
    await request(ctx.app).get('/membri/abc').expect(404);
    await request(ctx.app).get('/api/v1/users/424242').expect(404);
  });

  it('lets the owner edit the profile and re-shows the form with errors', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const form = await agent.get(`/membri/${user.id}/modifica`).expect(200);
    const csrf = csrfFrom(form.text);
    const bad = await agent
      .post(`/membri/${user.id}/modifica`)
      .type('form')
      .send({ _csrf: csrf, name: 'A', jobTitle: 'Orientatrice', region: 'Lazio', organization: 'CPI di Roma', bio: '' })
      .expect(400);
    expect(bad.text).to.match(/id="f-name-error"[^>]*>[\s\S]*almeno 2 caratteri/);
    expect(bad.text).to.contain('value="CPI di Roma"');
    await agent
      .post(`/membri/${user.id}/modifica`)
      .type('form')
      .send({
        _csrf: csrf,
        name: 'Nuovo Nome',
        jobTitle: 'Orientatrice',
        region: 'Lazio',
        organization: 'CPI di Roma',
        bio: 'Mi occupo di orientamento.',
        locale: 'en',
      })
      .expect(303);
    const stored = await findUserById(ctx.database.db, user.id);
    expect(stored).to.include({
      name: 'Nuovo Nome',
      jobTitle: 'Orientatrice',
      region: 'Lazio',
      bio: 'Mi occupo di orientamento.',
      locale: 'en',
    });
    const page = await agent.get(`/membri/${user.id}`).expect(200);
    expect(page.text).to.contain('Profile updated.');
  });

  it('forbids editing somebody else’s profile (403) unless one is an admin', async () => {
    const owner = await createUser(ctx, { name: 'Proprietaria' });
    const other = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, other.email, other.password);
    await agent.get(`/membri/${owner.id}/modifica`).expect(403);
    const form = await agent.get(`/membri/${other.id}/modifica`).expect(200);
    await agent
      .post(`/membri/${owner.id}/modifica`)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        name: 'Intruso',
        jobTitle: 'X X',
        region: 'Lazio',
        organization: 'CPI di Roma',
      })
      .expect(403);
    expect((await findUserById(ctx.database.db, owner.id))?.name).to.equal('Proprietaria');
    const admin = await createUser(ctx, { role: 'admin' });
    const adminAgent = await signedInAgent(ctx.app, admin.email, admin.password);
    await adminAgent.get(`/membri/${owner.id}/modifica`).expect(200);
  });

  it('changes the password only with the current one, ending the other sessions', async () => {
    const user = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, user.email, user.password);
    const other = await signedInAgent(ctx.app, user.email, user.password);
    const csrf = csrfFrom((await agent.get(`/membri/${user.id}/modifica`).expect(200)).text);
    const wrong = await agent
      .post(`/membri/${user.id}/password`)
      .type('form')
      .send({
        _csrf: csrf,
        currentPassword: 'non-questa',
        newPassword: 'nuova-password-2026',
        confirmPassword: 'nuova-password-2026',
      })
      .expect(400);
    expect(wrong.text).to.contain('La password attuale non è corretta.');
    const mismatch = await agent
      .post(`/membri/${user.id}/password`)
      .type('form')
      .send({
        _csrf: csrf,
        currentPassword: user.password,
        newPassword: 'nuova-password-2026',
        confirmPassword: 'altra-password-2026',
      })
      .expect(400);
    expect(mismatch.text).to.contain('Le due password non coincidono.');
    await agent
      .post(`/membri/${user.id}/password`)
      .type('form')
      .send({
        _csrf: csrf,
        currentPassword: user.password,
        newPassword: 'nuova-password-2026',
        confirmPassword: 'nuova-password-2026',
      })
      .expect(303);
    await request(ctx.app).post('/api/v1/auth/token').send({ email: user.email, password: user.password }).expect(401);
    await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: user.email, password: 'nuova-password-2026' })
      .expect(201);
    // The browser that changed it stays signed in; a session elsewhere (say, a stolen cookie) ends.
    await agent.get('/api/v1/me').expect(200);
    await other.get('/api/v1/me').expect(401);
  });

  it('shows e-mail addresses through the API only to their owner', async () => {
    const user = await createUser(ctx);
    const list = await request(ctx.app).get('/api/v1/users').expect(200);
    expect(JSON.stringify(list.body)).not.to.contain(user.email);
    const token = await apiToken(ctx.app, user.email, user.password);
    const me = await request(ctx.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(me.body.user.email).to.equal(user.email);
    expect(me.body.user.organization).to.deep.equal({ slug: 'cpi-di-firenze', name: 'CPI di Firenze' });
    await request(ctx.app).get('/api/v1/me').expect(401);
  });
});

describe('home page figures', () => {
  it('are shared between requests and follow a registration as soon as its event is delivered', async () => {
    const ctx = await testContext();
    await createUser(ctx);
    await ctx.settle();
    const count = async () =>
      /<p class="display-6 mb-0">(\d+)<\/p>/.exec((await request(ctx.app).get('/').expect(200)).text)![1];
    expect(await count()).to.equal('1');
    await createUser(ctx, { name: 'Nuova Arrivata' });
    await ctx.settle();
    // Cached for 30 s, but user.registered clears the fragment: the new member counts at once.
    expect(await count()).to.equal('2');
    expect((await request(ctx.app).get('/').expect(200)).text).to.contain('Nuova Arrivata');
  });
});
