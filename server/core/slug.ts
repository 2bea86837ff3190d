/** Lower-case ASCII words of a text joined by `sep`: "Comune di Forlì" → "comune-di-forli". */
function words(text: string, sep: string, max: number): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, sep)
    .split(sep)
    .filter(Boolean)
    .join(sep)
    .slice(0, max)
    .replace(new RegExp(`\\${sep}+$`), '');
}

/** URL-safe lower-case slug from Italian text: "Comune di Forlì" → "comune-di-forli"; `fallback` when nothing is left. */
export function slugify(text: string, max = 60, fallback = 'ente'): string {
  return words(text, '-', max) || fallback;
}

/** An @mention handle from a name: "Niccolò D'Amico" → "niccolo.damico". */
export function handleFrom(name: string): string {
  return words(name, '.', 40) || 'membro';
}

/** First value not taken: base, base-2, base-3, … (or base2, base3 with sep ''). */
export async function uniqueSlug(base: string, taken: (slug: string) => Promise<boolean>, sep = '-'): Promise<string> {
  let candidate = base;
  for (let n = 2; await taken(candidate); n++) candidate = `${base}${sep}${n}`;
  return candidate;
}

/**
 * Inserts a row under the first free slug: base, base-2, base-3, … (base2, base3 with sep '').
 * `insert` writes with ON CONFLICT (slug) DO NOTHING and returns undefined when the slug turned
 * out to be taken, by a row another transaction committed meanwhile: the unique key decides, so two
 * writers at once each get their own slug and neither fails. `taken` only skips the known ones.
 */
export async function insertUnderFreeSlug<T>(
  base: string,
  taken: (slug: string) => Promise<boolean>,
  insert: (slug: string) => Promise<T | undefined>,
  sep = '-',
): Promise<T> {
  for (let n = 1; n <= 10_000; n++) {
    const candidate = n === 1 ? base : `${base}${sep}${n}`;
    if (await taken(candidate)) continue;
    const row = await insert(candidate);
    if (row !== undefined) return row;
  }
  throw new Error(`no free slug for "${base}"`);
}
