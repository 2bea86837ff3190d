// Demo booklets: the experiences a few demo members declare (drawn from the seeds: the Tos.Ca.
// twinning's training on the Tuscan Libretto formativo attended by Vibo Valentia's CPI, tutoring new
// operators, a master's degree, teaching in the twinning), one recognition validated with its steps
// (after a request for more evidence) and one waiting for the assessors, and one person who shows
// their courses and competences on their profile. The courses' own entries come from their
// completions (seed-courses.ts): written here for the demo learners too, so they are there at once.
// Competences are looked up by code in the repertory; when it lacks them (a database without the
// repertory), experiences keep no competence and no recognition is seeded.
import { createHash } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import {
  attachments,
  bookletEvidence,
  bookletExperienceCompetences,
  bookletExperiences,
  bookletVisibility,
  competenceValidationSteps,
  competenceValidations,
  competences,
  users,
  type CompetenceValidationAction,
  type CompetenceValidationStatus,
  type ExperienceKind,
} from '../../models/schema.ts';
import type { Deps } from '../core/deps.ts';
import { newStorageKey, storeFile } from '../features/attachments/attachments.storage.ts';
import { backfillCourseEntries } from '../features/booklet/booklet.courses.service.ts';

type DemoExperience = {
  handle: string;
  kind: ExperienceKind;
  title: string;
  place: string;
  startedOn: string;
  endedOn: string | null;
  hours: number | null;
  description: string;
  competences: string[];
  /** A certificate of attendance, generated as a small PDF. */
  evidence?: { filename: string; lines: string[] };
  recognition?: {
    competence: string;
    message: string;
    assessor: string;
    steps: { action: CompetenceValidationAction; by: 'owner' | 'assessor'; comment: string; daysAgo: number }[];
    level?: number;
  };
};

const EXPERIENCES: DemoExperience[] = [
  {
    handle: 'domenico.fiumara',
    kind: 'non_formal',
    title: 'Formazione sul Libretto formativo del cittadino (Modello B) – gemellaggio Tos.Ca.',
    place: 'Regione Toscana, Firenze',
    startedOn: '2024-03-18',
    endedOn: '2024-03-22',
    hours: 30,
    description:
      'Cinque giornate con gli operatori del CPI di Firenze sul Libretto formativo toscano: standard regionali, compilazione con la persona, ricostruzione degli apprendimenti non formali e informali. Al rientro ho adattato gli strumenti per il CPI di Vibo Valentia.',
    competences: ['SPI.CMP.01', 'SPI.CMP.03'],
    evidence: {
      filename: 'attestato-libretto-formativo-firenze.pdf',
      lines: [
        'Regione Toscana – Settore Formazione e orientamento',
        'Attestato di partecipazione',
        'Domenico Fiumara ha partecipato al percorso "Il Libretto formativo del cittadino"',
        'Firenze, 18–22 marzo 2024, 30 ore',
      ],
    },
    recognition: {
      competence: 'SPI.CMP.03',
      message:
        "Dopo la formazione a Firenze ho accompagnato dodici persone nella compilazione del libretto al CPI di Vibo Valentia; allego l'attestato.",
      assessor: 'lucia.ferraro',
      level: 5,
      steps: [
        { action: 'requested', by: 'owner', comment: '', daysAgo: 12 },
        {
          action: 'more_info',
          by: 'assessor',
          comment:
            'Puoi descrivere due dei libretti compilati (senza dati personali) e come hai ricostruito le esperienze informali?',
          daysAgo: 9,
        },
        {
          action: 'answered',
          by: 'owner',
          comment:
            'Una persona over 50 con esperienza di magazzino non certificata e un giovane con un servizio civile: per entrambi colloquio, evidenze raccolte e competenze descritte con il repertorio.',
          daysAgo: 6,
        },
        { action: 'validated', by: 'assessor', comment: 'Esperienza documentata e ben descritta.', daysAgo: 2 },
      ],
    },
  },
  {
    handle: 'teresa.gallo',
    kind: 'informal',
    title: "Tutor dei nuovi operatori dell'accoglienza",
    place: "Centro per l'Impiego di Cosenza",
    startedOn: '2022-09-01',
    endedOn: '2023-06-30',
    hours: 80,
    description:
      'Ho affiancato tre colleghi appena assunti nel colloquio di accoglienza, nella registrazione della DID e nella stesura del patto di servizio personalizzato.',
    competences: ['SPI.ACC.01', 'SPI.ACC.03'],
    recognition: {
      competence: 'SPI.ACC.01',
      message:
        "Chiedo il riconoscimento del colloquio di accoglienza: lo conduco dal 2019 e l'ho insegnato ai nuovi colleghi.",
      assessor: 'lucia.ferraro',
      steps: [{ action: 'requested', by: 'owner', comment: '', daysAgo: 3 }],
    },
  },
  {
    handle: 'francesco.romeo',
    kind: 'formal',
    title: 'Master di II livello in Politiche del lavoro e servizi per l’impiego',
    place: 'Università della Calabria, Rende',
    startedOn: '2019-01-15',
    endedOn: '2020-02-28',
    hours: 1500,
    description: 'Tesi sul sistema informativo lavoro regionale e sugli indicatori delle comunicazioni obbligatorie.',
    competences: ['SPI.MDL.01', 'SPI.MDL.03'],
  },
  {
    handle: 'laura.mannucci',
    kind: 'informal',
    title: 'Docente nelle giornate di trasferimento del gemellaggio Tos.Ca. a Vibo Valentia',
    place: 'Comune di Vibo Valentia',
    startedOn: '2024-05-13',
    endedOn: '2024-05-14',
    hours: 12,
    description: 'Ho presentato agli operatori calabresi gli strumenti di orientamento del CPI di Firenze.',
    competences: ['SPI.ACC.04', 'SPI.CMP.03'],
  },
];

/** Who shows what on their profile. */
const VISIBLE = [{ handle: 'domenico.fiumara', showCourses: true, showCompetences: true, showCredentials: true }];

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

function certificate(lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 72, info: { Title: lines[1] } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(11).text(lines[0]!);
  doc.moveDown(2).font('Helvetica-Bold').fontSize(20).text(lines[1]!, { align: 'center' });
  for (const line of lines.slice(2)) doc.moveDown().font('Helvetica').fontSize(12).text(line, { align: 'center' });
  doc.end();
  return done;
}

/** Seeds the demo booklets once (nothing when any experience exists); how many experiences and recognitions. */
export async function seedBookletDemo(deps: Deps): Promise<{ experiences: number; recognitions: number }> {
  const db = deps.database.db;
  const [existing] = await db.select({ id: bookletExperiences.id }).from(bookletExperiences).limit(1);
  if (existing) return { experiences: 0, recognitions: 0 };
  const people = new Map(
    (await db.select({ id: users.id, handle: users.handle }).from(users)).map((u) => [u.handle, u.id]),
  );
  const codes = [...new Set(EXPERIENCES.flatMap((e) => e.competences))];
  const repertory = new Map(
    (
      await db
        .select({ id: competences.id, code: competences.code })
        .from(competences)
        .where(inArray(competences.code, codes))
    ).map((c) => [c.code, c.id]),
  );
  // Entries of the demo learners' completed courses (their events may not be delivered yet).
  for (const id of people.values()) await backfillCourseEntries(deps, id);

  let experiences = 0;
  let recognitions = 0;
  for (const x of EXPERIENCES) {
    const userId = people.get(x.handle);
    if (!userId) continue;
    const evidence = x.evidence ? await certificate(x.evidence.lines) : undefined;
    const storageKey = evidence ? newStorageKey() : undefined;
    if (evidence && storageKey) await storeFile(deps.config.attachmentsDir, storageKey, evidence);
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(bookletExperiences)
        .values({
          userId,
          kind: x.kind,
          title: x.title,
          place: x.place,
          startedOn: x.startedOn,
          endedOn: x.endedOn,
          hours: x.hours,
          description: x.description,
          createdAt: daysAgo(45),
          updatedAt: daysAgo(45),
        })
        .returning({ id: bookletExperiences.id });
      const competenceIds = x.competences.map((c) => repertory.get(c)).filter((id): id is number => id !== undefined);
      if (competenceIds.length)
        await tx
          .insert(bookletExperienceCompetences)
          .values(competenceIds.map((competenceId) => ({ experienceId: row!.id, competenceId })));
      if (evidence && storageKey && x.evidence) {
        const [file] = await tx
          .insert(attachments)
          .values({
            uploaderId: userId,
            filename: x.evidence.filename,
            mime: 'application/pdf',
            size: evidence.length,
            sha256: createHash('sha256').update(evidence).digest('hex'),
            storageKey,
          })
          .returning({ id: attachments.id });
        await tx.insert(bookletEvidence).values({ attachmentId: file!.id, experienceId: row!.id });
      }
      experiences++;
      const r = x.recognition;
      const competenceId = r ? repertory.get(r.competence) : undefined;
      const assessorId = r ? people.get(r.assessor) : undefined;
      if (!r || !competenceId || !assessorId) return;
      const last = r.steps.at(-1)!;
      const status: CompetenceValidationStatus =
        last.action === 'validated' || last.action === 'refused' || last.action === 'more_info'
          ? last.action
          : 'requested';
      const decided = status === 'validated' || status === 'refused';
      const [validation] = await tx
        .insert(competenceValidations)
        .values({
          userId,
          competenceId,
          experienceId: row!.id,
          status,
          message: r.message,
          assessorId: r.steps.some((s) => s.by === 'assessor') ? assessorId : null,
          level: decided ? (r.level ?? null) : null,
          reason: decided ? last.comment : '',
          createdAt: daysAgo(r.steps[0]!.daysAgo),
          updatedAt: daysAgo(last.daysAgo),
          decidedAt: decided ? daysAgo(last.daysAgo) : null,
        })
        .returning({ id: competenceValidations.id });
      await tx.insert(competenceValidationSteps).values(
        r.steps.map((s) => ({
          validationId: validation!.id,
          actorId: s.by === 'owner' ? userId : assessorId,
          action: s.action,
          comment: s.action === 'requested' ? r.message : s.comment,
          createdAt: daysAgo(s.daysAgo),
        })),
      );
      // As a live validation does: the credentials feature issues the competence's credential on it.
      if (last.action === 'validated')
        await deps.bus.record(tx, 'competence.validated', {
          validationId: validation!.id,
          userId,
          competenceId,
          level: r.level ?? null,
          assessorId,
        });
      recognitions++;
    });
  }
  for (const v of VISIBLE) {
    const userId = people.get(v.handle);
    if (userId)
      await db
        .insert(bookletVisibility)
        .values({
          userId,
          showCourses: v.showCourses,
          showCompetences: v.showCompetences,
          showCredentials: v.showCredentials,
        })
        .onConflictDoNothing();
  }
  // The validated recognition of a person who shows their competences is in the feed's history (as
  // seed.ts writes the rest of it: directly, dated when it happened).
  await db.execute(sql`
    INSERT INTO activities (type, actor_id, object_type, object_id, object_title, object_url, audience, created_at)
    SELECT 'competence.recognized', v.user_id, 'competence', v.id, c.title, '/membri/' || v.user_id || '#competenze', 'public', v.decided_at
      FROM competence_validations v JOIN competences c ON c.id = v.competence_id
      JOIN booklet_visibility b ON b.user_id = v.user_id AND b.show_competences
     WHERE v.status = 'validated'`);
  return { experiences, recognitions };
}
