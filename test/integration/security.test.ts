import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../helpers/context.ts';

describe('security and error handling', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('sends a Content-Security-Policy that allows no inline script, and other helmet headers', async () => {
    const res = await request(ctx.app).get('/').expect(200);
    const csp = res.headers['content-security-policy'] as string;
    const scriptSrc = /script-src ([^;]+)/.exec(csp)![1]!;
    expect(scriptSrc.trim()).to.equal("'self'");
    expect(csp).to.contain("frame-ancestors 'none'").and.to.contain("object-src 'none'");
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers).not.to.have.property('x-powered-by');
    expect(res.text).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('answers unknown pages with a 404 page and unknown API routes with JSON', async () => {
    const page = await request(ctx.app).get('/non-esiste').expect(404);
    expect(page.headers['content-type']).to.match(/html/);
    expect(page.text).to.contain('Pagina non trovata');
    const api = await request(ctx.app).get('/api/v1/non-esiste').expect(404);
    expect(api.body).to.deep.equal({
      error: {
        code: 'not_found',
        message: 'La pagina o la risorsa richiesta non esiste, oppure non hai i permessi per vederla.',
      },
    });
  });

  it('never shows a stack trace, even for an unexpected failure', async () => {
    const express = (await import('express')).default;
    const { errorHandler } = await import('../../server/core/http.ts');
    const { languageMiddleware } = await import('../../server/core/i18n.ts');
    const { setupViews } = await import('../../server/core/views.ts');
    const app = express();
    setupViews(app);
    app.use(languageMiddleware);
    app.get('/boom', () => {
      throw new Error('segreto interno at /srv/app.ts:42');
    });
    app.get('/api/boom', () => {
      throw new Error('segreto interno at /srv/app.ts:42');
    });
    app.use(errorHandler(ctx.log));
    const page = await request(app).get('/boom').expect(500);
    expect(page.text).to.contain('Si è verificato un errore imprevisto').and.not.to.contain('segreto');
    const api = await request(app).get('/api/boom').expect(500);
    expect(api.body).to.deep.equal({
      error: { code: 'internal', message: 'Si è verificato un errore imprevisto. Riprova più tardi.' },
    });
  });

  it('rejects oversized bodies with 413', async () => {
    const res = await request(ctx.app)
      .post('/api/v1/auth/register')
      .send({ name: 'x'.repeat(2_000_000) })
      .expect(413);
    expect(res.body.error.code).to.equal('too_large');
  });

  it('rate-limits writes per person, leaving reads alone', async () => {
    const limited = await testContext({ RATE_LIMIT_WRITE_MAX: '2' });
    const { createUser } = await import('../factories.ts');
    const { apiToken } = await import('../helpers/http.ts');
    const user = await createUser(limited);
    const token = await apiToken(limited.app, user.email, user.password);
    const patch = () =>
      request(limited.app)
        .patch('/api/v1/me')
        .set('authorization', `Bearer ${token}`)
        .send({ name: 'Nome', jobTitle: 'Ruolo', region: 'Lazio', organization: 'CPI di Roma' });
    expect((await patch()).status).to.equal(200);
    expect((await patch()).status).to.equal(200);
    const third = await patch();
    expect(third.status).to.equal(429);
    expect(third.body.error.code).to.equal('rate_limited');
    await request(limited.app).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
  });

  it('reports health once the database answers', async () => {
    const res = await request(ctx.app).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('switches the interface language with /lingua and remembers it in a cookie', async () => {
    const agent = request.agent(ctx.app);
    const it = await agent.get('/').expect(200);
    expect(it.text).to.contain('<html lang="it">').and.to.contain('Registrati');
    const sw = await agent.get('/lingua/en?next=/membri').expect(303);
    expect(sw.headers.location).to.equal('/membri');
    const en = await agent.get('/').expect(200);
    expect(en.text).to.contain('<html lang="en">').and.to.contain('Register');
    const evil = await agent.get('/lingua/it?next=//evil.example').expect(303);
    expect(evil.headers.location).to.equal('/');
  });
});
