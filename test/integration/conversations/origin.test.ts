// Where a conversation comes from: the origin other features give it (local links only, "Proponi
// un gemellaggio" for a match), and the short /messaggi addresses, which lead here without taking
// discussion posts' permalinks (/messaggi/:id).
import { expect } from 'chai';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { startConversation } from '../../../server/features/conversations/conversations.service.ts';

type Person = Awaited<ReturnType<typeof createUser>>;

describe('private conversations: origin and addresses', () => {
  let ctx: TestContext;
  let laura: Person;
  let luca: Person;
  beforeEach(async () => {
    ctx = await testContext();
    laura = await createUser(ctx, { name: 'Laura Mannucci' });
    luca = await createUser(ctx, { name: 'Luca Di Pietro' });
  });

  it('keeps an origin given by another feature, with its local links and the twinning button', async () => {
    const { conversation } = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'Cerco e offro: accoglienza integrata',
      body: 'La vostra offerta risponde alla nostra richiesta.',
      origin: {
        kind: 'match',
        links: [
          { label: 'Cerco: accoglienza integrata', url: '/cerco-offro/12' },
          { label: 'Offro: sportello unico', url: '/cerco-offro/15' },
        ],
      },
    });
    const agent = await signedInAgent(ctx.app, luca.email, luca.password);
    const page = await agent.get(`/messaggi-privati/${conversation.id}`).expect(200);
    expect(page.text).to.contain('Nata da').and.contain('href="/cerco-offro/12"').and.contain('href="/cerco-offro/15"');
    expect(page.text).to.contain('href="/gemellaggi"').and.contain('Proponi un gemellaggio');
    // Links must stay on the site.
    for (const url of ['//evil.example/x', 'https://evil.example', '/\\evil', 'javascript:alert(1)']) {
      let status = 0;
      await startConversation(ctx, toSessionUser(laura), {
        recipientIds: [luca.id],
        subject: 'x',
        body: 'y',
        origin: { kind: 'practice', links: [{ label: 'x', url }] },
      }).catch((err: { status: number }) => (status = err.status));
      expect(status, url).to.equal(400);
    }
    // A plain conversation has neither.
    const plain = await startConversation(ctx, toSessionUser(laura), {
      recipientIds: [luca.id],
      subject: 'Semplice',
      body: 'z',
    });
    const other = await agent.get(`/messaggi-privati/${plain.conversation.id}`).expect(200);
    expect(other.text).not.to.contain('Nata da').and.not.to.contain('Proponi un gemellaggio');
  });

  it('leads the short /messaggi addresses here and leaves discussion permalinks alone', async () => {
    const agent = await signedInAgent(ctx.app, laura.email, laura.password);
    const res = await agent.get(`/messaggi/nuova?a=${luca.id}`).expect(301);
    expect(res.headers.location).to.equal(`/messaggi-privati/nuova?a=${luca.id}`);
    expect((await agent.get('/messaggi').expect(301)).headers.location).to.equal('/messaggi-privati');
    await agent.get('/messaggi/999999').expect(404);
    await request(ctx.app).get('/messaggi-privati').expect(303);
  });
});
