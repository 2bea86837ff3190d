// fast-check arbitraries shared by the property tests.
import fc from 'fast-check';

/** Titles people type, and the awkward ones: emoji, punctuation only, accents, other scripts, huge. */
export const awkwardTitle = fc.oneof(
  fc.constantFrom(
    'Comune di Forlì',
    "L'Aquila — Centro per l'impiego",
    '🎉🎉🎉',
    '!!!',
    '— – … « » “ ”',
    '   ',
    '',
    'ÀÈÌÒÙ àèìòù ç ñ',
    'straße',
    'İstanbul',
    'ﬁne',
    'Ｆｕｌｌｗｉｄｔｈ',
    '日本語のタイトル',
    'Ελληνικά',
    'a-b--c---d',
    '-leading and trailing-',
    'x'.repeat(5000),
    'parola '.repeat(300),
    '1',
    '__proto__',
    'a\u0000b',
    '\ud800',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
