// The booklet's PDF on hostile text: `node bench/booklet-pdf.ts`. Renders a booklet of N declared
// experiences (BENCH_EXPERIENCES, default 200) with ordinary sentences and with unbroken
// 5,000-character runs (which booklet.pdf.ts `breakable` gives a soft hyphen every 40 characters), and
// prints the time each took on this process's thread: the time every other request waits.
import { renderBookletPdf } from '../server/features/booklet/booklet.pdf.ts';

const N = Number(process.env.BENCH_EXPERIENCES ?? 200);
const sentence = 'Ho accompagnato i nuovi operatori nel colloquio di accoglienza e nella registrazione. ';
const run = 'x'.repeat(5000);

function booklet(text: string) {
  return {
    person: { name: 'Prova', organization: null, jobTitle: '', region: '' },
    entries: [],
    competences: [],
    requests: [],
    declared: Array.from({ length: N }, () => ({
      title: text.slice(0, 200),
      kind: 'informal',
      place: text.slice(0, 500),
      startedOn: '2024-01-01',
      endedOn: null,
      hours: null,
      description: text,
      competences: [],
      evidence: [],
    })),
  };
}

const t = ((k: string) => k) as never;
async function time(label: string, b: unknown): Promise<void> {
  const started = performance.now();
  const pdf = await renderBookletPdf(b as never, [], { platform: 'Rete SPI', url: 'http://x', t, lang: 'it' });
  console.log(
    `${label.padEnd(46)} ${String(Math.round(performance.now() - started)).padStart(7)} ms  ${pdf.length} bytes`,
  );
}

console.log(`booklet PDF, ${N} declared experiences`);
await time('ordinary sentences (5,000 characters each)', booklet(sentence.repeat(60)));
await time('unbroken 5,000-character runs', booklet(run));
