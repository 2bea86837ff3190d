// Property test: whatever people type, the HTML we make from it (Markdown posts and documents,
// mentions, quotes, search snippets, a group's RSS feed) never carries a script, an event-handler
// attribute or a javascript:/vbscript:/data: URL. Outputs are checked by parsing them with
// htmlparser2 (the parser sanitize-html itself uses), and by a scan of the raw text that a parser
// differential cannot fool: every "<" that opens a tag names an allowed element.
import { expect } from 'chai';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { quoteAsMarkdown, renderDocument, renderMarkdown, type MentionTarget } from '../../../server/core/markdown.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../models/queries/search.ts';
import { snippetHtml } from '../../../server/features/search/search.view.ts';
import { groupRss } from '../../../server/features/groups/groups.rss.ts';
import { jsonForScript } from '../../../server/core/text.ts';
import type { Group } from '../../../models/schema.ts';

// What the Markdown pipeline may produce (the sanitizer's allow-list) and what each may carry.
const MARKDOWN_TAGS = new Set(
  'p br strong em s code pre blockquote ul ol li a h3 h4 h5 h6 hr img table thead tbody tr th td'.split(' '),
);
const ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href', 'title', 'rel', 'class']),
  img: new Set(['src', 'alt', 'title', 'loading']),
  ol: new Set(['start']),
};

/** Fragments that attack an HTML sanitizer: scripts, handlers, hostile URL schemes in every disguise. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<script src="//evil.example/x.js"></script>',
  '<SCRIPT>alert(1)</SCRIPT>',
  '<scr<script>ipt>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="/allegati/1" onerror="alert(1)">',
  '<svg><script>alert(1)</script></svg>',
  '<svg onload=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">',
  '<body onload=alert(1)>',
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<!-- <script>alert(1)</script> -->',
  '<!--><img src=x onerror=alert(1)>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<style>@import "javascript:alert(1)";</style>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '"><script>alert(1)</script>',
  "'onmouseover='alert(1)",
  '" onmouseover="alert(1)',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](jav&#x09;ascript:alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](java%0ascript:alert(1))',
  '[x](%6Aavascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x]( javascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](javascript:alert(1) "title")',
  '[x](\\javascript:alert(1))',
  '[x](//evil.example)',
  '[x](/\\evil.example)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](/allegati/1" onerror="alert(1))',
  '![x](/allegati/../../x)',
  '![x](/static/a.png "a\\" onerror=\\"alert(1)")',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '[ref]\n\n[ref]: data:text/html,<script>alert(1)</script>',
  '[x][r]\n\n[r]: <javascript:alert(1)> "t"',
  '<javascript:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<vbscript:msgbox(1)>',
  '<http://a.example/"onmouseover="alert(1)>',
  'javascript:alert(1)',
  'www.example.com/<script>',
  'http://example.com/"><script>alert(1)</script>',
  'mailto:a@b.it?body=<script>',
  '<mailto:x@y.it"onclick="alert(1)>',
  '```html\n<script>alert(1)</script>\n```',
  '`<script>alert(1)</script>`',
  '    <script>alert(1)</script>',
  '<div>\n<script>alert(1)</script>\n</div>',
  '<details open ontoggle=alert(1)>',
  '<a href="/membri/1" class="mention" onclick="alert(1)">@x</a>',
  '@mario.rossi',
  '@mario.rossi<script>',
  '[@mario.rossi](javascript:alert(1))',
  '> <script>alert(1)</script>',
  '| a | <img src=x onerror=alert(1)> |\n|---|---|\n| [x](javascript:alert(1)) | b |',
  '# <script>alert(1)</script>',
  '*<img src=x onerror=alert(1)>*',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;',
  '\u0000<script>',
  'java\u0000script:',
  '\ud800',
  '\u2028',
  '\ufeff',
  '\u200bjavascript:alert(1)',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '"',
  "'",
  '`',
  '&',
  '\n',
  '\n\n',
  ' ',
  '\t',
  HIGHLIGHT_START,
  HIGHLIGHT_END,
];

/** Random text mixed with hostile fragments, in any order. */
const hostileText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** A URL as a browser reads it: without the whitespace and control characters it skips, lower-case. */
const compactUrl = (value: string): string =>
  value.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '').toLowerCase();

function* elements(nodes: ChildNode[]): Generator<Element> {
  for (const node of nodes) {
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      yield node as Element;
      yield* elements((node as Element).children);
    } else if ('children' in node) yield* elements(node.children as ChildNode[]);
  }
}

/**
 * Fails unless `html` holds only the given elements and attributes, no comment or CDATA, no event
 * handler and no URL (in any attribute) whose scheme is javascript:, vbscript: or data:.
 */
function expectSafeHtml(html: string, allowedTags: Set<string>, source: string): void {
  const where = `${JSON.stringify(source)} → ${JSON.stringify(html)}`;
  // Raw scan: every tag opener names an allowed element; no comment, CDATA or processing instruction.
  expect(html, where).to.not.match(/<[!?]/);
  // Feeds put this HTML in CDATA (an event's description): "]]>" would end it early.
  expect(html, where).to.not.include(']]>');
  for (const match of html.matchAll(/<\/?([^\s/>]*)/g))
    expect(allowedTags.has(match[1]!.toLowerCase()), where).to.equal(true);
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  for (const el of elements(doc.children)) {
    expect(allowedTags.has(el.name), where).to.equal(true);
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name, where).to.not.match(/^on/);
      expect(ATTRIBUTES[el.name]?.has(name) ?? false, `${el.name}[${name}] in ${where}`).to.equal(true);
      expect(compactUrl(value), where).to.not.match(/^(?:javascript|vbscript|data):/);
    }
    if (el.name === 'a' && el.attribs.href !== undefined) {
      const href = compactUrl(el.attribs.href);
      const scheme = /^([a-z][a-z0-9+.-]*):/.exec(href)?.[1];
      expect(scheme === undefined || ['http', 'https', 'mailto'].includes(scheme), where).to.equal(true);
      expect(href, where).to.not.match(/^[/\\]{2}/);
      expect(el.attribs.rel, where).to.equal('nofollow ugc noopener');
    }
    if (el.name === 'img') expect(el.attribs.src, where).to.match(/^\/(?:allegati|static|corsi\/[a-z0-9-]+\/file)\//);
  }
}

const RUNS = 400;
const mentions = new Map<string, MentionTarget>([
  ['mario.rossi', { id: 7, name: 'Mario "<script>" Rossi' }],
  ['x', { id: 8, name: '<img src=x onerror=alert(1)>' }],
]);

describe('property: HTML made from what people type is never executable', function () {
  this.timeout(60_000);

  it('the hostile fragments alone, each rendered as a post and as a document', () => {
    for (const fragment of HOSTILE) {
      expectSafeHtml(renderMarkdown(fragment, { mentions }), MARKDOWN_TAGS, fragment);
      expectSafeHtml(renderDocument(fragment, { imageBase: '/corsi/a/file' }), MARKDOWN_TAGS, fragment);
    }
  });

  it('renderMarkdown: posts, with mentions resolved', () => {
    fc.assert(
      fc.property(hostileText, (text) => expectSafeHtml(renderMarkdown(text, { mentions }), MARKDOWN_TAGS, text)),
      { numRuns: RUNS },
    );
  });

  it('renderDocument: lessons and pages, with relative images', () => {
    fc.assert(
      fc.property(hostileText, (text) =>
        expectSafeHtml(renderDocument(text, { imageBase: '/corsi/corso-a/file' }), MARKDOWN_TAGS, text),
      ),
      { numRuns: RUNS },
    );
  });

  it('quoteAsMarkdown: a hostile quote by a hostile author, rendered as the reply', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (text, author) => {
        const reply = quoteAsMarkdown(text, author) + 'Risposta';
        expectSafeHtml(renderMarkdown(reply, { mentions }), MARKDOWN_TAGS, reply);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('snippetHtml: search highlights are escaped text with <mark> only, always balanced', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = snippetHtml(text);
        expectSafeHtml(html, new Set(['mark']), text);
        const opened = html.split('<mark>').length - 1;
        expect(html.split('</mark>').length - 1, html).to.equal(opened);
        // What a reader sees is the text itself (spacing collapsed), marks aside: nothing was taken as markup.
        const shown = parseDocument(html, { decodeEntities: true });
        const plain = (nodes: ChildNode[]): string =>
          nodes.map((n) => ('data' in n ? n.data : 'children' in n ? plain(n.children as ChildNode[]) : '')).join('');
        const expected = text
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/[\uE000\uE001]/g, '');
        expect(plain(shown.children)).to.equal(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it("a group's RSS feed: item titles and descriptions are plain text to a reader, the XML stays whole", () => {
    const group = { id: 1, slug: 'gruppo', name: 'Gruppo', createdAt: new Date('2026-01-01T00:00:00Z') } as Group;
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: hostileText.map((t) => `T${t}`), body: hostileText }), {
          minLength: 1,
          maxLength: 3,
        }),
        (items) => {
          const threads = items.map((t, i) => ({
            id: i + 1,
            title: t.title,
            body: t.body,
            authorName: null,
            createdAt: new Date('2026-01-02T00:00:00Z'),
          }));
          const xml = groupRss('https://rete.example', group, threads, { title: 'T', description: 'D', lang: 'it' });
          const doc = parseDocument(xml, { xmlMode: true, recognizeCDATA: true });
          const items_ = [...elements(doc.children)].filter((e) => e.name === 'item');
          expect(items_, xml).to.have.length(threads.length);
          for (const item of items_) {
            expect(
              item.children.filter((c) => c.type === 'tag').map((c) => (c as Element).name),
              xml,
            ).to.include.members(['title', 'link', 'guid', 'pubDate']);
            for (const field of item.children.filter(
              (c): c is Element => c.type === 'tag' && ['title', 'description'].includes(c.name),
            )) {
              // Readers render these as HTML: their text must be markup-free once decoded.
              const text = field.children
                .map((c) =>
                  'children' in c
                    ? c.children.map((d) => ('data' in d ? d.data : '')).join('')
                    : 'data' in c
                      ? c.data
                      : '',
                )
                .join('');
              expectSafeHtml(text, new Set(), `${field.name}: ${xml}`);
            }
          }
        },
      ),
      { numRuns: RUNS / 4 },
    );
  });

  it('jsonForScript: JSON in a <script type="application/json"> stays one element and reads back unchanged', () => {
    const value = fc
      .jsonValue({ maxDepth: 3 })
      .chain((v) =>
        fc.array(hostileText, { maxLength: 4 }).map((texts) => ({ v, texts, '</script>': texts[0] ?? '' })),
      );
    fc.assert(
      fc.property(value, (data) => {
        const html = `<script type="application/json" id="d">${jsonForScript(data)}</script><p>dopo</p>`;
        const doc = parseDocument(html, { decodeEntities: true });
        const found = [...elements(doc.children)];
        expect(
          found.map((e) => e.name),
          html,
        ).to.deep.equal(['script', 'p']);
        const text = found[0]!.children.map((c) => ('data' in c ? c.data : '')).join('');
        expect(JSON.parse(text)).to.deep.equal(JSON.parse(JSON.stringify(data)));
        // No sequence a browser treats specially inside a script element.
        expect(text).to.not.match(/<\/script|<!--|<script/i);
      }),
      { numRuns: RUNS },
    );
  });
});
