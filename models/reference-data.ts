// Rows every database needs, the defaults an admin then configures (today: the validation
// protocol's criteria). They are not in a migration so that they are written whenever their table is
// empty: after the migrations (models/migrate.ts), after a test empties the tables, and a restore
// replaces them with the backup's own (server/core/backup.ts).
import type { SqlClient } from './db.ts';

/** Tables filled here: a restore empties them first instead of refusing a "non-empty" database. */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set(['validation_criteria']);

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

/** Writes the defaults into each reference table that is empty (an admin's own rows are kept). */
export async function seedReferenceData(client: SqlClient): Promise<void> {
  // A database migrated from another folder (tests of the migrator) may not have the table.
  const [table] = await client.query<{ found: boolean }>(
    `SELECT to_regclass('public.validation_criteria') IS NOT NULL AS found`,
  );
  if (table?.found) await client.exec(DEFAULT_CRITERIA);
}
