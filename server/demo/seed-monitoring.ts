// The demo's monitoring targets (METIDE: from objectives to results): what the network's animator set
// for the current year, so /admin/monitoraggio shows progress against them on first start. Skipped
// when there are targets already or the animator is missing.
import type { Tx } from '../../models/db.ts';
import { monitoringTargets } from '../../models/schema.ts';
import { italianDay } from '../core/time.ts';

const TARGETS = [
  { figure: 'courses_completion_rate', target: 60, note: 'Sei iscritti su dieci arrivano alla fine del percorso.' },
  { figure: 'practices_reused', target: 12, note: 'Una buona pratica riusata al mese da un altro ente.' },
  { figure: 'exchange_conversations', target: 24, note: 'Ogni annuncio Cerco / Offro apre almeno un contatto.' },
  { figure: 'events_attendance_rate', target: 75, note: 'Tre iscritti su quattro presenti agli eventi.' },
];

export async function seedMonitoringTargets(tx: Tx, userIdOf: (key: string) => number | undefined, now: number) {
  const animator = userIdOf('marco.deluca');
  if (animator === undefined) return;
  const [existing] = await tx.select({ id: monitoringTargets.id }).from(monitoringTargets).limit(1);
  if (existing) return;
  const year = italianDay(new Date(now)).slice(0, 4);
  await tx
    .insert(monitoringTargets)
    .values(TARGETS.map((t) => ({ ...t, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, setBy: animator })));
}
