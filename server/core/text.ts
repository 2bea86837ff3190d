// Small text helpers that run on what people type, written as linear scans: a regular expression
// such as /\s+$/ or /x+$/ retries at every position and takes quadratic time on long runs, which
// one request can use to block the event loop for seconds.

/** `text` without the leading and trailing characters that `strip` accepts, in one pass each way. */
export function trimWhere(text: string, strip: (char: string) => boolean): string {
  let start = 0;
  let end = text.length;
  while (start < end && strip(text[start]!)) start++;
  while (end > start && strip(text[end - 1]!)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** `text` without the leading and trailing characters listed in `chars` (and whitespace if asked). */
export function trimChars(text: string, chars: string, whitespace = true): string {
  const set = new Set(chars);
  return trimWhere(text, (c) => set.has(c) || (whitespace && c.trim() === ''));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text as HTML text (element content or a quoted attribute): markup in it stays text. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * A value as JSON to put inside `<script type="application/json">` on a page: the same JSON with
 * `<`, `>` and `&` written as escapes, so a text in it ("</script><img onerror=…>", "<!--") cannot
 * end the element or start markup; JSON.parse reads it back unchanged.
 */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
