import { expect } from 'chai';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { importCourses } from '../../../server/features/courses/courses.import.ts';
import { createUser } from '../../factories.ts';
import { findCourseBySlug } from '../../../models/queries/courses.ts';
import { findGroupById } from '../../../models/queries/groups.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { removeMember } from '../../../server/features/groups/groups.service.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { writeCourses } from '../../helpers/courses.ts';
import { apiToken } from '../../helpers/http.ts';
import { client, next, startLive, subscribe, type Live } from '../../helpers/live.ts';

describe('live course rooms', () => {
  let ctx: TestContext;
  let live: Live;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    ctx = await testContext();
    live = await startLive(ctx);
    await importCourses(ctx, await writeCourses([{}]));
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await live.close();
  });
  const connectAs = async (user: { email: string; password: string }) => {
    const socket = await client(live.url, { token: await apiToken(ctx.app, user.email, user.password) });
    sockets.push(socket);
    return socket;
  };

  it('lets learners follow their course live, and answers not_found to everyone else', async () => {
    const learner = await createUser(ctx);
    const newcomer = await createUser(ctx);
    const outsider = await createUser(ctx);
    const admin = await createUser(ctx, { role: 'admin' });
    const token = await apiToken(ctx.app, learner.email, learner.password);
    await request(ctx.app).post('/api/v1/courses/corso-prova/enroll').set({ authorization: `Bearer ${token}` }).expect(200);
    // The learner's own enrolment is delivered first, so it cannot be taken for the newcomer's below.
    await ctx.settle();

    const stranger = await connectAs(outsider);
    expect(await subscribe(stranger, 'course:corso-prova')).to.deep.equal({ ok: false, error: 'not_found' });
    expect(await subscribe(stranger, 'course:non-esiste')).to.deep.equal({ ok: false, error: 'not_found' });

    const socket = await connectAs(learner);
    expect(await subscribe(socket, 'course:corso-prova')).to.include({ ok: true, room: 'course:corso-prova' });
    const item = next<{ type: string; room: string; actor: { name: string } }>(socket, 'activity', (a) => a.room === 'course:corso-prova');
    await request(ctx.app).post('/api/v1/courses/corso-prova/enroll').set({ authorization: `Bearer ${await apiToken(ctx.app, newcomer.email, newcomer.password)}` }).expect(200);
    const received = await item;
    expect(received).to.include({ type: 'course.enrolled' });
    expect(received.actor.name).to.equal(newcomer.name);

    // Removed from the course's private space: its room is closed to them too.
    const course = (await findCourseBySlug(ctx.database.db, 'corso-prova'))!;
    const space = (await findGroupById(ctx.database.db, course.groupId!))!;
    await removeMember(ctx, toSessionUser(admin), space.slug, newcomer.id, { reason: 'prova' });
    const late = await connectAs(newcomer);
    expect(await subscribe(late, 'course:corso-prova')).to.deep.equal({ ok: false, error: 'not_found' });
  });
});
