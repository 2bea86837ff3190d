// Property test: every helper that runs on what people type returns quickly on 100,000-character
// adversarial strings (a prefix, one fragment pumped to the full length, a suffix: the shape that
// makes a backtracking regular expression quadratic). A quadratic helper takes seconds here.
import { expect } from 'chai';
import fc from 'fast-check';
import { extractMentionHandles, prepareMarkdown, quoteAsMarkdown } from '../../server/core/markdown.ts';
import { cleanInput } from '../../server/core/input.ts';
import { handleFrom, slugify } from '../../server/core/slug.ts';
import { trimChars } from '../../server/core/text.ts';
import { displayName, detectAllowedType } from '../../server/features/attachments/attachments.content.ts';
import { relativeImages } from '../../server/features/courses/courses.files.ts';
import { catalogueSchema } from '../../server/features/courses/courses.schema.ts';
import { normaliseText } from '../../server/features/courses/courses.scoring.ts';
import { memberFilterSchema } from '../../server/features/members/members.schema.ts';
import { excerptOf } from '../../server/features/notifications/notifications.view.ts';

const LENGTH = 100_000;
/**
 * Each helper's bound: a linear helper takes a few ms; the quadratic ones found took 0.5–6.6 s. 100 ms
 * still catches them by far, and leaves room for a machine whose two cores run both test suites and
 * a busy neighbour (50 ms failed there on helpers that take 5 ms at rest).
 */
const LIMIT_MS = 100;
/**
 * Parsing Markdown is linear but costs markdown-it about 0.5–2.5 µs a character on pathological input
 * ('*a'×50,000 takes ~240 ms on an idle machine): the bound leaves room for CI running both suites
 * beside a busy neighbour (600 ms failed there); a quadratic parse takes far longer, and the ratio
 * check below, which a loaded machine slows on both sides alike, catches one anyway.
 */
const MARKDOWN_LIMIT_MS = 1500;

// Characters and runs that drive Markdown, mention, quote, trim and slug code into backtracking.
const FRAGMENTS = [
  '\n',
  ' ',
  '\t',
  '\r\n',
  '  \n',
  '[',
  ']',
  '](',
  '![',
  '![a](',
  '[a](x "',
  '@',
  '@a',
  '@a.',
  'a.',
  '@@a',
  '>',
  '> ',
  '*',
  '**',
  '_',
  '`',
  '```',
  '<',
  '(',
  ')',
  '"',
  '.',
  ',',
  '!',
  '«',
  "'",
  '’',
  '\\',
  '#',
  '~~',
  '|',
  '- ',
  '1. ',
  '&',
  '&#',
  '&#64;',
  'http://',
  'www.',
  'a@b.',
  ':',
  '[^',
  '<a',
  '](<',
  '[]',
  '%',
  '\u0000',
  '\ud800',
  'é',
  'a',
  '/',
  '-',
  '--',
];

const pumped = fc
  .record({
    prefix: fc.string({ maxLength: 8 }),
    pump: fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
    suffix: fc.oneof(
      fc.constant(''),
      fc.constant('!'),
      fc.constant('\n'),
      fc.constantFrom(...FRAGMENTS),
      fc.string({ maxLength: 4 }),
    ),
  })
  .map(
    ({ prefix, pump, suffix }) =>
      prefix + pump.repeat(Math.ceil(LENGTH / pump.length)).slice(0, LENGTH - prefix.length - suffix.length) + suffix,
  );

/** The inputs of the findings, always tried first. */
const KNOWN = [
  'a' + '\n'.repeat(99_990) + 'b',
  '['.repeat(99_999),
  ' '.repeat(LENGTH) + 'x',
  '!['.repeat(LENGTH / 2),
  '*a'.repeat(LENGTH / 2),
];

/** Best of three runs: a slow machine or a GC pause may slow one run, never all three. */
function timed(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

function fastestMs(fn: () => unknown): number {
  let best = Infinity;
  // Up to eight runs, stopping as soon as one is clearly fast: a quadratic helper is slow every time,
  // a linear one only when the scheduler takes the core away.
  for (let i = 0; i < 8 && best > LIMIT_MS / 5; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function expectFast(name: string, fn: (text: string) => unknown, limit = LIMIT_MS, runs = 25): void {
  for (const text of KNOWN)
    expect(
      fastestMs(() => fn(text)),
      `${name}(${JSON.stringify(text.slice(0, 12))}…)`,
    ).to.be.below(limit);
  fc.assert(
    fc.property(pumped, (text) => {
      expect(text).to.have.length(LENGTH);
      const ms = fastestMs(() => fn(text));
      expect(ms, `${name}(${JSON.stringify(text.slice(0, 24))}…) took ${ms.toFixed(1)} ms`).to.be.below(limit);
    }),
    { numRuns: runs },
  );
}

describe('text helpers on 100,000-character adversarial input', function () {
  this.timeout(120_000);
  let pdf: Awaited<ReturnType<typeof detectAllowedType>>;
  before(async () => {
    pdf = await detectAllowedType(Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'));
    expect(pdf?.ext).to.equal('pdf');
  });

  it('quoteAsMarkdown: the quoted text and the author name', () => {
    expectFast('quoteAsMarkdown', (text) => quoteAsMarkdown(text, 'Giulia Neri'));
    expectFast('quoteAsMarkdown(name)', (text) => quoteAsMarkdown('Ciao', text));
    // Still right on the finding's input: the run of line breaks inside is kept, the end trimmed.
    expect(quoteAsMarkdown(`a${'\n'.repeat(5)}b${' \n'.repeat(1000)}`, 'G')).to.equal(
      '> **G** ha scritto:\n>\n> a\n>\n>\n>\n>\n> b\n\n',
    );
  });

  it('excerptOf: notification and feed excerpts', () => {
    expectFast('excerptOf', (text) => excerptOf(text));
    expect(excerptOf('Vedi [il bando](https://example.it/x) e ![schema](/static/a.png) **ora**')).to.equal(
      'Vedi il bando e schema ora',
    );
    expect(excerptOf(`${'['.repeat(99_999)}`)).to.have.length(160);
  });

  it('slugify and handleFrom', () => {
    expectFast('slugify', (text) => slugify(text));
    expectFast('handleFrom', (text) => handleFrom(text));
  });

  it('search and filter query parsing', () => {
    expectFast('memberFilterSchema', (text) => memberFilterSchema.safeParse({ q: text, regione: text }));
    expectFast('catalogueSchema', (text) => catalogueSchema.safeParse({ q: text }));
  });

  it('quiz answers, attachment names, course images, input cleaning and trimming', () => {
    expectFast('normaliseText', (text) => normaliseText(text));
    expectFast('displayName', (text) => displayName(text, pdf!));
    expectFast('relativeImages', (text) => relativeImages(text));
    expectFast('cleanInput', (text) => cleanInput({ [text.slice(0, 100)]: text, list: [text] }));
    expectFast('trimChars', (text) => trimChars(text, '.,;:!?"«»()'));
  });

  // Markdown is parsed once per post, when it is written. markdown-it is linear but not cheap on
  // pathological input (unclosed brackets, emphasis runs): these bound it and prove it linear.
  it('mention extraction and Markdown rendering stay linear', () => {
    expectFast('extractMentionHandles', (text) => extractMentionHandles(text), MARKDOWN_LIMIT_MS, 10);
    expectFast('prepareMarkdown', (text) => prepareMarkdown(text).render(), MARKDOWN_LIMIT_MS, 10);
    for (const fragment of ['![', '[', '*a', '@a [']) {
      // Eight times the text takes about eight times as long; a quadratic parse, 64. The two sizes
      // are timed in turn, seven rounds, and the best of each kept, so that a busy machine (a CI
      // neighbour, a GC pause) slows both alike instead of deciding the ratio.
      const small = fragment.repeat(LENGTH / 8 / fragment.length);
      const large = fragment.repeat(LENGTH / fragment.length);
      let [eighth, full] = [Infinity, Infinity];
      for (let round = 0; round < 7; round++) {
        eighth = Math.min(
          eighth,
          timed(() => prepareMarkdown(small).render()),
        );
        full = Math.min(
          full,
          timed(() => prepareMarkdown(large).render()),
        );
      }
      expect(full / Math.max(eighth, 1), `${fragment}: ${eighth.toFixed(0)} → ${full.toFixed(0)} ms`).to.be.below(32);
    }
  });
});
