// A credential in the activity feed: announced to everyone only while its person shows their
// credentials, taken back when they hide them (back again when they show them), and for good when an
// administrator revokes it — on the feed page of the person, their profile and the feed API.
import { expect } from 'chai';
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { activities, bookletVisibility } from '../../../models/schema.ts';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import { formToken, signedInAgent } from '../../helpers/http.ts';
import {
  bearer,
  completeCourse,
  credentialContext,
  credentialsOf,
  importSampleCourse,
  type Person,
} from './support.ts';

describe('credentials in the activity feed', () => {
  let ctx: TestContext;
  let learner: Person;
  let url: string;

  /** Where an anonymous visitor could find the credential's address: the person's feed, their profile, the feed API. */
  const publicPlaces = async () => {
    const feed = await request(ctx.app).get(`/attivita?membro=${learner.id}`).expect(200);
    const profile = await request(ctx.app).get(`/membri/${learner.id}`).expect(200);
    const api = await request(ctx.app).get('/api/v1/feed').expect(200);
    return {
      feed: feed.text.includes(url),
      profile: profile.text.includes(url),
      api: JSON.stringify(api.body).includes(url),
    };
  };
  const shown = { feed: true, profile: true, api: true };
  const nowhere = { feed: false, profile: false, api: false };

  /** The person's choice on /libretto/visibilita, as the form sends it (a box left unticked is absent). */
  const choose = async (showCredentials: boolean) => {
    const agent = await signedInAgent(ctx.app, learner.email, learner.password);
    await agent
      .post('/libretto/visibilita')
      .type('form')
      .send({
        _csrf: await formToken(agent, '/libretto/visibilita'),
        ...(showCredentials ? { showCredentials: 'on' } : {}),
      })
      .expect(303);
    await ctx.settle();
  };

  beforeEach(async () => {
    ctx = await credentialContext();
    learner = await createUser(ctx, { name: 'Giulia Bianchi' });
    await ctx.database.db.insert(bookletVisibility).values({ userId: learner.id, showCredentials: true });
    await importSampleCourse(ctx);
    await completeCourse(ctx, learner);
    const [row] = await credentialsOf(ctx, learner.id);
    url = `/credenziali/${row!.id}`;
  });

  it('leaves the public feeds when the person hides their credentials, and comes back when they show them', async () => {
    expect(await publicPlaces()).to.deep.equal(shown);
    await choose(false);
    expect(await publicPlaces()).to.deep.equal(nowhere);
    await choose(true);
    expect(await publicPlaces()).to.deep.equal(shown);
  });

  it('leaves the feeds for good when an administrator revokes it, whatever the person shows later', async () => {
    const admin = await createUser(ctx, { role: 'admin' });
    const id = url.split('/').pop();
    await request(ctx.app)
      .post(`/api/v1/credentials/${id}/revoke`)
      .set(await bearer(ctx, admin))
      .send({ reason: 'Rilasciata per errore' })
      .expect(200);
    await ctx.settle();
    expect((await publicPlaces()).feed).to.equal(false);
    expect((await publicPlaces()).api).to.equal(false);
    await choose(false);
    await choose(true);
    expect((await publicPlaces()).feed).to.equal(false);
    expect((await publicPlaces()).api).to.equal(false);

    // Its issue delivered only now (a retry after the revocation): stored, but hidden.
    await ctx.database.db.transaction((tx) =>
      ctx.bus.record(tx, 'credential.issued', { actorId: learner.id, objectId: 1, title: 'Corso', url }),
    );
    await ctx.settle();
    const rows = await ctx.database.db.select().from(activities).where(eq(activities.objectUrl, url));
    expect(rows.map((r) => [r.audience, r.hidden])).to.deep.equal([
      ['public', true],
      ['public', true],
    ]);
    expect((await publicPlaces()).api).to.equal(false);
  });
});
