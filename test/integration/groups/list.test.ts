// /gruppi lists the groups a page at a time (the regional data set has 300), with the total and the
// links between pages keeping the order; the API still gives every group at once.
import { expect } from 'chai';
import request from 'supertest';
import { createGroup, createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';

describe('The groups list', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await testContext();
  });

  it('shows 24 groups a page, the total, and pages that keep the order', async function () {
    this.timeout(60_000);
    const owner = await createUser(ctx, { role: 'animator' });
    for (let i = 1; i <= 30; i++) await createGroup(ctx, { owner, name: `Gruppo ${String(i).padStart(2, '0')}` });
    await createGroup(ctx, { owner, name: 'Tavolo riservato', visibility: 'private' });
    const names = (html: string) =>
      [...html.matchAll(/<h2 class="card-title h5"><a href="\/gruppi\/[^"]+">([^<]+)</g)].map((m) => m[1]);

    const first = (await request(ctx.app).get('/gruppi?ordine=nome').expect(200)).text;
    expect(names(first)).to.have.length(24);
    expect(names(first)[0]).to.equal('Gruppo 01');
    expect(first).to.contain('30 gruppi');
    // (Handlebars writes = as &#x3D; in attributes.)
    expect(first.replaceAll('&#x3D;', '=')).to.contain('href="/gruppi?ordine=nome&amp;page=2"');
    const second = (await request(ctx.app).get('/gruppi?ordine=nome&page=2').expect(200)).text;
    expect(names(second)).to.deep.equal(['Gruppo 25', 'Gruppo 26', 'Gruppo 27', 'Gruppo 28', 'Gruppo 29', 'Gruppo 30']);
    // Past the end: an empty page with the total; a page that is not a number: the first.
    const beyond = (await request(ctx.app).get('/gruppi?page=9').expect(200)).text;
    expect(names(beyond)).to.have.length(0);
    expect(beyond).to.contain('30 gruppi');
    expect(names((await request(ctx.app).get('/gruppi?page=due').expect(200)).text)).to.have.length(24);

    // The API: every group the reader may know exists, at once.
    const api = await request(ctx.app).get('/api/v1/groups').expect(200);
    expect(api.body.groups).to.have.length(30);
  });
});
