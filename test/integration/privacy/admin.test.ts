import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';

describe('privacy: admin log, deletion rule and the privacy and cookie pages', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('shows exports and deletions in the admin log, a deletion by its former id only', async () => {
    const admin = await createUser(ctx, { name: 'Amministratrice', role: 'admin' });
    const elena = await createUser(ctx, { name: 'Elena Esporta' });
    const fabio = await createUser(ctx, { name: 'Fabio Va Via', email: 'fabio.via@example.it' });
    await request(ctx.app)
      .get('/api/v1/me/export')
      .set('authorization', `Bearer ${await apiToken(ctx.app, elena.email, elena.password)}`)
      .expect(200);
    await request(ctx.app)
      .delete('/api/v1/me')
      .set('authorization', `Bearer ${await apiToken(ctx.app, fabio.email, fabio.password)}`)
      .send({ password: fabio.password })
      .expect(200);
    const member = await signedInAgent(ctx.app, elena.email, elena.password);
    await member.get('/admin/privacy').expect(403);
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const page = await agent.get('/admin/privacy').expect(200);
    expect(page.text).to.contain('Esportazione dei dati');
    expect(page.text).to.contain('Elena Esporta');
    expect(page.text).to.contain('Cancellazione dell&#x27;account');
    expect(page.text).to.contain(`Utente n. ${fabio.id}`);
    expect(page.text).not.to.contain('Fabio Va Via');
    expect(page.text).not.to.contain('fabio.via@example.it');
  });

  it('lets only admins set the deletion rule', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const member = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const csrf = csrfFrom((await agent.get('/admin/privacy').expect(200)).text);
    await agent.post('/admin/privacy/regola').type('form').send({ _csrf: csrf, rule: 'rimuovi' }).expect(303);
    const [row] = await ctx.database.query<{ value: string }>(
      `SELECT value FROM privacy_settings WHERE key = 'deletion_rule'`,
    );
    expect(row!.value).to.equal('rimuovi');
    expect((await agent.get('/admin/privacy').expect(200)).text).to.match(/value="rimuovi" checked/);
    const other = await signedInAgent(ctx.app, member.email, member.password);
    const memberCsrf = csrfFrom((await other.get('/profilo/dati').expect(200)).text);
    await other.post('/admin/privacy/regola').type('form').send({ _csrf: memberCsrf, rule: 'anonimizza' }).expect(403);
    const [still] = await ctx.database.query<{ value: string }>(
      `SELECT value FROM privacy_settings WHERE key = 'deletion_rule'`,
    );
    expect(still!.value).to.equal('rimuovi');
  });

  it('shows default privacy and cookie texts, linked from the footer and the registration page', async () => {
    const privacy = await request(ctx.app).get('/privacy').expect(200);
    expect(privacy.text).to.contain('Titolare del trattamento');
    expect(privacy.text).to.contain('articoli 15–22');
    const cookie = await request(ctx.app).get('/cookie').expect(200);
    expect(cookie.text).to.contain('retespi.sid');
    expect(cookie.text).to.contain('solo cookie tecnici');
    const register = await request(ctx.app).get('/registrati').expect(200);
    expect(register.text).to.contain('href="/privacy"');
    expect(register.text).to.contain('href="/cookie"');
    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).to.match(/<footer[\s\S]*href="\/privacy"[\s\S]*href="\/cookie"[\s\S]*<\/footer>/);
    const english = await request(ctx.app).get('/cookie').set('Cookie', 'lang=en').expect(200);
    expect(english.text).to.contain('technical cookies only');
  });

  it('lets admins edit the texts, rendered through the sanitized Markdown pipeline; members may not', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const member = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const csrf = csrfFrom((await agent.get('/admin/privacy/testi').expect(200)).text);
    await agent
      .post('/admin/privacy/testi')
      .type('form')
      .send({
        _csrf: csrf,
        key: 'privacy',
        locale: 'it',
        body: '## Titolare: Regione Umbria\n\n<script>alert(1)</script><img src=x onerror="alert(2)">\n\n[sito](javascript:alert(3))',
      })
      .expect(303);
    const page = await request(ctx.app).get('/privacy').expect(200);
    expect(page.text).to.contain('Titolare: Regione Umbria');
    expect(page.text).not.to.contain('<script>alert(1)');
    expect(page.text).not.to.match(/<img[^>]*onerror/);
    expect(page.text).not.to.contain('href="javascript:');
    // The English text and the cookie page keep their defaults.
    expect((await request(ctx.app).get('/cookie').expect(200)).text).to.contain('retespi.sid');
    const other = await signedInAgent(ctx.app, member.email, member.password);
    await other.get('/admin/privacy/testi').expect(403);
    const memberCsrf = csrfFrom((await other.get('/profilo/dati').expect(200)).text);
    await other
      .post('/admin/privacy/testi')
      .type('form')
      .send({ _csrf: memberCsrf, key: 'cookie', locale: 'it', body: 'Vandalo' })
      .expect(403);
    expect((await request(ctx.app).get('/cookie').expect(200)).text).not.to.contain('Vandalo');
    // An empty text is refused, the saved one stays.
    await agent
      .post('/admin/privacy/testi')
      .type('form')
      .send({ _csrf: csrf, key: 'privacy', locale: 'it', body: '   ' })
      .expect(303);
    expect((await request(ctx.app).get('/privacy').expect(200)).text).to.contain('Titolare: Regione Umbria');
  });
});
