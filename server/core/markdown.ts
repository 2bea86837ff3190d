// Markdown → safe HTML, rendered once when a post is written. markdown-it parses with raw HTML off
// and only safe link schemes; sanitize-html then re-checks the result against an allow-list, so a
// gap in one layer is caught by the other. @mentions are a core rule over text tokens, which keeps
// them out of code spans, code blocks and links without any extra parsing.
import MarkdownIt from 'markdown-it';
import type { Env, MarkdownIt as Parser, StateCore, Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export type MentionTarget = { id: number; name: string };

type RenderEnv = Env & { mentions?: Map<string, MentionTarget>; imageBase?: string };

const LINK_REL = 'nofollow ugc noopener';
const MAX_MENTIONS = 30;
const SAFE_SCHEMES = ['http', 'https', 'mailto'];

// A handle as produced by handleFrom(): lower-case words joined by dots. Not preceded by a word
// character, '.', '/' or '@' (e-mail addresses, paths), and not running on into more name
// characters (so "@mario-rossi" or "@lucia_b" are not cut short into a different handle).
const MENTION_RE = /(?<![\p{L}\p{N}_./@])@([a-z0-9](?:[a-z0-9.]{0,62}[a-z0-9])?)(?![\p{L}\p{N}_@-]|\.[\p{L}\p{N}])/giu;

/** Images may only come from our own attachments and static files. */
function isAllowedImageSrc(src: string): boolean {
  if (!/^\/(?:allegati|static|corsi\/[a-z0-9-]+\/file)\/[^\s"'<>\\]*$/.test(src)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(src);
  } catch {
    return false;
  }
  return !decoded.split(/[/\\]/).includes('..');
}

/** Only http, https and mailto, or a scheme-less (relative) URL; sees through entities, %-encoding and whitespace. */
function isSafeUrl(url: string): boolean {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // Malformed %-sequences: judge the raw string.
  }
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const compact = decoded
    .replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .toLowerCase();
  // Protocol-relative ("//host", and "/\\host" which browsers read the same way) leaves our site.
  if (/^[/\\]{2}/.test(compact)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  // linkify-it also turns "percorso/@nome.cognome" into a mailto: link; keep only plausible addresses.
  if (scheme?.[1] === 'mailto') return /^mailto:[^/@?]+@[^/@?]+(?:\?.*)?$/.test(compact);
  if (scheme) return SAFE_SCHEMES.includes(scheme[1]!);
  // Anything else with a colon before the path is a scheme in disguise.
  const colon = compact.indexOf(':');
  return colon === -1 || /[/?#]/.test(compact.slice(0, colon));
}

/** Splits text tokens around @handles into `mention` tokens, outside links only. */
function mentionRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: Token[] = [];
    let linkDepth = 0;
    let changed = false;
    for (const token of block.children) {
      if (token.type === 'link_open') linkDepth++;
      else if (token.type === 'link_close') linkDepth = Math.max(0, linkDepth - 1);
      if (token.type !== 'text' || linkDepth > 0 || !token.content.includes('@')) {
        out.push(token);
        continue;
      }
      // A handle right after an escaped character or other text still needs a boundary.
      const previous = out.at(-1);
      const before =
        previous && (previous.type === 'text' || previous.type === 'text_special') ? previous.content.slice(-1) : '';
      const text = before + token.content;
      let last = before.length;
      for (const match of text.matchAll(MENTION_RE)) {
        if (match.index < before.length) continue;
        if (match.index > last) out.push(textToken(state, text.slice(last, match.index), token.level));
        const mention = new state.Token('mention', '', 0);
        mention.content = match[1]!;
        mention.meta = { handle: match[1]!.toLowerCase() };
        mention.level = token.level;
        out.push(mention);
        last = match.index + match[0].length;
        changed = true;
      }
      if (last === before.length) out.push(token);
      else if (last < text.length) out.push(textToken(state, text.slice(last), token.level));
    }
    if (changed) block.children = out;
  }
}

function textToken(state: StateCore, content: string, level: number): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  token.level = level;
  return token;
}

/** Markdown's # and ## are below the page's own h1/h2: shift every heading down two levels. */
function demoteHeadingsRule(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
    const level = Number(token.tag.slice(1));
    if (level >= 1 && level <= 6) token.tag = `h${Math.min(6, level + 2)}`;
  }
}

/** A document's relative image path (`images/schema.svg`) under the base its files are served from. */
function resolveImage(src: string, base: string | undefined): string {
  if (!base || /^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(src)) return src;
  return `${base}/${src.replace(/^\.\//, '')}`;
}

// markdown-it's default nesting limit (100) makes every unclosed "[" or "![" retry the inline rules
// a hundred levels deep: 100,000 of them took 0.4 s to parse. Twenty levels are more than any post
// nests (quotes of quotes included) and parse such a text in a quarter of the time.
const MAX_NESTING = 20;

function createParser(opts: { breaks: boolean }): Parser {
  const md = new MarkdownIt({
    html: false,
    linkify: true,
    breaks: opts.breaks,
    typographer: false,
    maxNesting: MAX_NESTING,
  });
  md.validateLink = isSafeUrl;
  md.core.ruler.before('text_join', 'mention', mentionRule);
  md.core.ruler.push('demote_headings', demoteHeadingsRule);

  const escape = md.utils.escapeHtml;
  md.renderer.rules.mention = (tokens, idx, _options, env) => {
    const token = tokens[idx]!;
    const target = (env as RenderEnv | undefined)?.mentions?.get(String(token.meta?.handle));
    const text = escape(`@${token.content}`);
    if (!target || !Number.isSafeInteger(target.id)) return text;
    return `<a class="mention" href="/membri/${target.id}" rel="${LINK_REL}">${text}</a>`;
  };
  md.renderer.rules.image = (tokens, idx, options, env, renderer) => {
    const token = tokens[idx]!;
    const src = resolveImage(String(token.attrGet('src') ?? ''), (env as RenderEnv | undefined)?.imageBase);
    const alt = escape(renderer.renderInlineAsText(token.children ?? [], options, env));
    if (!isAllowedImageSrc(src)) return alt;
    const title = token.attrGet('title');
    const titleAttr = title ? ` title="${escape(String(title))}"` : '';
    return `<img src="${escape(src)}" alt="${alt}"${titleAttr} loading="lazy">`;
  };
  return md;
}

// Posts keep the writer's line breaks; documents (lessons, course pages) flow as paragraphs.
const md = createParser({ breaks: true });
const documentMd = createParser({ breaks: false });

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'loading'],
    ol: ['start'],
  },
  allowedClasses: { a: ['mention'] },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !isAllowedImageSrc(frame.attribs.src ?? ''),
};

/** The @handles among a post's tokens (lower-case, unique, at most 30). */
function mentionHandles(tokens: Token[]): string[] {
  const handles = new Set<string>();
  for (const block of tokens) {
    for (const token of block.children ?? []) {
      if (token.type !== 'mention') continue;
      handles.add(String(token.meta?.handle));
      if (handles.size >= MAX_MENTIONS) return [...handles];
    }
  }
  return [...handles];
}

/** Escaped text, for when the parser fails: no post is lost to a parser bug. */
function escapedParagraph(text: string, breaks: boolean): string {
  const escaped = md.utils.escapeHtml(text.replace(/\u0000/g, '\ufffd'));
  return `<p>${breaks ? escaped.replace(/\r?\n/g, '<br />\n') : escaped}</p>\n`;
}

export type PreparedMarkdown = {
  /** The @handles the text mentions (lower-case, unique, at most 30), ignoring code, links and e-mail addresses. */
  handles: string[];
  /** Sanitized HTML; known @handles become links to the member's profile. */
  render(mentions?: Map<string, MentionTarget>): string;
};

/**
 * Parses a post once: its mentions are read from the tokens, then the same tokens are rendered once
 * the mentioned people are known (parsing is the costly part: about half a microsecond a character).
 */
export function prepareMarkdown(source: string): PreparedMarkdown {
  const text = String(source ?? '');
  let tokens: Token[];
  try {
    tokens = md.parse(text, {});
  } catch {
    return { handles: [], render: () => escapedParagraph(text, true) };
  }
  return {
    handles: mentionHandles(tokens),
    render(mentions) {
      try {
        const env: RenderEnv = { mentions };
        return sanitizeHtml(md.renderer.render(tokens, md.options, env), SANITIZE_OPTIONS);
      } catch {
        return escapedParagraph(text, true);
      }
    },
  };
}

/** The @handles a text mentions (lower-case, unique, at most 30), ignoring code, links and e-mail addresses. */
export function extractMentionHandles(source: string): string[] {
  // Most texts name nobody: without an "@" (or an entity that could spell one) there is nothing to parse.
  const text = String(source ?? '');
  if (!text.includes('@') && !text.includes('&')) return [];
  return prepareMarkdown(text).handles;
}

/** Renders Markdown to sanitized HTML; known @handles become links to the member's profile. */
export function renderMarkdown(source: string, opts: { mentions?: Map<string, MentionTarget> } = {}): string {
  return prepareMarkdown(source).render(opts?.mentions);
}

/**
 * Renders a document (a lesson, a course description) to sanitized HTML: paragraphs reflow, and
 * relative image paths resolve under `imageBase` (where the course's files are served).
 */
export function renderDocument(source: string, opts: { imageBase?: string } = {}): string {
  const text = String(source ?? '');
  try {
    return sanitizeHtml(documentMd.render(text, { imageBase: opts.imageBase } satisfies RenderEnv), SANITIZE_OPTIONS);
  } catch {
    return escapedParagraph(text, false);
  }
}

/**
 * A quoted passage as a Markdown blockquote headed by its author, ready to be followed by a reply:
 * "> **Nome Cognome** ha scritto:\n>\n> …\n\n". `wrote` lets callers pass a translated verb.
 */
export function quoteAsMarkdown(text: string, authorName: string, wrote = 'ha scritto:'): string {
  const name = String(authorName ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>!~&|]/g, '\\$&');
  const lines = String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd()
    .split('\n');
  const header = name ? `> **${name}** ${wrote}` : `> ${wrote}`;
  const body = lines.map((line) => (line.trim() ? `> ${line}` : '>'));
  return `${(body.join('') === '>' ? [header] : [header, '>', ...body]).join('\n')}\n\n`;
}
