import { expect } from 'chai';
import request from 'supertest';
import { createWebhookWorker } from '../../../server/features/webhooks/webhooks.worker.ts';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, csrfFrom, signedInAgent } from '../../helpers/http.ts';
import { startReceiver, verifySignature, type Receiver } from './receiver.ts';

describe('webhooks administration', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let receiver: Receiver;

  beforeEach(async () => {
    ctx = await testContext();
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  it('is for administrators only: anonymous visitors sign in, members get 403, on pages and API', async () => {
    const anonymous = await request(ctx.app).get('/admin/webhook').expect(303);
    expect(anonymous.headers.location).to.equal('/accedi?next=%2Fadmin%2Fwebhook');
    await request(ctx.app).get('/api/v1/webhooks').expect(401);

    const member = await createUser(ctx);
    const agent = await signedInAgent(ctx.app, member.email, member.password);
    await agent.get('/admin/webhook').expect(403);
    await agent.get('/admin/webhook/1').expect(403);
    const token = await apiToken(ctx.app, member.email, member.password);
    const auth = { Authorization: `Bearer ${token}` };
    await request(ctx.app).get('/api/v1/webhooks').set(auth).expect(403);
    await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(auth)
      .send({ url: receiver.url, events: ['thread.created'] })
      .expect(403);
    await request(ctx.app).delete('/api/v1/webhooks/1').set(auth).expect(403);

    // An administrator's token without the admin scope acts as a member.
    const admin = await createUser(ctx, { role: 'admin' });
    const plain = await request(ctx.app)
      .post('/api/v1/auth/token')
      .send({ email: admin.email, password: admin.password, scopes: ['read', 'write'] })
      .expect(201);
    const capped = await request(ctx.app)
      .get('/api/v1/webhooks')
      .set('Authorization', `Bearer ${plain.body.token}`)
      .expect(403);
    expect(capped.body.error.code).to.equal('insufficient_scope');
    const scoped = await apiToken(ctx.app, admin.email, admin.password);
    await request(ctx.app).get('/api/v1/webhooks').set('Authorization', `Bearer ${scoped}`).expect(200);
  });

  it('registers a webhook through the form, shows its secret once, pings it, replays, disables and deletes it', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const agent = await signedInAgent(ctx.app, admin.email, admin.password);
    const page = await agent.get('/admin/webhook').expect(200);
    expect(page.text).to.include('Registra un webhook');
    expect(page.text).to.include('value="thread.created"');
    expect(page.text).not.to.include('value="course.enrolled"');
    let csrf = csrfFrom(page.text);

    // No event chosen: the form comes back with the message and what was typed.
    const refused = await agent
      .post('/admin/webhook')
      .type('form')
      .send({ _csrf: csrf, url: receiver.url, description: 'Portale' })
      .expect(400);
    expect(refused.text).to.include('Scegli almeno un evento.');
    expect(refused.text).to.include(`value="${receiver.url}"`);
    // Without the CSRF token nothing is registered.
    await agent.post('/admin/webhook').type('form').send({ url: receiver.url, events: 'thread.created' }).expect(403);

    const created = await agent
      .post('/admin/webhook')
      .type('form')
      .send({
        _csrf: csrf,
        url: receiver.url,
        description: 'Portale regionale',
        events: ['thread.created', 'post.created'],
      })
      .expect(201);
    const secret = /id="secret-value"[^>]*value="(whsec_[\w-]+)"/.exec(created.text)?.[1];
    expect(secret, 'secret shown').to.be.a('string');
    const id = Number(/href="\/admin\/webhook\/(\d+)"/.exec(created.text)![1]);
    const detail = await agent.get(`/admin/webhook/${id}`).expect(200);
    expect(detail.text).not.to.include(secret!);
    expect(detail.text).to.include('Ancora nessuna consegna.');
    csrf = csrfFrom(detail.text);

    await agent.post(`/admin/webhook/${id}/prova`).type('form').send({ _csrf: csrf }).expect(303);
    await createWebhookWorker(ctx).settle();
    expect(receiver.received).to.have.length(1);
    const ping = receiver.received[0]!;
    expect(verifySignature(secret!, String(ping.headers['x-retispi-signature']), ping.body)).to.equal(true);
    const log = await agent.get(`/admin/webhook/${id}`).expect(200);
    expect(log.text).to.include('webhook.ping');
    expect(log.text).to.include('Consegnata');
    const deliveryId = Number(ping.headers['x-retispi-delivery']);
    expect(log.text).to.include(`/admin/webhook/${id}/consegne/${deliveryId}/ripeti`);

    await agent
      .post(`/admin/webhook/${id}/consegne/${deliveryId}/ripeti`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    await createWebhookWorker(ctx).settle();
    expect(receiver.received).to.have.length(2);
    expect(receiver.received[1]!.body).to.equal(ping.body);
    expect((await agent.get(`/admin/webhook/${id}`)).text).to.include(`ripete la n. ${deliveryId}`);

    // Editing: the events chosen replace the old ones.
    await agent
      .post(`/admin/webhook/${id}`)
      .type('form')
      .send({ _csrf: csrf, url: receiver.url, description: 'Nuova', events: 'post.created' })
      .expect(303);
    const api = await request(ctx.app)
      .get(`/api/v1/webhooks/${id}`)
      .set('Authorization', `Bearer ${await apiToken(ctx.app, admin.email, admin.password)}`)
      .expect(200);
    expect(api.body.webhook).to.include({ description: 'Nuova', enabled: true });
    expect(api.body.webhook.events).to.deep.equal(['post.created']);
    expect(api.body.webhook).not.to.have.property('secret');

    await agent.post(`/admin/webhook/${id}/stato`).type('form').send({ _csrf: csrf, enabled: 'false' }).expect(303);
    expect((await agent.get('/admin/webhook')).text).to.include('Disattivato');

    // A new secret is shown once and signs from then on.
    const rotated = await agent.post(`/admin/webhook/${id}/segreto`).type('form').send({ _csrf: csrf }).expect(200);
    const newSecret = /id="secret-value"[^>]*value="(whsec_[\w-]+)"/.exec(rotated.text)?.[1];
    expect(newSecret).to.be.a('string').and.not.equal(secret);

    await agent.post(`/admin/webhook/${id}/elimina`).type('form').send({ _csrf: csrf }).expect(303);
    await agent.get(`/admin/webhook/${id}`).expect(404);
  });
});
