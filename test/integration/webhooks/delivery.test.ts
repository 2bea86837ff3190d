import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { countUndelivered } from '../../../models/queries/events.ts';
import { countPendingDeliveries, pruneDeliveries } from '../../../models/queries/webhooks.ts';
import type { Deps } from '../../../server/core/deps.ts';
import { EventBus } from '../../../server/core/events.ts';
import { createMailer } from '../../../server/core/mail.ts';
import { createDispatcher } from '../../../server/core/outbox.ts';
import { createWebhookWorker, type WebhookWorker } from '../../../server/features/webhooks/webhooks.worker.ts';
import { registerSubscribers } from '../../../server/subscribers.ts';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testConfig, testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';
import { until } from '../../helpers/wait.ts';
import { startReceiver, verifySignature, type Receiver } from './receiver.ts';

describe('webhook deliveries', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let token: string;
  let receiver: Receiver | undefined;
  const workers: WebhookWorker[] = [];

  beforeEach(async () => {
    ctx = await testContext({ WEBHOOK_RETRY_BASE_MS: '50' });
    const admin = await createUser(ctx, { role: 'admin' });
    token = await apiToken(ctx.app, admin.email, admin.password);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    await receiver?.close();
    receiver = undefined;
  });

  const register = async (url: string, events: string[]) =>
    (
      await request(ctx.app)
        .post('/api/v1/webhooks')
        .set('Authorization', `Bearer ${token}`)
        .send({ url, events, description: 'Portale regionale' })
        .expect(201)
    ).body as { webhook: { id: number }; secret: string };

  const worker = (deps: Deps = ctx) => {
    const w = createWebhookWorker(deps, { pollMs: 20 });
    workers.push(w);
    return w;
  };

  const deliveries = async (id: number) =>
    (
      await request(ctx.app)
        .get(`/api/v1/webhooks/${id}/deliveries`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body.deliveries as Record<string, any>[];

  it('sends a public event as signed JSON that the receiver verifies with the secret', async () => {
    receiver = await startReceiver();
    const { webhook, secret } = await register(receiver.url, ['thread.created']);
    const { group, owner } = await createGroup(ctx, { visibility: 'public' });
    const { thread } = await createThread(ctx, owner, group, { title: 'Orientamento over 50' });
    await ctx.settle();
    await worker().settle();

    expect(receiver.received).to.have.length(1);
    const [got] = receiver.received;
    expect(got!.headers['content-type']).to.equal('application/json');
    expect(got!.headers['x-retispi-event']).to.equal('thread.created');
    const [delivery] = await deliveries(webhook.id);
    expect(got!.headers['x-retispi-delivery']).to.equal(String(delivery!.id));
    const signature = String(got!.headers['x-retispi-signature']);
    expect(signature).to.match(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, signature, got!.body)).to.equal(true);
    expect(verifySignature('whsec_wrong', signature, got!.body)).to.equal(false);
    expect(Math.abs(Number(/t=(\d+)/.exec(signature)![1]) - Date.now() / 1000)).to.be.below(60);
    expect(got!.json).to.have.keys('id', 'type', 'occurredAt', 'data');
    expect(got!.json.type).to.equal('thread.created');
    expect(got!.json.data).to.include({ threadId: thread.id, title: 'Orientamento over 50' });
    expect(got!.json.data.url).to.equal(`${ctx.config.publicUrl}/discussioni/${thread.id}`);
    expect(delivery).to.include({ status: 'delivered', attempts: 1, responseStatus: 200, event: 'thread.created' });
    expect(delivery!.responseMs).to.be.a('number');
  });

  it('retries after a 500 with backoff, then records the success', async () => {
    receiver = await startReceiver((n) => (n === 1 ? 500 : 204));
    const { webhook } = await register(receiver.url, ['thread.created']);
    const { group, owner } = await createGroup(ctx);
    await createThread(ctx, owner, group);
    await ctx.settle();
    worker().start();
    await until('the retry to succeed', async () => (await deliveries(webhook.id))[0]?.status === 'delivered');
    const [delivery] = await deliveries(webhook.id);
    expect(delivery).to.include({ attempts: 2, responseStatus: 204, error: null });
    expect(receiver.received).to.have.length(2);
    // The same delivery, the same body, each time.
    expect(receiver.received[0]!.headers['x-retispi-delivery']).to.equal(
      receiver.received[1]!.headers['x-retispi-delivery'],
    );
    expect(receiver.received[0]!.body).to.equal(receiver.received[1]!.body);
  });

  it('shows a failing delivery with its error and next attempt, and marks it failed after 24 hours', async () => {
    receiver = await startReceiver(() => 503);
    const { webhook } = await register(receiver.url, ['thread.created']);
    const { group, owner } = await createGroup(ctx);
    await createThread(ctx, owner, group);
    await ctx.settle();
    await worker().settle();
    const [first] = await deliveries(webhook.id);
    expect(first).to.include({ status: 'pending', attempts: 1, responseStatus: 503, error: 'HTTP 503' });
    expect(new Date(first!.nextAttemptAt).getTime()).to.be.greaterThan(Date.now() - 1000);

    // Written more than a day ago: the next failure is the last.
    await ctx.database.exec(
      `UPDATE webhook_deliveries SET created_at = now() - interval '25 hours', available_at = now()`,
    );
    await worker().settle();
    const [last] = await deliveries(webhook.id);
    expect(last).to.include({ status: 'failed', attempts: 2, nextAttemptAt: null });
    expect(await countPendingDeliveries(ctx.database.db)).to.equal(0);

    // The scheduled job forgets concluded deliveries older than its limit, not younger ones.
    await pruneDeliveries(ctx.database.db, new Date(Date.now() - 26 * 3600_000));
    expect(await deliveries(webhook.id)).to.have.length(1);
    await pruneDeliveries(ctx.database.db, new Date(Date.now() - 24 * 3600_000));
    expect(await deliveries(webhook.id)).to.have.length(0);
  });

  it('replays a delivery as a new one with the same body, and sends a test ping', async () => {
    receiver = await startReceiver();
    const { webhook, secret } = await register(receiver.url, ['thread.created']);
    const { group, owner } = await createGroup(ctx);
    await createThread(ctx, owner, group);
    await ctx.settle();
    await worker().settle();
    const [original] = await deliveries(webhook.id);

    const replay = await request(ctx.app)
      .post(`/api/v1/webhooks/${webhook.id}/deliveries/${original!.id}/replay`)
      .set('Authorization', `Bearer ${token}`)
      .expect(202);
    expect(replay.body.delivery).to.include({ status: 'pending', replayOf: original!.id, event: 'thread.created' });
    await worker().settle();
    expect(receiver.received).to.have.length(2);
    expect(receiver.received[1]!.body).to.equal(receiver.received[0]!.body);
    expect(receiver.received[1]!.headers['x-retispi-delivery']).to.equal(String(replay.body.delivery.id));

    // A delivery of another webhook is not found through this one.
    const other = await register(receiver.url, ['post.created']);
    await request(ctx.app)
      .post(`/api/v1/webhooks/${other.webhook.id}/deliveries/${original!.id}/replay`)
      .set('Authorization', `Bearer ${token}`)
      .expect(404);

    const { sendPing } = await import('../../../server/features/webhooks/webhooks.service.ts');
    const admin = await createUser(ctx, { role: 'admin' });
    await sendPing(ctx, { ...admin, role: 'admin' } as Express.User, webhook.id);
    await worker().settle();
    const ping = receiver.received[2]!;
    expect(ping.json.type).to.equal('webhook.ping');
    expect(ping.headers['x-retispi-event']).to.equal('webhook.ping');
    expect(verifySignature(secret, String(ping.headers['x-retispi-signature']), ping.body)).to.equal(true);
  });

  it('never sends private content: closed and private groups, unpublished practices, content private to its actor', async () => {
    receiver = await startReceiver();
    const { webhook } = await register(receiver.url, [
      'thread.created',
      'post.created',
      'event.published',
      'practice.published',
      'course.published',
    ]);
    const { group: closed, owner } = await createGroup(ctx, { visibility: 'closed' });
    const { group: secret } = await createGroup(ctx, { visibility: 'private', owner });
    const { group: open } = await createGroup(ctx, { visibility: 'public', owner });
    await createThread(ctx, owner, closed, { title: 'Riservato chiuso' });
    await createThread(ctx, owner, secret, { title: 'Riservato privato' });
    const db = ctx.database.db;
    const content = { actorId: owner.id, title: 'Riservato', url: '/x' };
    await ctx.bus.record(db, 'event.published', { ...content, objectId: 1, groupId: secret.id });
    await ctx.bus.record(db, 'event.published', { ...content, objectId: 2, groupId: closed.id });
    await ctx.bus.record(db, 'course.published', { ...content, objectId: 3, privateToActor: true });
    // No such practice is published (a practice that is not, or no longer, public).
    await ctx.bus.record(db, 'practice.published', { ...content, objectId: 999_999 });
    // What is public goes out.
    await createThread(ctx, owner, open, { title: 'Pubblico' });
    await ctx.bus.record(db, 'event.published', {
      ...content,
      title: 'Convegno aperto',
      objectId: 4,
      groupId: open.id,
    });
    await ctx.bus.record(db, 'event.published', { ...content, title: 'Webinar', objectId: 5 });
    await ctx.settle();
    await worker().settle();

    const sent = receiver.received.map((r) => `${r.json.type}:${r.json.data.title}`).sort();
    expect(sent).to.deep.equal([
      'event.published:Convegno aperto',
      'event.published:Webinar',
      'thread.created:Pubblico',
    ]);
    expect(receiver.received.map((r) => r.body).join('')).not.to.include('Riservato');
    expect(await deliveries(webhook.id)).to.have.length(3);
  });

  it('sends nothing to a disabled webhook, and only the kinds a webhook chose', async () => {
    receiver = await startReceiver();
    const { webhook } = await register(receiver.url, ['post.created']);
    const off = await register(receiver.url, ['thread.created']);
    await request(ctx.app)
      .patch(`/api/v1/webhooks/${off.webhook.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ enabled: false })
      .expect(200);
    const { group, owner } = await createGroup(ctx);
    await createThread(ctx, owner, group);
    await ctx.settle();
    await worker().settle();
    expect(receiver.received).to.have.length(0);
    expect(await deliveries(webhook.id)).to.have.length(0);
    expect(await deliveries(off.webhook.id)).to.have.length(0);
  });

  it('delivers after a restart what the stopped app had recorded and not sent', async () => {
    receiver = await startReceiver();
    await register(receiver.url, ['thread.created']);
    const { group, owner } = await createGroup(ctx);
    await createThread(ctx, owner, group, { title: 'Prima del riavvio' });
    await ctx.settle(); // a delivery row, pending: no worker ran
    await ctx.dispatcher.stop();
    await createThread(ctx, owner, group, { title: 'Durante il riavvio' }); // an event still in the outbox
    expect(await countPendingDeliveries(ctx.database.db)).to.equal(1);
    expect(receiver.received).to.have.length(0);

    // A new process on the same database: its own bus, subscribers, dispatcher and worker.
    const config = testConfig({ WEBHOOK_RETRY_BASE_MS: '50' });
    const log = pino({ level: 'silent' });
    const bus = new EventBus(log);
    const deps: Deps = { config, log, database: ctx.database, bus, mailer: createMailer(config, ctx.database, log) };
    registerSubscribers(deps);
    const dispatcher = createDispatcher(deps, { pollMs: 50 });
    await dispatcher.start();
    try {
      worker(deps).start();
      await until('both deliveries', () => receiver!.received.length === 2, 20_000);
      await until('the outbox to be empty', async () => (await countUndelivered(ctx.database.db)) === 0, 20_000);
    } finally {
      await dispatcher.stop();
    }
    expect(receiver.received.map((r) => r.json.data.title).sort()).to.deep.equal([
      'Durante il riavvio',
      'Prima del riavvio',
    ]);
    expect(await countPendingDeliveries(ctx.database.db)).to.equal(0);
  });

  it('is woken by the deliveries its process writes, without waiting for its next poll', async () => {
    receiver = await startReceiver();
    await register(receiver.url, ['thread.created']);
    const w = createWebhookWorker(ctx, { pollMs: 600_000 });
    workers.push(w);
    w.start();
    await w.settle(); // the start's pass is over; the next poll is ten minutes away
    const { group, owner } = await createGroup(ctx);
    await createThread(ctx, owner, group);
    await ctx.settle();
    await until('the delivery', () => receiver!.received.length === 1, 5_000);
  });

  it('never sends one delivery twice when two workers claim side by side', async () => {
    receiver = await startReceiver();
    const { webhook } = await register(receiver.url, ['thread.created', 'post.created']);
    const { group, owner } = await createGroup(ctx);
    for (let i = 0; i < 12; i++) await createThread(ctx, owner, group, { title: `Discussione ${i}` });
    await ctx.settle();
    const total = (await deliveries(webhook.id)).length;
    expect(total).to.equal(12);
    await Promise.all([worker().settle(), worker().settle(), worker().settle()]);
    const ids = receiver.received.map((r) => r.headers['x-retispi-delivery']);
    expect(ids).to.have.length(12);
    expect(new Set(ids).size).to.equal(12);
    expect((await deliveries(webhook.id)).every((d) => d.status === 'delivered' && d.attempts === 1)).to.equal(true);
  });
});
