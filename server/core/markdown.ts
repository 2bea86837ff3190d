// Markdown → safe HTML, rendered once when a post is written. (Being completed: see the helper.)

export type MentionTarget = { id: number; name: string };

/** The @handles a text mentions (lower-case, unique), ignoring code and e-mail addresses. */
export function extractMentionHandles(source: string): string[] {
  return [...new Set([...source.matchAll(/(?<![\w.@])@([a-z0-9][a-z0-9.]*[a-z0-9])/gi)].map((m) => m[1]!.toLowerCase()))];
}

/** Renders Markdown to sanitized HTML; known @handles become links to the member's profile. */
export function renderMarkdown(source: string, _opts: { mentions?: Map<string, MentionTarget> } = {}): string {
  return `<p>${source.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
}
