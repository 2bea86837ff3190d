// Rows every database needs, the defaults an admin then configures (the validation protocol's
// criteria) or extends (the competence repertory). They are not in a migration so that they are
// written whenever their table is empty: after the migrations (models/migrate.ts), after a test
// empties the tables, and a restore replaces them with the backup's own (server/core/backup.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SqlClient } from './db.ts';

/**
 * Tables filled here: a restore empties them first instead of refusing a "non-empty" database.
 * In the order a restore may empty them (a competence before its area, an area before its profile).
 */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set([
  // The site-wide privacy rule's default, written by 0029_privacy.sql.
  'privacy_settings',
  'validation_criteria',
  'competences',
  'competence_areas',
  'competence_profiles',
]);

/** The competence repertory shipped with the platform (its source and licence are in the file). */
export const REPERTORY_FILE = path.join(import.meta.dirname, 'reference', 'repertorio-spi.json');

const DEFAULT_CRITERIA = `
INSERT INTO validation_criteria (key, label_it, label_en, description_it, description_en, position)
SELECT * FROM (VALUES
  ('efficacia', 'Efficacia documentata', 'Documented effectiveness',
   'Risultati misurati con indicatori ed evidenze.', 'Results measured with indicators and evidence.', 1),
  ('trasferibilita', 'Trasferibilità', 'Transferability',
   'Può essere riusata da altre amministrazioni e in altri territori.', 'Other administrations and territories can reuse it.', 2),
  ('sostenibilita', 'Sostenibilità', 'Sustainability',
   'Continua nel tempo con risorse ordinarie.', 'It lasts with ordinary resources.', 3),
  ('innovazione', 'Innovazione', 'Innovation',
   'Introduce soluzioni nuove rispetto alla prassi.', 'It brings new solutions compared with usual practice.', 4),
  ('coerenza-quadri', 'Coerenza con i quadri di riferimento', 'Alignment with reference frameworks',
   'Coerente con i quadri locali, nazionali ed europei.', 'Consistent with local, national and European frameworks.', 5)
) AS defaults (key, label_it, label_en, description_it, description_en, position)
WHERE NOT EXISTS (SELECT 1 FROM validation_criteria)`;

/** A list of knowledge or skills: one item per line in the database, an array or a text in the file. */
export const linesOf = (v: unknown): string => (Array.isArray(v) ? v.map(String).join('\n') : String(v ?? ''));

type RepertoryFile = {
  profiles: {
    code: string;
    title: string;
    description?: string;
    areas: {
      code: string;
      title: string;
      description?: string;
      competences: {
        code: string;
        title: string;
        description?: string;
        knowledge?: string | string[];
        skills?: string | string[];
        eqfLevel?: number | null;
        escoUri?: string | null;
      }[];
    }[];
  }[];
};

/** The shipped repertory as three row lists (parents named by code), read once per process. */
let repertoryRows: { profiles: string; areas: string; competences: string } | undefined;
function shippedRepertory() {
  if (repertoryRows) return repertoryRows;
  const file = JSON.parse(readFileSync(REPERTORY_FILE, 'utf8')) as RepertoryFile;
  const profiles = file.profiles.map((p, i) => ({
    code: p.code,
    title: p.title,
    description: p.description ?? '',
    position: i,
  }));
  const areas = file.profiles.flatMap((p) =>
    p.areas.map((a, i) => ({
      code: a.code,
      profile: p.code,
      title: a.title,
      description: a.description ?? '',
      position: i,
    })),
  );
  const competences = file.profiles.flatMap((p) =>
    p.areas.flatMap((a) =>
      a.competences.map((c, i) => ({
        code: c.code,
        area: a.code,
        title: c.title,
        description: c.description ?? '',
        knowledge: linesOf(c.knowledge),
        skills: linesOf(c.skills),
        eqf_level: c.eqfLevel ?? null,
        esco_uri: c.escoUri || null,
        position: i,
      })),
    ),
  );
  repertoryRows = {
    profiles: JSON.stringify(profiles),
    areas: JSON.stringify(areas),
    competences: JSON.stringify(competences),
  };
  return repertoryRows;
}

/**
 * The shipped repertory, in one statement (it runs after every test's reset): profiles, then their
 * areas, then the competences, each joined to its parent by code; nothing when a profile exists.
 */
const REPERTORY = `
WITH p AS (
  INSERT INTO competence_profiles (code, title, description, position)
  SELECT code, title, description, position FROM jsonb_to_recordset($1::jsonb)
      AS x (code text, title text, description text, position int)
   WHERE NOT EXISTS (SELECT 1 FROM competence_profiles)
  RETURNING id, code
), a AS (
  INSERT INTO competence_areas (code, profile_id, title, description, position)
  SELECT x.code, p.id, x.title, x.description, x.position FROM jsonb_to_recordset($2::jsonb)
      AS x (code text, profile text, title text, description text, position int) JOIN p ON p.code = x.profile
  RETURNING id, code
)
INSERT INTO competences (code, area_id, title, description, knowledge, skills, eqf_level, esco_uri, position)
SELECT x.code, a.id, x.title, x.description, x.knowledge, x.skills, x.eqf_level, x.esco_uri, x.position
  FROM jsonb_to_recordset($3::jsonb)
    AS x (code text, area text, title text, description text, knowledge text, skills text, eqf_level smallint, esco_uri text, position int)
  JOIN a ON a.code = x.area`;

/** Writes the defaults into each reference table that is empty (an admin's own rows are kept). */
export async function seedReferenceData(client: SqlClient): Promise<void> {
  // A database migrated from another folder (tests of the migrator) may not have the tables.
  const [tables] = await client.query<{ criteria: boolean; repertory: boolean }>(
    `SELECT to_regclass('public.validation_criteria') IS NOT NULL AS criteria,
            to_regclass('public.competence_profiles') IS NOT NULL AS repertory`,
  );
  if (tables?.criteria) await client.exec(DEFAULT_CRITERIA);
  if (tables?.repertory) {
    const rows = shippedRepertory();
    await client.query(REPERTORY, [rows.profiles, rows.areas, rows.competences]);
  }
}
