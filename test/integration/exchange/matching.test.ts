import { expect } from 'chai';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { signedInAgent } from '../../helpers/http.ts';
import { auth, createPost, insertPractice, member, type Member } from './helpers.ts';

const decode = (href: string) => href.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');

type Reason = { code: string; text: string; words?: string[]; theme?: string; region?: string };
type MatchJson = { kind: string; id?: number; slug?: string; title: string; score: number; reasons: Reason[] };

const matchesOf = async (ctx: TestContext, id: number, who?: Member): Promise<MatchJson[]> => {
  const req = request(ctx.app).get(`/api/v1/exchange/${id}/matches`);
  return (await (who ? req.set(auth(who)) : req).expect(200)).body.matches;
};

const OVER50 = {
  kind: 'offro',
  title: 'Offriamo il nostro percorso di accoglienza dei disoccupati over 50',
  description:
    'Il CPI accoglie i disoccupati over 50 con un colloquio di accoglienza, il bilancio delle competenze e un piano di riqualificazione con le imprese.',
  theme: 'servizi-impiego',
  region: 'Calabria',
};

describe('Cerco / Offro matching', function () {
  this.timeout(30_000);
  let ctx: TestContext;
  let seeker: Member;
  let offerer: Member;

  beforeEach(async () => {
    ctx = await testContext();
    seeker = await member(ctx, 'CPI di Vibo Valentia');
    offerer = await member(ctx, 'CPI di Firenze');
  });

  it('ranks the opposite post first and says why: theme, region, shared words as written', async () => {
    const offer = await createPost(ctx, offerer, OVER50);
    // Distractors: same theme but another subject; an unrelated offer; a "cerco" (same kind as the seeker's).
    const weak = await createPost(ctx, offerer, {
      kind: 'offro',
      title: 'Offriamo un cruscotto per i dati delle comunicazioni obbligatorie',
      description: 'Un cruscotto con i dati delle assunzioni per provincia e settore.',
      region: 'Lombardia',
    });
    await createPost(ctx, offerer, { kind: 'cerco', title: 'Cerchiamo anche noi accoglienza over 50' });
    const seek = await createPost(ctx, seeker);

    const matches = await matchesOf(ctx, seek.id);
    expect(matches.map((m) => m.id)).to.deep.equal([offer.id, weak.id]);
    const [best] = matches;
    expect(best).to.include({ kind: 'exchange', id: offer.id, title: OVER50.title });
    expect(best!.score).to.be.a('number').within(0.5, 1);
    expect(matches[1]!.score).to.be.below(best!.score);
    const codes = best!.reasons.map((r) => r.code);
    expect(codes).to.deep.equal(['same_theme', 'same_region', 'common_words']);
    expect(best!.reasons[0]).to.include({ text: "stesso tema (Servizi per l'impiego)" });
    expect(best!.reasons[1]).to.include({ text: 'stessa regione (Calabria)', region: 'Calabria' });
    const words = best!.reasons[2]!.words!;
    expect(words).to.include('accoglienza');
    expect(words.filter((w) => w.endsWith('over 50'))).to.have.length(1);
    // Words that only say what a post is never count as a reason.
    expect(words.join(' ')).not.to.match(/cerch|offri/);
    expect(best!.reasons[2]!.text).to.match(/^parole in comune: .*over 50/);
    // The same seen from the offer: the seeker's post ranks first, with its own reasons.
    const back = await matchesOf(ctx, offer.id);
    expect(back[0]).to.include({ kind: 'exchange', id: seek.id });
    const en = await request(ctx.app).get(`/api/v1/exchange/${seek.id}/matches?lang=en`).expect(200);
    expect(en.body.matches[0].reasons[0].text).to.equal('same theme (Employment services)');
  });

  it('leaves out the own administration’s posts, closed and expired ones', async () => {
    const colleague = await member(ctx, 'CPI di Vibo Valentia');
    await createPost(ctx, colleague, OVER50);
    const closed = await createPost(ctx, offerer, OVER50);
    const expired = await createPost(ctx, offerer, OVER50);
    await request(ctx.app).patch(`/api/v1/exchange/${closed.id}`).set(auth(offerer)).send({ closed: true }).expect(200);
    await ctx.database.exec(
      `UPDATE exchange_posts SET expires_at = now() - interval '1 hour' WHERE id = ${expired.id}`,
    );
    const seek = await createPost(ctx, seeker);
    expect(await matchesOf(ctx, seek.id)).to.deep.equal([]);
    await request(ctx.app).get(`/api/v1/exchange/${expired.id}/matches`).expect(404);
  });

  it('matches published practices of other administrations, never drafts', async () => {
    const owner = await member(ctx, 'Comune di Firenze');
    await insertPractice(ctx, owner, {
      slug: 'accoglienza-over-50',
      title: 'Accoglienza e riqualificazione dei disoccupati over 50',
      summary: 'Un percorso di accoglienza e bilancio delle competenze per le persone over 50.',
      region: 'Toscana',
    });
    await insertPractice(ctx, owner, { slug: 'bozza', title: 'Accoglienza over 50 (bozza)' }, 'draft');
    await insertPractice(ctx, seeker, { slug: 'nostra', title: 'La nostra accoglienza over 50' });
    const seek = await createPost(ctx, seeker);
    const matches = await matchesOf(ctx, seek.id);
    expect(matches.map((m) => [m.kind, m.slug])).to.deep.equal([['practice', 'accoglienza-over-50']]);
    expect(matches[0]!.reasons.find((r) => r.code === 'common_words')!.words!.join(', ')).to.contain('over 50');
    expect(matches[0]).not.to.have.property('id');
  });

  it('matches Italian word forms through stemming ("tirocinio" and "tirocini")', async () => {
    const offer = await createPost(ctx, offerer, {
      kind: 'offro',
      title: 'Offriamo tirocini estivi nelle biblioteche comunali',
      description: 'Tirocini estivi per studenti nelle biblioteche.',
      theme: 'formazione',
      region: 'Toscana',
    });
    const seek = await createPost(ctx, seeker, {
      title: 'Cerchiamo un tirocinio estivo in biblioteca',
      description: 'Un tirocinio estivo per i nostri studenti.',
      theme: 'orientamento',
      region: 'Puglia',
    });
    const [best] = await matchesOf(ctx, seek.id);
    expect(best).to.include({ kind: 'exchange', id: offer.id });
    expect(best!.reasons.map((r) => r.code)).to.deep.equal(['common_words']);
    // Neighbouring shared words stay together, as the seeker wrote them.
    expect(best!.reasons[0]!.words).to.include('tirocinio estivo');
    expect(best!.reasons[0]!.words!.join(' ')).to.contain('bibliotec');
  });

  it('shows the matches on the post’s page, with "Contatta" links for its author only', async () => {
    const offer = await createPost(ctx, offerer, OVER50);
    const seek = await createPost(ctx, seeker);
    const agent = await signedInAgent(ctx.app, seeker.email, seeker.password);
    const page = await agent.get(`/cerco-offro/${seek.id}`).expect(200);
    expect(page.text)
      .to.contain(OVER50.title)
      .and.match(/Affinità \d+%/);
    expect(page.text).to.contain('parole in comune:');
    const hrefs = [...page.text.matchAll(/href="([^"]*messaggi-privati\/nuova[^"]*)"/g)].map((m) => decode(m[1]!));
    expect(hrefs).to.deep.equal([`/messaggi-privati/nuova?a=${offerer.id}&post=${seek.id}&match=exchange:${offer.id}`]);
    const anonymous = await request(ctx.app).get(`/cerco-offro/${seek.id}`).expect(200);
    expect(anonymous.text).to.contain(OVER50.title).and.not.to.contain('/messaggi-privati/nuova?a=');
    const visitor = await signedInAgent(ctx.app, offerer.email, offerer.password);
    const seen = await visitor.get(`/cerco-offro/${seek.id}`).expect(200);
    const own = [...seen.text.matchAll(/href="([^"]*messaggi-privati\/nuova[^"]*)"/g)].map((m) => decode(m[1]!));
    expect(own).to.deep.equal([`/messaggi-privati/nuova?a=${seeker.id}&post=${seek.id}`]);
  });

  it('tells the authors of strong matches about a new post, once, and not those of weak ones', async () => {
    const weakAuthor = await member(ctx, 'Regione Puglia');
    const owner = await member(ctx, 'Comune di Firenze');
    await createPost(ctx, offerer, OVER50);
    await createPost(ctx, weakAuthor, {
      kind: 'offro',
      title: 'Offriamo un cruscotto per i dati delle comunicazioni obbligatorie',
      description: 'Un cruscotto con i dati delle assunzioni per provincia e settore.',
      region: 'Lombardia',
    });
    await insertPractice(ctx, owner, {
      slug: 'accoglienza-over-50',
      title: 'Accoglienza dei disoccupati over 50',
      summary: 'Colloquio di accoglienza e bilancio delle competenze per i disoccupati over 50.',
      region: 'Calabria',
    });
    await ctx.settle();
    await ctx.database.exec('DELETE FROM notifications');
    const seek = await createPost(ctx, seeker);
    await ctx.settle();
    const rows = await ctx.database.query<{ user_id: number; kind: string; data: { url: string; title: string } }>(
      'SELECT user_id, kind, data FROM notifications ORDER BY user_id',
    );
    expect(rows.map((r) => [r.user_id, r.kind])).to.deep.equal([
      [offerer.id, 'exchange_match'],
      [owner.id, 'exchange_practice_match'],
    ]);
    expect(rows[0]!.data).to.include({
      url: `/cerco-offro/${seek.id}`,
      title: 'Cerchiamo un modello di accoglienza per disoccupati over 50',
    });
    const bell = await request(ctx.app).get('/api/v1/notifications').set(auth(offerer)).expect(200);
    expect(JSON.stringify(bell.body)).to.contain('affine a un tuo annuncio');
    const mails = await ctx.database.query<{ to_address: string }>('SELECT to_address FROM outbox');
    expect(mails.map((m) => m.to_address))
      .to.include(offerer.email)
      .and.include(owner.email);
    expect(mails.map((m) => m.to_address)).not.to.include(weakAuthor.email);
    // Delivered again (after a crash, say): nobody is told twice.
    await ctx.database.exec(
      `UPDATE domain_events SET dispatched_at = NULL, available_at = now()
        WHERE type = 'exchange.posted' AND payload->>'objectId' = '${seek.id}'`,
    );
    await ctx.settle();
    const again = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications');
    expect(again[0]!.n).to.equal(2);
  });
});
