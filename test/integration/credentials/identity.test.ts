// Who a credential names: the person's name always; their e-mail, as a salted SHA-256 hash, only if
// they choose it (/libretto/visibilita). The hash is published with its salt, so whoever holds the
// credential can test a guessed address against it: a conscious, documented choice, off by default.
// Without it, an import recognises the person by name.
import { expect } from 'chai';
import request from 'supertest';
import { identifiesEmail } from '../../../server/features/credentials/credentials.format.ts';
import { createUser } from '../../factories.ts';
import type { TestContext } from '../../helpers/context.ts';
import { formToken, signedInAgent } from '../../helpers/http.ts';
import {
  bearer,
  credentialContext,
  credentialsOf,
  insertCompetence,
  validateCompetence,
  type Person,
} from './support.ts';

describe('the identity a credential carries', () => {
  let ctx: TestContext;
  let learner: Person;
  let assessor: Person;

  const issue = async (code: string) => {
    const competenceId = await insertCompetence(ctx, { code, title: `Competenza ${code}` });
    await validateCompetence(ctx, { userId: learner.id, competenceId, assessorId: assessor.id, level: 3 });
    await ctx.settle();
    return (await credentialsOf(ctx, learner.id)).find((c) => c.achievementTitle === `Competenza ${code}`)!;
  };
  const identifiers = (c: { credential: Record<string, any> }) =>
    c.credential.credentialSubject.identifier.map((i: { identityType: string }) => i.identityType);

  beforeEach(async () => {
    ctx = await credentialContext();
    learner = await createUser(ctx, { name: 'Giulia Bianchi' });
    assessor = await createUser(ctx, { role: 'animator' });
  });

  it('names the person, without their e-mail in any form, unless they choose it', async () => {
    const plain = await issue('SPI.ACC.01');
    expect(identifiers(plain)).to.deep.equal(['name']);
    expect(identifiesEmail(plain.credential.credentialSubject, learner.email)).to.equal(false);
    expect(JSON.stringify(plain.credential)).not.to.match(/sha256\$|salt|emailAddress/);
    // Imported here by its person: recognised by name.
    const res = await request(ctx.app)
      .post('/api/v1/credentials/import')
      .set(await bearer(ctx, learner))
      .send({ credentials: [{ token: plain.token }] })
      .expect(201);
    expect(res.body.results[0]).to.deep.include({ stored: true, subject: { name: 'Giulia Bianchi', match: 'name' } });
  });

  it('carries the salted hash of the e-mail from when the person chooses it, saying what that means', async () => {
    const agent = await signedInAgent(ctx.app, learner.email, learner.password);
    const form = await agent.get('/libretto/visibilita').expect(200);
    expect(form.text).to.contain('name="emailInCredentials"').and.to.contain('sale');
    expect(form.text).not.to.match(/name="emailInCredentials"[^>]*checked/);
    await agent
      .post('/libretto/visibilita')
      .type('form')
      .send({ _csrf: await formToken(agent, '/libretto/visibilita'), emailInCredentials: 'on' })
      .expect(303);
    expect((await agent.get('/libretto/visibilita').expect(200)).text).to.match(
      /name="emailInCredentials"[^>]*checked/,
    );
    const hashed = await issue('SPI.ORI.02');
    expect(identifiers(hashed)).to.deep.equal(['name', 'emailAddress']);
    expect(identifiesEmail(hashed.credential.credentialSubject, learner.email)).to.equal(true);
    expect(JSON.stringify(hashed.credential)).not.to.contain(learner.email);
    // The person's credentials page says what the hash allows.
    const mine = await agent.get('/libretto/credenziali').expect(200);
    expect(mine.text).to.contain('indirizzo che conosce o indovina');
  });
});
