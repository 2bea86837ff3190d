import { expect } from 'chai';
import request from 'supertest';
import { insertWebhook } from '../../../models/queries/webhooks.ts';
import { encryptSecret } from '../../../server/features/webhooks/webhooks.secret.ts';
import { sendPing } from '../../../server/features/webhooks/webhooks.service.ts';
import { guardedLookup, isBlockedAddress, urlRefusal } from '../../../server/features/webhooks/webhooks.url.ts';
import { createWebhookWorker } from '../../../server/features/webhooks/webhooks.worker.ts';
import { createUser } from '../../factories.ts';
import { testContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { startReceiver } from './receiver.ts';

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-32-characters!' };

describe('webhook addresses', function () {
  this.timeout(30_000);

  const setup = async (overrides: Record<string, string> = {}) => {
    const ctx = await testContext(overrides);
    const admin = await createUser(ctx, { role: 'admin' });
    const token = await apiToken(ctx.app, admin.email, admin.password);
    const post = (url: string) =>
      request(ctx.app)
        .post('/api/v1/webhooks')
        .set('Authorization', `Bearer ${token}`)
        .send({ url, events: ['thread.created'] });
    return { ctx, admin, token, post };
  };

  it('accepts only http(s), and in development or tests a local http receiver', async () => {
    const { post } = await setup();
    for (const url of ['ftp://example.org/hook', 'javascript:alert(1)', 'file:///etc/passwd', 'example.org/hook']) {
      const res = await post(url).expect(400);
      expect(res.body.error.code).to.equal('validation');
      expect(res.body.error.fields.url).to.equal('Indica un indirizzo che inizi con http:// o https://.');
    }
    await post('http://127.0.0.1:9/hook').expect(201);
    await post('http://localhost:9/hook').expect(201);
  });

  it('refuses in production plain http and addresses inside the network, with an Italian message', async () => {
    const { post } = await setup(PRODUCTION);
    const https = await post('http://example.org/hook').expect(400);
    expect(https.body.error.fields.url).to.equal("In produzione l'indirizzo deve usare https://.");
    for (const url of [
      'https://127.0.0.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://10.1.2.3/hook',
      'https://172.20.0.1/hook',
      'https://192.168.1.10/hook',
      'https://0.0.0.0/hook',
      'https://[::1]/hook',
      'https://[fe80::1]/hook',
      'https://[fd00::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://localhost/hook',
    ]) {
      const res = await post(url);
      expect(res.status, url).to.equal(400);
      expect(res.body.error.fields.url, url).to.match(/rete interna/);
    }
    // A change of address goes through the same check.
    const { ctx, token } = await setup(PRODUCTION);
    const admin = await createUser(ctx, { role: 'admin' });
    const created = await insertWebhook(ctx.database.db, {
      url: 'https://example.org/hook',
      description: '',
      events: ['thread.created'],
      secretEnc: encryptSecret(ctx.config.sessionSecret, 'whsec_x'),
      createdBy: admin.id,
    });
    await request(ctx.app)
      .patch(`/api/v1/webhooks/${created.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ url: 'https://169.254.169.254/' })
      .expect(400);
  });

  it('resolves names: localhost is refused, and the send-time lookup refuses internal addresses', async () => {
    expect(await urlRefusal('https://localhost/hook', true)).to.equal('webhooks.url_private');
    expect(await urlRefusal('https://nonexistent.invalid/hook', true)).to.equal('webhooks.url_unresolved');
    expect(await urlRefusal('https://localhost/hook', false)).to.equal(null);
    expect(isBlockedAddress('8.8.8.8')).to.equal(false);
    expect(isBlockedAddress('2001:4860:4860::8888')).to.equal(false);
    expect(isBlockedAddress('169.254.169.254')).to.equal(true);
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      guardedLookup('localhost', {}, (e) => resolve(e)),
    );
    expect(err?.code).to.equal('EWEBHOOKADDRESS');
  });

  it('checks the address again when sending in production (a name that now points inside is not called)', async () => {
    const receiver = await startReceiver();
    try {
      const { ctx, admin } = await setup(PRODUCTION);
      // Registered when it was allowed (written directly: the API would refuse it today).
      const webhook = await insertWebhook(ctx.database.db, {
        url: receiver.url.replace('http:', 'https:'),
        description: '',
        events: ['thread.created'],
        secretEnc: encryptSecret(ctx.config.sessionSecret, 'whsec_x'),
        createdBy: admin.id,
      });
      await sendPing(ctx, { ...admin, role: 'admin' } as Express.User, webhook.id);
      await createWebhookWorker(ctx, { pollMs: 20 }).settle();
      const [row] = await ctx.database.query<{ status: string; last_error: string; attempts: number }>(
        'SELECT status, last_error, attempts FROM webhook_deliveries',
      );
      expect(row).to.include({ status: 'pending', attempts: 1 });
      expect(row!.last_error).to.match(/address refused/);
      expect(receiver.received).to.have.length(0);
    } finally {
      await receiver.close();
    }
  });
});
