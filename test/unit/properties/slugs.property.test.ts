// Property test: slugify and handleFrom turn any text (emoji, punctuation only, other scripts,
// thousands of characters) into a valid, bounded address part, and a handle stays mentionable.
import { expect } from 'chai';
import fc from 'fast-check';
import { extractMentionHandles } from '../../../server/core/markdown.ts';
import { handleFrom, slugify } from '../../../server/core/slug.ts';
import { SLUG_RE } from '../../../server/features/courses/courses.schema.ts';
import { awkwardTitle } from '../../helpers/arbitraries.ts';

/** A handle as mentions read it: lower-case letters and digits, dots between them. */
const HANDLE_RE = /^[a-z0-9]+(?:\.[a-z0-9]+)*$/;

describe('property: slugs and handles from any text', () => {
  it('slugify: a valid slug within its bound, never empty, and the same when slugified again', () => {
    fc.assert(
      fc.property(awkwardTitle, fc.integer({ min: 1, max: 120 }), (title, max) => {
        const slug = slugify(title, max, 'voce');
        expect(slug, JSON.stringify(title)).to.match(SLUG_RE);
        expect(slug.length).to.be.within(1, Math.max(max, 'voce'.length));
        expect(slugify(slug, Math.max(max, slug.length), 'voce')).to.equal(slug);
      }),
      { numRuns: 500 },
    );
  });

  it('handleFrom: a handle of at most 40 characters that a mention of it finds again', () => {
    fc.assert(
      fc.property(awkwardTitle, (name) => {
        const handle = handleFrom(name);
        expect(handle, JSON.stringify(name)).to.match(HANDLE_RE);
        expect(handle.length).to.be.within(1, 40);
        // With the suffix a second person of the same name gets (see insertUnderFreeSlug, sep '').
        for (const h of [handle, `${handle}2`, `${handle}137`])
          expect(extractMentionHandles(`Ciao @${h}, a presto`), h).to.deep.equal([h]);
      }),
      { numRuns: 500 },
    );
  });
});
