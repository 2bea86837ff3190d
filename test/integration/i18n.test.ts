import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT_DIR } from '../../server/config.ts';
import { hasKey, loadCatalogue } from '../../server/core/i18n.ts';

async function files(dir: string, ext: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(full, ext)));
    else if (entry.name.endsWith(ext)) out.push(full);
  }
  return out;
}

function flatten(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('translations', () => {
  it('has the same keys in Italian and English', () => {
    expect(flatten(loadCatalogue('en')).sort()).to.deep.equal(flatten(loadCatalogue('it')).sort());
  });

  it('has every key that templates and code name literally, in both languages', async () => {
    const used = new Set<string>();
    for (const file of await files(path.join(ROOT_DIR, 'views'), '.hbs')) {
      for (const m of (await readFile(file, 'utf8')).matchAll(/[{(]t "([\w.]+)"/g)) used.add(m[1]!);
      for (const m of (await readFile(file, 'utf8')).matchAll(
        /label="([\w]+\.[\w.]+)"|help="([\w]+\.[\w.]+)"|any="([\w]+\.[\w.]+)"/g,
      )) {
        used.add((m[1] ?? m[2] ?? m[3])!);
      }
    }
    for (const file of await files(path.join(ROOT_DIR, 'server'), '.ts')) {
      for (const m of (await readFile(file, 'utf8')).matchAll(
        /'((?:errors|validation|register|login|tokens|profile|admin|nav)\.[a-z_]+)'/g,
      ))
        used.add(m[1]!);
      for (const m of (await readFile(file, 'utf8')).matchAll(/msg\('([a-z_]+)'\)/g)) used.add(`validation.${m[1]}`);
    }
    expect(used.size).to.be.greaterThan(100);
    const missing = [...used].filter(
      (k) => !(hasKey(k, 'it') || hasKey(`${k}_other`, 'it')) || !(hasKey(k, 'en') || hasKey(`${k}_other`, 'en')),
    );
    expect(missing).to.deep.equal([]);
  });

  it('keeps user-facing text out of templates', async () => {
    const offenders: string[] = [];
    for (const file of await files(path.join(ROOT_DIR, 'views'), '.hbs')) {
      const text = (await readFile(file, 'utf8'))
        .replace(/\{\{!--[\s\S]*?--\}\}/g, '')
        .replace(/\{\{[\s\S]*?\}\}/g, ' ')
        .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
        .replace(/<[^>]+>/g, '\n');
      for (const line of text.split('\n')) {
        const words = line.trim();
        // Language names are shown in their own language on purpose; symbols and separators are not text.
        if (/[A-Za-zÀ-ÿ]{3,}/.test(words) && !/^(Italiano|English|ITA|ENG)$/.test(words))
          offenders.push(`${path.relative(ROOT_DIR, file)}: ${words}`);
      }
    }
    expect(offenders).to.deep.equal([]);
  });
});
