// A small course written to a temporary folder, with overrides to break it on purpose.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SAMPLE_QUIZ = `title: Verifica di prova
passingScore: 75
maxAttempts: 2
questions:
  - id: did
    kind: single
    text: Che cos'è la DID?
    choices:
      - id: a
        text: Un contratto di lavoro
        feedback: No, la DID non è un contratto.
      - id: b
        text: La dichiarazione di immediata disponibilità
        feedback: Esatto.
    answer: b
    explanation: La DID apre il percorso al Centro per l'Impiego.
  - id: strumenti
    kind: multiple
    text: Quali sono strumenti della presa in carico?
    choices:
      - id: patto
        text: Il patto di servizio
      - id: ferie
        text: Il piano ferie
      - id: profilo
        text: La profilazione
    answer: [patto, profilo]
  - id: online
    kind: truefalse
    text: La DID si può rendere online.
    answer: true
    feedback:
      true: Sì, anche online.
      false: In realtà si può.
  - id: sigla
    kind: text
    text: Come si chiama l'accordo tra CPI e persona?
    expected: ["patto di servizio personalizzato", "patto di servizio"]
`;

export const RIGHT_ANSWERS = { did: 'b', strumenti: ['patto', 'profilo'], online: 'true', sigla: 'Patto di Servizio' };

export type SampleCourse = {
  slug?: string;
  courseYml?: string;
  extraCourseYml?: string;
  lessons?: Record<string, string>;
  quizzes?: Record<string, string>;
  images?: Record<string, string>;
};

export const lesson = (title: string, module: string, body = 'Testo della lezione.', extra = '') =>
  `---\ntitle: "${title}"\nmodule: ${module}\nminutes: 10\nkind: reading\n${extra}---\n${body}\n`;

export function courseYml(title = 'Corso di prova', extra = ''): string {
  return `title: "${title}"
summary: Un corso per le prove automatiche.
audience: Operatori dei Centri per l'Impiego
theme: accoglienza
hours: 3
level: base
animators:
  - handle: anna.animatrice
    name: Anna Animatrice
competences:
  - code: SPI.ACC.01
    title: Accogliere le persone
modules:
  - slug: primo
    title: Primo modulo
  - slug: secondo
    title: Secondo modulo
${extra}`;
}

/** Writes courses under a new temporary folder and returns it. */
export async function writeCourses(courses: SampleCourse[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'retespi-corsi-'));
  for (const c of courses) await writeCourse(root, c);
  return root;
}

export async function writeCourse(root: string, c: SampleCourse): Promise<string> {
  const dir = path.join(root, c.slug ?? 'corso-prova');
  await mkdir(path.join(dir, 'lessons'), { recursive: true });
  await mkdir(path.join(dir, 'quizzes'), { recursive: true });
  await mkdir(path.join(dir, 'images'), { recursive: true });
  await writeFile(path.join(dir, 'course.yml'), c.courseYml ?? courseYml(undefined, c.extraCourseYml ?? ''));
  const lessons = c.lessons ?? {
    '01-benvenuto.md': lesson('Benvenuto', 'primo', 'Il percorso.\n\n![Schema del percorso](images/schema.svg)'),
    '02-la-did.md': lesson('La DID', 'primo'),
    '03-il-patto.md': lesson('Il patto di servizio', 'secondo'),
  };
  for (const [name, text] of Object.entries(lessons)) await writeFile(path.join(dir, 'lessons', name), text);
  for (const [name, text] of Object.entries(c.quizzes ?? { 'verifica.yml': SAMPLE_QUIZ }))
    await writeFile(path.join(dir, 'quizzes', name), text);
  const images = c.images ?? {
    'schema.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
  };
  for (const [name, text] of Object.entries(images)) await writeFile(path.join(dir, 'images', name), text);
  return dir;
}
