import { expect } from 'chai';
import {
  extractMentionHandles,
  quoteAsMarkdown,
  renderMarkdown,
  type MentionTarget,
} from '../../server/core/markdown.ts';

/** The real tags of an HTML string (escaped text such as `&lt;img onerror=…&gt;` is not a tag). */
function tagsOf(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

/** Every href and src value of a real tag, entity-decoded the way a browser would read it. */
function urlsOf(html: string): string[] {
  return [
    ...tagsOf(html)
      .join(' ')
      .matchAll(/\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi),
  ].map((m) =>
    (m[1] ?? m[2] ?? m[3] ?? '')
      .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&colon;/gi, ':')
      .replace(/&tab;|&newline;/gi, '')
      .replace(/&amp;/g, '&')
      .replace(/[\u0000-\u0020]/g, '')
      .toLowerCase(),
  );
}

function expectSafe(html: string): void {
  for (const tag of tagsOf(html)) {
    // Attribute names only: an escaped `"` inside a quoted value cannot end it.
    const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    expect(names, `event handler in ${tag}`).not.to.match(/\son\w+\s*=/i);
    expect(names, `style in ${tag}`).not.to.match(/\sstyle\s*=/i);
    expect(tag).not.to.match(
      /^<\/?(script|iframe|svg|style|object|embed|form|base|meta|math|link|input|button|textarea)\b/i,
    );
  }
  for (const url of urlsOf(html)) {
    expect(url).not.to.match(/^(javascript|vbscript|data|file):/);
    expect(url).not.to.match(/^[/\\]{2}/);
  }
  expect(html).not.to.match(/<script|<iframe|<svg|<style|<object|<embed|<form|<base|<meta|<math/i);
}

const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](%6Aavascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x]( javascript:alert(1))',
  '[x](\u0001javascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x](https://evil.example/x.png)',
  '![x](//evil.example/x.png)',
  '![x" onerror="alert(1)](/allegati/1/x.png)',
  '<a href="javascript:alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="https://evil.example"><input name=x></form>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '[x](https://a.it "x\\" onmouseover=\\"alert(1))',
  '[x](https://a.it "x\\" onmouseover=\\"alert(1)")',
  '[x](https://a.it/"onmouseover="alert(1))',
  '<javascript:alert(1)>',
  '<https://a.it/" onmouseover="alert(1)>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '[<img src=x onerror=alert(1)>](https://a.it)',
  '**<script>alert(1)</script>**',
  '> <iframe src=javascript:alert(1)>',
  '```html\n<script>alert(1)</script>\n```',
  '`<svg onload=alert(1)>`',
  '<!-- --><script>alert(1)</script>',
  '[x](//evil.example/phish)',
  '[x](/\\evil.example/phish)',
];

describe('renderMarkdown', () => {
  it('renders emphasis, lists, code and blockquotes', () => {
    const html = renderMarkdown(
      '*corsivo* **grassetto** ~~barrato~~ `codice`\n\n- uno\n- due\n\n1. primo\n\n> citazione\n\n```\nx < y\n```',
    );
    expect(html).to.contain('<em>corsivo</em>');
    expect(html).to.contain('<strong>grassetto</strong>');
    expect(html).to.contain('<s>barrato</s>');
    expect(html).to.contain('<code>codice</code>');
    expect(html).to.match(/<ul>\s*<li>uno<\/li>\s*<li>due<\/li>\s*<\/ul>/);
    expect(html).to.match(/<ol>\s*<li>primo<\/li>\s*<\/ol>/);
    expect(html).to.match(/<blockquote>\s*<p>citazione<\/p>\s*<\/blockquote>/);
    expect(html).to.contain('<pre><code>x &lt; y\n</code></pre>');
  });

  it('turns single newlines into line breaks', () => {
    expect(renderMarkdown('riga uno\nriga due')).to.match(/riga uno<br \/>\s*riga due/);
  });

  it('gives every link rel="nofollow ugc noopener"', () => {
    const html = renderMarkdown(
      '[sito](https://www.anpal.gov.it "ANPAL") [relativo](/gruppi/cpi) [posta](mailto:info@example.it)',
    );
    expect(html).to.contain('<a href="https://www.anpal.gov.it" title="ANPAL" rel="nofollow ugc noopener">sito</a>');
    expect(html).to.contain('<a href="/gruppi/cpi" rel="nofollow ugc noopener">relativo</a>');
    expect(html).to.contain('<a href="mailto:info@example.it" rel="nofollow ugc noopener">posta</a>');
  });

  it('links bare URLs and e-mail addresses', () => {
    const html = renderMarkdown('Vedi https://example.it/pagina?a=1 o scrivi a mario.rossi@example.it.');
    expect(html).to.contain(
      '<a href="https://example.it/pagina?a=1" rel="nofollow ugc noopener">https://example.it/pagina?a=1</a>',
    );
    expect(html).to.contain(
      '<a href="mailto:mario.rossi@example.it" rel="nofollow ugc noopener">mario.rossi@example.it</a>',
    );
  });

  it('demotes headings below the page headings', () => {
    const html = renderMarkdown('# Uno\n\n## Due\n\n### Tre\n\n###### Sei');
    expect(html).to.contain('<h3>Uno</h3>');
    expect(html).to.contain('<h4>Due</h4>');
    expect(html).to.contain('<h5>Tre</h5>');
    expect(html).to.contain('<h6>Sei</h6>');
    expect(html).not.to.match(/<h[12]/);
  });

  it('keeps tables but drops their inline styles', () => {
    const html = renderMarkdown('| a | b |\n|:--|--:|\n| 1 | 2 |');
    expect(html).to.contain('<table>');
    expect(html).to.contain('<th>a</th>');
    expect(html).to.contain('<td>2</td>');
    expect(html).not.to.contain('style');
  });

  it('escapes raw HTML instead of rendering it', () => {
    expect(renderMarkdown('<b>ciao</b>')).to.equal('<p>&lt;b&gt;ciao&lt;/b&gt;</p>\n');
  });

  it(`neutralizes ${XSS_VECTORS.length} known XSS vectors`, () => {
    expect(XSS_VECTORS.length).to.be.at.least(25);
    for (const vector of XSS_VECTORS) {
      const html = renderMarkdown(vector);
      try {
        expectSafe(html);
      } catch (err) {
        throw new Error(`unsafe output for ${JSON.stringify(vector)}: ${html}\n${(err as Error).message}`, {
          cause: err,
        });
      }
    }
  });

  it('never loads remote or inline images', () => {
    for (const src of [
      'https://evil.example/x.png',
      'http://evil.example/x.png',
      '//evil.example/x.png',
      'data:image/png;base64,AAAA',
      '/allegati/../../evil.png',
      '/uploads/x.png',
    ]) {
      const html = renderMarkdown(`![foto](${src})`);
      expect(html, src).not.to.contain('<img');
      for (const url of urlsOf(html)) expect(url, src).not.to.contain('evil.example');
    }
    expect(renderMarkdown('![foto ufficio](https://evil.example/x.png)')).to.equal('<p>foto ufficio</p>\n');
  });

  it('keeps our own images with lazy loading and their alt text', () => {
    expect(renderMarkdown('![piano](/allegati/12/piano.png)')).to.equal(
      '<p><img src="/allegati/12/piano.png" alt="piano" loading="lazy" /></p>\n',
    );
    expect(renderMarkdown('![logo](/static/img/logo.svg "Logo")')).to.contain(
      '<img src="/static/img/logo.svg" alt="logo" title="Logo" loading="lazy" />',
    );
  });

  it('allows no class attribute except on mention links', () => {
    const html = renderMarkdown('```js\nconst x = 1;\n```');
    expect(html).to.equal('<pre><code>const x = 1;\n</code></pre>\n');
  });

  it('never throws and stays fast on hostile input', () => {
    const inputs = [
      '['.repeat(100_000),
      '[a]('.repeat(25_000),
      '*a'.repeat(50_000),
      '<'.repeat(100_000),
      '>'.repeat(100_000),
      '@a.'.repeat(33_000),
      `@${'a'.repeat(100_000)}`,
      'a\u0000b\u0000'.repeat(25_000),
      '\uD800\uDFFF\uFFFE'.repeat(20_000),
      '',
      '   \n\n\t',
    ];
    const started = Date.now();
    for (const input of inputs) {
      const html = renderMarkdown(input);
      expect(html).to.be.a('string');
      expect(html).not.to.contain('\u0000');
      expect(extractMentionHandles(input)).to.be.an('array');
    }
    expect(Date.now() - started).to.be.below(10_000);
    expect(renderMarkdown(undefined as unknown as string)).to.equal('');
  });

  it('is stable: the same input always gives the same output', () => {
    const source = '# Titolo\n\nCiao @lucia.bianchi, vedi https://example.it e ![x](/allegati/1/a.png)';
    const mentions = new Map([['lucia.bianchi', { id: 3, name: 'Lucia Bianchi' }]]);
    expect(renderMarkdown(source, { mentions })).to.equal(renderMarkdown(source, { mentions }));
  });
});

describe('mentions', () => {
  const mentions = new Map<string, MentionTarget>([
    ['lucia.bianchi', { id: 7, name: 'Lucia Bianchi' }],
    ['marco.rossi2', { id: 12, name: 'Marco Rossi' }],
  ]);

  it('extracts unique lower-case handles in order of appearance', () => {
    expect(extractMentionHandles('Ciao @marco.rossi2 e @Lucia.Bianchi, @lucia.bianchi. (@paolo)')).to.deep.equal([
      'marco.rossi2',
      'lucia.bianchi',
      'paolo',
    ]);
  });

  it('ignores e-mail addresses, paths, code and links', () => {
    const source = [
      'Scrivi a lucia@example.it o a a@b.it',
      'percorso/@marco.rossi2 e doppio @@paolo',
      '`@lucia.bianchi` in codice',
      '```\n@marco.rossi2 in un blocco\n```',
      '    @anna.verdi rientrato',
      '[@giulia.neri](https://example.it) e https://example.it/@sara.blu',
      '\\@escaped.handle',
    ].join('\n\n');
    expect(extractMentionHandles(source)).to.deep.equal([]);
  });

  it('does not cut a longer name short', () => {
    expect(extractMentionHandles('@mario-rossi @lucia_b @lucia.bianchi.')).to.deep.equal(['lucia.bianchi']);
  });

  it('returns at most 30 handles', () => {
    const source = Array.from({ length: 40 }, (_, i) => `@utente${i}`).join(' ');
    const handles = extractMentionHandles(source);
    expect(handles).to.have.length(30);
    expect(handles[0]).to.equal('utente0');
  });

  it('links known handles only, keeping the text as written', () => {
    const html = renderMarkdown('Grazie @Lucia.Bianchi e @sconosciuto!', { mentions });
    expect(html).to.equal(
      '<p>Grazie <a class="mention" href="/membri/7" rel="nofollow ugc noopener">@Lucia.Bianchi</a> e @sconosciuto!</p>\n',
    );
  });

  it('links mentions inside emphasis, lists and headings but not inside code', () => {
    const html = renderMarkdown('# Per @marco.rossi2\n\n- **@lucia.bianchi**\n\n`@lucia.bianchi`', { mentions });
    expect(html).to.contain(
      '<h3>Per <a class="mention" href="/membri/12" rel="nofollow ugc noopener">@marco.rossi2</a></h3>',
    );
    expect(html).to.contain(
      '<strong><a class="mention" href="/membri/7" rel="nofollow ugc noopener">@lucia.bianchi</a></strong>',
    );
    expect(html).to.contain('<code>@lucia.bianchi</code>');
  });

  it('renders mentions as plain text without a mention map', () => {
    expect(renderMarkdown('Ciao @lucia.bianchi')).to.equal('<p>Ciao @lucia.bianchi</p>\n');
  });

  it('never lets a user-written link carry the mention class', () => {
    const html = renderMarkdown('[@lucia.bianchi](/membri/99)', { mentions });
    expect(html).to.equal('<p><a href="/membri/99" rel="nofollow ugc noopener">@lucia.bianchi</a></p>\n');
  });
});

describe('quoteAsMarkdown', () => {
  it('turns a passage into an attributed blockquote ready for a reply', () => {
    expect(quoteAsMarkdown('Prima riga\n\nSeconda *riga*\r\n', 'Lucia Bianchi')).to.equal(
      '> **Lucia Bianchi** ha scritto:\n>\n> Prima riga\n>\n> Seconda *riga*\n\n',
    );
  });

  it('nests an existing quote and escapes Markdown in the name', () => {
    const quoted = quoteAsMarkdown('> vecchia citazione\nrisposta', 'Nome_Strano [x]', 'wrote:');
    expect(quoted).to.equal('> **Nome\\_Strano \\[x\\]** wrote:\n>\n> > vecchia citazione\n> risposta\n\n');
    const html = renderMarkdown(quoted);
    expect(html).to.contain('<strong>Nome_Strano [x]</strong> wrote:');
    expect(html).to.match(/<blockquote>[\s\S]*<blockquote>[\s\S]*vecchia citazione/);
  });
});
