import { expect } from 'chai';
import { and, asc, eq } from 'drizzle-orm';
import request from 'supertest';
import { practiceVersions, type PracticeVersionDiff } from '../../../models/schema.ts';
import {
  computeVersionDiff,
  DIFF_BUDGET,
  type PracticeSnapshot,
} from '../../../server/features/practices/practices.versions.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { bearer, cast, practiceAt } from './helpers.ts';

/** `max` characters of pseudo-random words from `seed` (two seeds: two unrelated texts). */
function words(seed: number, max: number): string {
  let s = seed;
  const out: string[] = [];
  let length = 0;
  while (length < max - 10) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const word = `w${s % 5000}`;
    out.push(word);
    length += word.length + 1;
  }
  return out.join(' ');
}
/** Every long field near its maximum length. */
const long = (seed: number) => ({
  description: words(seed, 100_000),
  targetUsers: words(seed + 1, 5000),
  objectives: words(seed + 2, 5000),
  results: words(seed + 3, 10_000),
  resources: words(seed + 4, 5000),
  costs: words(seed + 5, 5000),
  reuseRequirements: words(seed + 6, 5000),
  components: Array.from({ length: 20 }, (_, i) => ({
    code: `C${i}`,
    title: 't',
    description: words(seed + 10 + i, 2000),
  })),
});

// A version's differences are computed once, when it is written, within one budget for the whole
// comparison, and stored: reading a version (anyone may, anonymously) never compares texts again.
describe('practices: version differences are computed once, within a budget, and stored', () => {
  let ctx: TestContext;
  let people: Awaited<ReturnType<typeof cast>>;
  beforeEach(async () => {
    ctx = await testContext();
    people = await cast(ctx);
  });

  const diffOf = async (practiceId: number, n: number) =>
    (
      await ctx.database.db
        .select({ diff: practiceVersions.diff })
        .from(practiceVersions)
        .where(and(eq(practiceVersions.practiceId, practiceId), eq(practiceVersions.version, n)))
        .orderBy(asc(practiceVersions.version))
    )[0]!.diff;
  const setDiff = (practiceId: number, n: number, diff: PracticeVersionDiff | null) =>
    ctx.database.db
      .update(practiceVersions)
      .set({ diff })
      .where(and(eq(practiceVersions.practiceId, practiceId), eq(practiceVersions.version, n)));

  it('stores each version’s diff when it is written, coded values in each language, and shows the stored one', async () => {
    const p = await practiceAt(ctx, 'published', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    expect(await diffOf(p.id, 1)).to.deep.equal({ tooLarge: false, fields: [], labelled: {} });
    const author = await bearer(ctx.app, people.author);
    await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(author)
      .send({ results: 'Duecentomila utenti formati dal 1998.', theme: 'servizi-impiego', note: 'Dati aggiornati.' })
      .expect(200);
    const stored = (await diffOf(p.id, 2)) as Extract<PracticeVersionDiff, { tooLarge: false }>;
    expect(stored.tooLarge).to.equal(false);
    expect(stored.fields.map((f) => f.field)).to.deep.equal(['results']);
    expect(stored.fields[0]!.parts).to.deep.include({ text: 'Duecentomila', added: true, removed: false });
    expect(stored.labelled.it).to.deep.equal([
      {
        field: 'theme',
        parts: [
          { text: 'Formazione', added: false, removed: true },
          { text: "Servizi per l'impiego", added: true, removed: false },
        ],
      },
    ]);
    expect(stored.labelled.en![0]!.parts.map((part) => part.text)).to.deep.equal(['Training', 'Employment services']);

    // The page shows what is stored (in the reader's language), and compares nothing itself.
    const en = await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni/2?lang=en`).expect(200);
    expect(en.text).to.contain('Employment services').and.contain('Duecentomila');
    await setDiff(p.id, 2, {
      tooLarge: false,
      fields: [{ field: 'summary', parts: [{ text: 'Differenza memorizzata', added: true, removed: false }] }],
      labelled: {},
    });
    const page = await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni/2`).expect(200);
    const diff = page.text.slice(
      page.text.indexOf('Modifiche rispetto'),
      page.text.indexOf('Il testo di questa versione'),
    );
    expect(diff).to.contain('Differenza memorizzata').and.contain('<dt>Sintesi</dt>').and.not.contain('Duecentomila');
  });

  it('computes the diff of a version written before diffs were stored on its first view, once', async () => {
    const p = await practiceAt(ctx, 'published', {
      author: people.author,
      validator: people.animator,
      org: people.org,
    });
    await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(await bearer(ctx.app, people.author))
      .send({ results: 'Duecentomila utenti formati dal 1998.' })
      .expect(200);
    await setDiff(p.id, 2, null);
    const page = await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni/2`).expect(200);
    expect(page.text).to.match(
      /<ins><span class="visually-hidden">\[aggiunto: <\/span>Duecentomila<span class="visually-hidden">\]<\/span><\/ins>/,
    );
    const filled = (await diffOf(p.id, 2)) as Extract<PracticeVersionDiff, { tooLarge: false }>;
    expect(filled.fields.map((f) => f.field)).to.deep.equal(['results']);
  });

  it('shows changes past the budget as too extensive, with links to both versions, the comparison stopping at its budget', async () => {
    const p = await practiceAt(
      ctx,
      'published',
      { author: people.author, validator: people.animator, org: people.org },
      long(1),
    );
    await request(ctx.app)
      .patch(`/api/v1/practices/${p.slug}`)
      .set(await bearer(ctx.app, people.author))
      .send({ ...long(100), note: 'Tutto riscritto.' })
      .expect(200);
    expect(await diffOf(p.id, 2)).to.deep.equal({ tooLarge: true });
    const page = await request(ctx.app).get(`/buone-pratiche/${p.slug}/versioni/2`).expect(200);
    expect(page.text)
      .to.contain('Le differenze sono troppo estese per essere mostrate: confronta le due versioni')
      .and.contain(`<a href="/buone-pratiche/${p.slug}/versioni/1">versione 1</a>`)
      .and.contain(`<a href="/buone-pratiche/${p.slug}/versioni/2">versione 2</a>`);

    // The comparison itself stops at its time budget: two unrelated texts, well under the size budget.
    const [first] = await ctx.database.db.select().from(practiceVersions).where(eq(practiceVersions.version, 1));
    const a = { ...(first!.snapshot as PracticeSnapshot), description: words(7, 30_000) };
    const b = { ...a, description: words(8, 30_000) };
    const started = Date.now();
    expect(computeVersionDiff(a, b)).to.deep.equal({ tooLarge: true });
    expect(Date.now() - started).to.be.below(DIFF_BUDGET.ms + 500);
    // Past the size budget it does not even start.
    const c = { ...a, summary: `${a.summary} Aggiornata.` };
    expect(computeVersionDiff(a, c)).to.have.property('tooLarge', false);
    expect(computeVersionDiff(a, c, { ...DIFF_BUDGET, chars: 100 })).to.deep.equal({ tooLarge: true });
  });
});
