// The demo practices' competences: which codes of the repertory (loaded as reference data, see
// models/reference-data.ts) each develops, so the competence pages list them. Runs inside the
// demo's transaction after the practices; a practice that already names competences, or is
// missing, is left as it is, and codes the repertory lacks are skipped.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../models/db.ts';
import { competences, practices } from '../../models/schema.ts';

export const DEMO_PRACTICE_COMPETENCES: Record<string, string[]> = {
  'trio-e-learning-toscana': ['SPI.FOR.01', 'SPI.FOR.02', 'SPI.COM.01'],
  'libretto-formativo-del-cittadino': ['SPI.CMP.01', 'SPI.CMP.03', 'SPI.CMP.04'],
  'repertorio-toscano-figure-professionali': ['SPI.CMP.02'],
  'servizi-integrati-sociali-lavoro-firenze': ['SPI.ACC.03', 'SPI.ACC.04'],
  'manuale-monitoraggio-reti-follow-me': ['SPI.MDL.05'],
  'palestra-lavoro-autovalutazione': ['SPI.ORI.03', 'SPI.AGE.01'],
};

/** Sets each listed demo practice's competences; returns how many practices it changed. */
export async function seedPracticeCompetences(tx: Tx): Promise<number> {
  const wanted = [...new Set(Object.values(DEMO_PRACTICE_COMPETENCES).flat())];
  const known = new Set(
    (await tx.select({ code: competences.code }).from(competences).where(inArray(competences.code, wanted))).map(
      (r) => r.code,
    ),
  );
  let changed = 0;
  for (const [slug, codes] of Object.entries(DEMO_PRACTICE_COMPETENCES)) {
    const present = codes.filter((c) => known.has(c));
    if (!present.length) continue;
    const rows = await tx
      .update(practices)
      .set({ competenceCodes: present })
      .where(and(eq(practices.slug, slug), sql`cardinality(${practices.competenceCodes}) = 0`))
      .returning({ id: practices.id });
    changed += rows.length;
  }
  return changed;
}
