// Property test of the input boundary (cleanInput, run on every parsed body and query string): what
// comes out holds no NUL, no lone surrogate and no inherited field at any depth, so nothing past it
// can hand PostgreSQL a character it refuses, and it keeps everything else as it was.
import { expect } from 'chai';
import fc from 'fast-check';
import { cleanInput } from '../../../server/core/input.ts';

/** Strings made of the characters PostgreSQL refuses, among ordinary ones. */
const awkwardString = fc
  .array(fc.constantFrom('a', 'è', ' ', '\u0000', '\ud800', '\udfff', '\ud83d\ude00', '__proto__', 'constructor'), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** JSON values with those strings as keys and values, some nested far deeper than any form. */
const { value: awkwardJson } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    awkwardString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(awkwardString, tie('value'), { maxKeys: 3 }),
    tie('deep'),
  ),
  deep: fc.tuple(fc.integer({ min: 30, max: 200 }), fc.boolean(), awkwardString).map(([depth, asArray, inner]) => {
    let v: unknown = inner;
    for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
    return v;
  }),
}));

/** Every string (keys included) anywhere in a value, and fails on an object that is not a plain one. */
function* strings(value: unknown, path = '$'): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    expect(Object.getPrototypeOf(value), path).to.equal(Object.prototype);
    for (const [k, v] of Object.entries(value)) {
      yield [`${path} key`, k];
      yield* strings(v, `${path}.${k}`);
    }
  }
}

describe('property: the input boundary', () => {
  it('leaves no NUL, lone surrogate or inherited field at any depth', () => {
    fc.assert(
      fc.property(awkwardJson, (value) => {
        // As a body arrives: parsed from JSON, where "__proto__" is an ordinary key.
        const parsed = JSON.parse(JSON.stringify({ body: value })) as unknown;
        const clean = cleanInput(parsed);
        for (const [path, s] of strings(clean)) {
          expect(s.includes('\u0000'), path).to.equal(false);
          expect(s.isWellFormed(), path).to.equal(true);
        }
        // Whatever is cut, nothing is added: a cleaned text survives unchanged.
        expect(JSON.stringify(cleanInput(clean))).to.equal(JSON.stringify(clean));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a form-sized value as it was, without its NULs', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        expect(cleanInput(value)).to.deep.equal(value);
      }),
      { numRuns: 300 },
    );
    expect(cleanInput({ title: 'Ti\u0000tolo', list: ['a\u0000'], nested: { x: '\ud800' } })).to.deep.equal({
      title: 'Titolo',
      list: ['a'],
      nested: { x: '\ufffd' },
    });
  });
});
