import { expect } from 'chai';
import request from 'supertest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { testContext } from '../../helpers/context.ts';

const ALLOWED = 'https://portale.regione.it';
const OTHER = 'https://evil.example';

describe('CORS on the API', function () {
  this.timeout(30_000);

  it('answers a preflight from an allowed origin, without credentials, and varies by origin', async () => {
    const ctx = await testContext({ API_CORS_ORIGINS: `${ALLOWED}, https://altro.gov.it` });
    const res = await request(ctx.app)
      .options('/api/v1/groups')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).to.equal(ALLOWED);
    expect(res.headers['access-control-allow-methods']).to.include('PATCH');
    expect(res.headers['access-control-allow-headers']).to.equal('Authorization, Content-Type');
    expect(Number(res.headers['access-control-max-age'])).to.be.greaterThan(0);
    expect(res.headers['access-control-allow-credentials']).to.equal(undefined);
    expect(res.headers.vary).to.match(/Origin/);

    const get = await request(ctx.app).get('/api/v1/groups').set('Origin', ALLOWED).expect(200);
    expect(get.headers['access-control-allow-origin']).to.equal(ALLOWED);
    expect(get.headers['access-control-allow-credentials']).to.equal(undefined);
    expect(get.headers.vary).to.match(/Origin/);
  });

  it('gives a refused origin no CORS headers, and never answers for pages', async () => {
    const ctx = await testContext({ API_CORS_ORIGINS: ALLOWED });
    const pre = await request(ctx.app)
      .options('/api/v1/groups')
      .set('Origin', OTHER)
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(pre.headers).not.to.have.property('access-control-allow-origin');
    expect(pre.headers).not.to.have.property('access-control-allow-methods');
    const get = await request(ctx.app).get('/api/v1/groups').set('Origin', OTHER).expect(200);
    expect(get.headers).not.to.have.property('access-control-allow-origin');
    expect(get.headers.vary).to.match(/Origin/);

    const page = await request(ctx.app).get('/gruppi').set('Origin', ALLOWED).expect(200);
    expect(page.headers).not.to.have.property('access-control-allow-origin');
    const pagePreflight = await request(ctx.app)
      .options('/gruppi')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST');
    expect(pagePreflight.headers).not.to.have.property('access-control-allow-origin');
  });

  it('sends no CORS headers when API_CORS_ORIGINS is empty, and refuses a malformed origin list', async () => {
    const ctx = await testContext();
    const res = await request(ctx.app).get('/api/v1/groups').set('Origin', ALLOWED).expect(200);
    expect(res.headers).not.to.have.property('access-control-allow-origin');
    expect(() => loadConfig({ API_CORS_ORIGINS: '*' })).to.throw(ConfigError, /API_CORS_ORIGINS/);
    expect(() => loadConfig({ API_CORS_ORIGINS: 'https://a.it/path' })).to.throw(ConfigError);
    expect(loadConfig({ API_CORS_ORIGINS: 'https://a.it, http://b.it:8080' }).apiCorsOrigins).to.deep.equal([
      'https://a.it',
      'http://b.it:8080',
    ]);
  });
});
