import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { testContext } from './test/helpers/context.ts';
import { createUser } from './test/factories.ts';
import { insertGroup } from './models/queries/groups.ts';
import { notifications, outbox, posts, threads } from './models/schema.ts';

it('axe notifications', async function () {
  this.timeout(120_000);
  const ctx = await testContext();
  const admin = await createUser(ctx, { name: 'Ada Admin', role: 'admin' });
  const author = await createUser(ctx, { name: 'Luca Verdi' });
  const group = await insertGroup(ctx.database.db, { slug: 'comunita-spi', name: 'Comunità SPI', visibility: 'public' });
  const [thread] = await ctx.database.db.insert(threads).values({ groupId: group.id, authorId: author.id, title: 'Garanzia Giovani' }).returning();
  const [post] = await ctx.database.db.insert(posts).values({ threadId: thread!.id, authorId: author.id, position: 1, sortPath: '1', body: 'Ciao @ada.admin, che ne pensi del **nuovo** avviso?', bodyHtml: '' }).returning();
  ctx.bus.publish('post.created', { postId: post!.id, threadId: thread!.id, groupId: group.id, authorId: author.id, parentId: null, parentAuthorId: null, mentionedUserIds: [admin.id], isFirstPost: true });
  ctx.bus.publish('member.requested', { groupId: group.id, userId: author.id });
  await ctx.bus.drain();
  await ctx.database.db.insert(notifications).values({ userId: admin.id, kind: 'join_approved', data: { groupName: 'Rete degli osservatori', groupSlug: 'rete' }, readAt: new Date() });
  await ctx.database.db.insert(outbox).values({ toAddress: 'x@y.it', subject: 'Prova errore', textBody: 'riga 1\nriga 2', error: 'connect ECONNREFUSED' });
  const server = http.createServer(ctx.app).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('console', (m) => m.type() === 'error' && console.log('CONSOLE', m.text()));
  await page.goto(`${base}/accedi`);
  await page.fill('#f-email', admin.email);
  await page.fill('#f-password', admin.password);
  await page.click('main button[type=submit]');
  await page.waitForLoadState('networkidle');
  for (const path of ['/', '/notifiche', '/admin/outbox']) {
    await page.goto(`${base}${path}`);
    if (path === '/admin/outbox') await page.click('summary >> nth=0');
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    console.log(path, r.violations.map((v) => `${v.id} ${v.impact} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    await page.screenshot({ path: `/tmp/notif${path.replace(/\//g, '_')}.png`, fullPage: true });
  }
  await browser.close();
  server.close();
});
