import { expect } from 'chai';
import request from 'supertest';
import { countUsers } from '../../models/queries/users.ts';
import { seedDemoIfEmpty, DEMO_PASSWORD } from '../../server/demo/seed.ts';
import { demoContent } from '../../server/demo/data.ts';
import { testContext } from '../helpers/context.ts';
import path from 'node:path';
import { ROOT_DIR } from '../../server/config.ts';
import { seedCourseDemo } from '../../server/demo/seed-courses.ts';
import { seedNewsletterDemo } from '../../server/demo/seed-newsletter.ts';
import { importCoursesOnFirstStart } from '../../server/features/courses/courses.import.ts';
import { demoConversations } from '../../server/demo/conversations-data.ts';
import { signedInAgent } from '../helpers/http.ts';

describe('demo content', () => {
  it('loads once into an empty database and makes the home page alive', async () => {
    const ctx = await testContext();
    expect(await seedDemoIfEmpty(ctx)).to.equal(true);
    const users = await countUsers(ctx.database.db);
    expect(users).to.equal(demoContent.members.length);
    expect(await seedDemoIfEmpty(ctx)).to.equal(false);
    expect(await countUsers(ctx.database.db)).to.equal(users);

    const home = await request(ctx.app).get('/').expect(200);
    for (const text of ['Comunità SPI', 'Rete degli osservatori', 'Ultimi iscritti'])
      expect(home.text).to.contain(text);
    // A private group never shows to anonymous visitors.
    const privateGroup = demoContent.groups.find((g) => g.visibility === 'private')!;
    expect(home.text).not.to.contain(privateGroup.name);
    const groups = await request(ctx.app).get('/gruppi').expect(200);
    expect(groups.text).not.to.contain(privateGroup.name);
    await request(ctx.app).get(`/gruppi/${privateGroup.slug}`).expect(404);
    for (const slug of [
      'regione-toscana',
      'comune-di-firenze',
      'regione-calabria',
      'comune-di-vibo-valentia',
      'provincia-di-teramo',
    ]) {
      await request(ctx.app).get(`/enti/${slug}`).expect(200);
    }
  });

  it('has accounts that sign in with the documented demo password, and group joins after registration', async () => {
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    const admin = demoContent.members.find((m) => m.role === 'admin')!;
    await request(ctx.app).post('/api/v1/auth/token').send({ email: admin.email, password: DEMO_PASSWORD }).expect(201);
    const early = await ctx.database.query(
      'SELECT 1 FROM group_memberships gm JOIN users u ON u.id = gm.user_id WHERE gm.created_at < u.created_at',
    );
    expect(early).to.have.length(0);
  });

  it('gives the courses a learning history: learners at every stage, a waiting list, a session held', async function () {
    this.timeout(60_000);
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    await importCoursesOnFirstStart(ctx, path.join(ROOT_DIR, 'courses'));
    // Every planned learner exists (a handle typo would silently leave someone out).
    expect(await seedCourseDemo(ctx)).to.deep.equal({ enrolments: 16, sessions: 5 });
    expect(await seedCourseDemo(ctx)).to.deep.equal({ enrolments: 0, sessions: 0 });
    const [row] = await ctx.database.query<{ completed: number; pending: number; waiting: number; attended: number }>(`
      SELECT (SELECT count(*)::int FROM course_enrolments WHERE completed_at IS NOT NULL) AS completed,
             (SELECT count(*)::int FROM course_enrolments WHERE status = 'pending') AS pending,
             (SELECT count(*)::int FROM event_registrations r JOIN calendar_events e ON e.id = r.event_id WHERE e.kind = 'course_session' AND r.status = 'waiting') AS waiting,
             (SELECT count(*)::int FROM event_registrations r JOIN calendar_events e ON e.id = r.event_id WHERE e.kind = 'course_session' AND r.attended) AS attended`);
    expect(row).to.deep.equal({ completed: 3, pending: 2, waiting: 1, attended: 2 });
    const page = await request(ctx.app).get('/eventi').expect(200);
    expect(page.text).to.contain('Laboratorio: l&#x27;age management con le imprese del territorio');
    // The calendar's own demo: past and upcoming events of every kind, one full with a waiting list.
    const events = await ctx.database.query<{ kind: string; past: boolean; waiting: number }>(`
      SELECT e.kind, e.starts_at < now() AS past,
             (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waiting') AS waiting
      FROM calendar_events e WHERE e.kind <> 'course_session'`);
    expect(new Set(events.map((e) => e.kind))).to.deep.equal(
      new Set(['regional', 'interregional', 'workshop', 'webinar', 'open_day']),
    );
    expect(events.filter((e) => e.kind === 'regional')).to.have.length(6);
    expect(events.some((e) => e.past) && events.some((e) => !e.past)).to.equal(true);
    expect(events.filter((e) => e.waiting > 0).map((e) => e.waiting)).to.deep.equal([2]);
    expect(page.text).to.contain('Il sistema qualità nei Centri per l’Impiego pugliesi');
  });
});

describe('demo private conversations', () => {
  it('seeds every planned conversation, private to its participants, with something unread for Laura', async () => {
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    const rows = await ctx.database.query<{ subject: string; people: number; messages: number }>(`
      SELECT c.subject, (SELECT count(*)::int FROM conversation_participants p WHERE p.conversation_id = c.id) AS people,
             (SELECT count(*)::int FROM conversation_messages m WHERE m.conversation_id = c.id) AS messages
      FROM conversations c ORDER BY c.id`);
    // Every participant's key exists (a typo would silently drop a conversation).
    expect(rows).to.deep.equal(
      demoConversations.map((c) => ({
        subject: c.subject,
        people: c.participants.length,
        messages: c.messages.length,
      })),
    );
    const member = (key: string) => demoContent.members.find((m) => m.key === key)!;
    const laura = await signedInAgent(ctx.app, member('laura.mannucci').email, DEMO_PASSWORD);
    const list = await laura.get('/messaggi-privati').expect(200);
    expect(list.text).to.contain('Sportello integrato sociale-lavoro').and.contain('1 non letto');
    expect(list.text).to.contain('data-unread-messages-count>1<');
    // Someone else sees none of it.
    const other = await signedInAgent(ctx.app, member('teresa.gallo').email, DEMO_PASSWORD);
    expect((await other.get('/messaggi-privati').expect(200)).text).not.to.contain(
      'Webinar sullo sportello unico Labor',
    );
  });
});

describe('demo newsletter', () => {
  it('archives the last two months’ issues, assembled from the demo, with some members subscribed', async () => {
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    const first = await seedNewsletterDemo(ctx);
    expect(first.issues).to.equal(2);
    expect(first.subscribers).to.be.greaterThan(5);
    expect(await seedNewsletterDemo(ctx)).to.deep.equal({ issues: 0, subscribers: 0 });
    const archive = await request(ctx.app).get('/notiziario').expect(200);
    expect(archive.text).to.contain('Notiziario n. 1').and.contain('Notiziario n. 2');
    // Demo members joined over months: the latest issue names some of them.
    const issue = await request(ctx.app).get('/notiziario/2').expect(200);
    expect(issue.text).to.contain('Nuovi membri della comunità');
  });
});
