// Findings 1 and 2: text a member may post (accepted with 201) must not let one request, or the
// notifications a post sends after its response, hold the event loop for seconds. Before the fix
// the quote of "a" + "\n"×99,990 + "b" blocked the process 6.6 s on every anonymous page load, and
// the notification excerpt of "["×99,999 4.5 s. The bound here is loose (a loaded CI machine), the
// failures it guards against are not.
import { expect } from 'chai';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import request from 'supertest';
import { createGroup, createThread, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken } from '../../helpers/http.ts';

const LONGEST_BLOCK_MS = 1_000;

/** Runs `work` and returns the longest time the event loop was held meanwhile, in ms. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

describe('security: posts that used to block the server', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  async function postedBy(body: string) {
    const member = await createUser(ctx);
    const follower = await createUser(ctx);
    const { group } = await createGroup(ctx, { visibility: 'public', members: [member, follower] });
    const { thread } = await createThread(ctx, follower, group); // the author follows the thread
    const token = await apiToken(ctx.app, member.email, member.password);
    const reply = await request(ctx.app)
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set('Authorization', `Bearer ${token}`)
      .send({ body });
    expect(reply.status).to.equal(201);
    return { thread, follower, postId: (reply.body.post?.id ?? reply.body.id) as number };
  }

  it('quotes a post of 99,990 line breaks on an anonymous page without holding the event loop (finding 1)', async () => {
    const { thread, postId } = await postedBy(`a${'\n'.repeat(99_990)}b`);
    expect(postId).to.be.a('number');
    const blocked = await longestBlock(async () => {
      for (let i = 0; i < 3; i++) await request(ctx.app).get(`/discussioni/${thread.id}?cita=${postId}`).expect(200);
    });
    expect(blocked).to.be.below(LONGEST_BLOCK_MS);
  });

  it('writes the notification excerpt of "["×99,999 without holding the event loop (finding 2)', async () => {
    let follower: { id: number } | undefined;
    const blocked = await longestBlock(async () => {
      ({ follower } = await postedBy('['.repeat(99_999)));
      // The notification is written after the response: wait until it is there.
      for (let i = 0; i < 200; i++) {
        const rows = await ctx.database.query('SELECT 1 FROM notifications WHERE user_id = $1', [follower.id]);
        if (rows.length) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('no notification written');
    });
    expect(blocked).to.be.below(LONGEST_BLOCK_MS);
  });
});
