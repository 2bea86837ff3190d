// The demo's training-offer catalogue (/offerta-formativa): three providers of the Labor idea —
// schools and training bodies feeding one catalogue with the employment centres — a regional
// training agency in Toscana (its system publishes through the API), a vocational school in Calabria
// (a CSV upload) and the CPI di Teramo (typed in). Dates are relative to today; one offer has ended
// (expired: out of the catalogue, its page still answers). Skipped when offers exist already.
import type { Tx } from '../../models/db.ts';
import { existingCompetenceCodes } from '../../models/queries/competences.ts';
import { organizations, trainingOffers, type NewTrainingOffer } from '../../models/schema.ts';

const PROVIDERS = [
  {
    slug: 'agenzia-formativa-toscana',
    name: 'Agenzia Formativa Regionale Toscana',
    kind: 'agency' as const,
    region: 'Toscana',
  },
  {
    slug: 'istituto-professionale-cosenza',
    name: 'Istituto Professionale per i Servizi di Cosenza',
    kind: 'other' as const,
    region: 'Calabria',
  },
];

type DemoOffer = Omit<NewTrainingOffer, 'organizationId' | 'startsOn' | 'endsOn'> & {
  provider: string;
  start: number;
  end: number;
};

const OFFERS: DemoOffer[] = [
  {
    provider: 'agenzia-formativa-toscana',
    externalId: 'AFRT-2026-014',
    title: 'Tecnico dell’accoglienza e della profilazione nei servizi per il lavoro',
    providerName: 'Agenzia Formativa Regionale Toscana',
    description:
      'Percorso per operatori di CPI e agenzie accreditate: **colloquio di accoglienza**, profilazione qualitativa e quantitativa, patto di servizio personalizzato.\n\n- 3 moduli in aula\n- 1 project work sul proprio servizio',
    province: 'FI',
    town: 'Firenze',
    start: 12,
    end: 70,
    hours: 60,
    costCents: 0,
    targetAudience: 'Operatori dei Centri per l’Impiego e dei servizi accreditati della Toscana',
    certification: 'competences',
    competenceCodes: ['SPI.ACC.01', 'SPI.ACC.02'],
    url: 'https://formazione.regione.toscana.example/corsi/afrt-2026-014',
    theme: 'servizi-impiego',
    source: 'api',
  },
  {
    provider: 'agenzia-formativa-toscana',
    externalId: 'AFRT-2026-021',
    title: 'Addetto alla logistica di magazzino',
    providerName: 'Agenzia Formativa Regionale Toscana',
    description:
      'Corso di qualifica per disoccupati iscritti al CPI: gestione delle scorte, sicurezza, patentino per carrelli elevatori. Tirocinio di 120 ore in azienda.',
    province: 'PI',
    town: 'Pontedera',
    start: 25,
    end: 160,
    hours: 400,
    costCents: 0,
    targetAudience: 'Persone disoccupate maggiorenni, con priorità ai beneficiari del programma GOL',
    certification: 'qualification',
    competenceCodes: [],
    url: 'https://formazione.regione.toscana.example/corsi/afrt-2026-021',
    theme: 'formazione',
    source: 'api',
  },
  {
    provider: 'agenzia-formativa-toscana',
    externalId: 'AFRT-2026-030',
    title: 'Lettura dei dati del mercato del lavoro per gli osservatori',
    providerName: 'Agenzia Formativa Regionale Toscana',
    description:
      'Webinar in quattro incontri: fonti amministrative (comunicazioni obbligatorie), indicatori, cruscotti e la loro comunicazione a decisori e operatori.',
    online: true,
    start: 5,
    end: 30,
    hours: 12,
    costCents: 0,
    targetAudience: 'Analisti di osservatori regionali e provinciali',
    certification: 'attendance',
    competenceCodes: ['SPI.MDL.01'],
    url: 'https://formazione.regione.toscana.example/corsi/afrt-2026-030',
    theme: 'osservatori',
    source: 'api',
  },
  {
    provider: 'agenzia-formativa-toscana',
    externalId: 'AFRT-2026-033',
    title: 'Competenze digitali di base per la ricerca di lavoro',
    providerName: 'Agenzia Formativa Regionale Toscana',
    description:
      'SPID, curriculum online, candidature e colloqui in videochiamata: laboratorio pratico in piccoli gruppi.',
    province: 'AR',
    town: 'Arezzo',
    start: 40,
    end: 55,
    hours: 20,
    costCents: 0,
    targetAudience: 'Adulti over 50 in cerca di occupazione',
    certification: 'attendance',
    competenceCodes: [],
    url: 'https://formazione.regione.toscana.example/corsi/afrt-2026-033',
    theme: 'invecchiamento-attivo',
    source: 'api',
  },
  {
    provider: 'agenzia-formativa-toscana',
    externalId: 'AFRT-2025-090',
    title: 'Orientamento di gruppo: metodi e strumenti (edizione autunnale)',
    providerName: 'Agenzia Formativa Regionale Toscana',
    description: 'Edizione conclusa: la prossima sarà pubblicata in primavera.',
    province: 'FI',
    town: 'Empoli',
    start: -90,
    end: -10,
    hours: 24,
    costCents: 0,
    targetAudience: 'Orientatori dei servizi pubblici e privati',
    certification: 'attendance',
    competenceCodes: ['SPI.ORI.01'],
    url: 'https://formazione.regione.toscana.example/corsi/afrt-2025-090',
    theme: 'orientamento',
    source: 'api',
  },
  {
    provider: 'istituto-professionale-cosenza',
    externalId: 'IPS-CS-IEFP-01',
    title: 'Operatore della ristorazione – percorso IeFP serale',
    providerName: 'Istituto Professionale per i Servizi di Cosenza',
    description:
      'Percorso triennale serale di Istruzione e Formazione Professionale per adulti: cucina, sala e bar, con stage nelle strutture turistiche della costa.',
    province: 'CS',
    town: 'Cosenza',
    start: 30,
    end: 300,
    hours: 990,
    costCents: 0,
    targetAudience: 'Adulti senza qualifica, segnalati dal CPI di Cosenza',
    certification: 'qualification',
    competenceCodes: [],
    url: 'https://www.ipscosenza.example.it/iefp-serale',
    theme: 'formazione',
    source: 'csv',
  },
  {
    provider: 'istituto-professionale-cosenza',
    externalId: 'IPS-CS-HACCP-02',
    title: 'Igiene degli alimenti (HACCP) – aggiornamento',
    providerName: 'Istituto Professionale per i Servizi di Cosenza',
    description:
      'Corso breve obbligatorio per chi lavora con gli alimenti; test finale e attestato valido per il rinnovo.',
    province: 'CS',
    town: 'Rende',
    start: 8,
    end: 9,
    hours: 8,
    costCents: 4000,
    targetAudience: 'Addetti e titolari di attività alimentari',
    certification: 'license',
    competenceCodes: [],
    url: 'https://www.ipscosenza.example.it/haccp',
    theme: 'formazione',
    source: 'csv',
  },
  {
    provider: 'istituto-professionale-cosenza',
    externalId: 'IPS-CS-ACC-03',
    title: 'Accoglienza turistica plurilingue',
    providerName: 'Istituto Professionale per i Servizi di Cosenza',
    description:
      'Inglese e tedesco per il ricevimento, gestione delle prenotazioni, promozione del territorio calabrese. In collaborazione con le imprese del turismo.',
    province: 'VV',
    town: 'Tropea',
    start: 45,
    end: 120,
    hours: 150,
    costCents: 18000,
    targetAudience: 'Giovani NEET fino a 29 anni',
    certification: 'competences',
    competenceCodes: [],
    url: 'https://www.ipscosenza.example.it/accoglienza-turistica',
    theme: 'formazione',
    source: 'csv',
  },
  {
    provider: 'istituto-professionale-cosenza',
    externalId: 'IPS-CS-ORI-04',
    title: 'Laboratorio di orientamento per le famiglie',
    providerName: 'Istituto Professionale per i Servizi di Cosenza',
    description:
      'Tre pomeriggi con orientatori del CPI per scegliere dopo la terza media: percorsi scolastici, IeFP, apprendistato.',
    province: 'CS',
    town: 'Cosenza',
    start: 15,
    end: 29,
    hours: 9,
    costCents: 0,
    targetAudience: 'Studenti della scuola secondaria di primo grado e le loro famiglie',
    certification: 'none',
    competenceCodes: ['SPI.ORI.02'],
    url: null,
    theme: 'orientamento',
    source: 'csv',
  },
  {
    provider: 'cpi-teramo',
    externalId: null,
    title: 'Bilancio di competenze di gruppo – progetto Labor',
    providerName: 'CPI di Teramo',
    description:
      'Nel solco del progetto **Labor** (sportello unico per lavoro e formazione, capofila la Provincia di Teramo): quattro incontri per riconoscere le proprie competenze e costruire il piano d’azione individuale.',
    province: 'TE',
    town: 'Teramo',
    start: 7,
    end: 35,
    hours: 16,
    costCents: 0,
    targetAudience: 'Persone iscritte al CPI in cerca di nuova occupazione',
    certification: 'none',
    competenceCodes: ['SPI.CMP.01'],
    url: null,
    theme: 'servizi-impiego',
    source: 'form',
  },
  {
    provider: 'cpi-teramo',
    externalId: null,
    title: 'Autoimprenditorialità: dall’idea al business plan',
    providerName: 'CPI di Teramo con la Camera di Commercio',
    description:
      'Percorso di accompagnamento per chi vuole avviare un’attività: forme d’impresa, incentivi regionali, piano economico.',
    province: 'TE',
    town: 'Giulianova',
    start: 20,
    end: 90,
    hours: 48,
    costCents: 0,
    targetAudience: 'Disoccupati e inoccupati residenti in provincia di Teramo',
    certification: 'attendance',
    competenceCodes: [],
    url: null,
    theme: 'servizi-impiego',
    source: 'form',
  },
  {
    provider: 'cpi-teramo',
    externalId: null,
    title: 'Saldatore a filo: corso con tirocinio in azienda',
    providerName: 'CPI di Teramo e Scuola Edile di Pescara',
    description: 'Corso tecnico-pratico richiesto dalle imprese metalmeccaniche della Val Vibrata; selezione al CPI.',
    province: 'PE',
    town: 'Pescara',
    start: 60,
    end: 150,
    hours: 200,
    costCents: 0,
    targetAudience: 'Disoccupati con obbligo scolastico assolto',
    certification: 'qualification',
    competenceCodes: [],
    url: null,
    theme: 'formazione',
    source: 'form',
  },
];

const isoDay = (now: number, days: number) => new Date(now + days * 86_400_000).toISOString().slice(0, 10);

export async function seedOffers(tx: Tx, now: number): Promise<number> {
  const [existing] = await tx.select({ id: trainingOffers.id }).from(trainingOffers).limit(1);
  if (existing) return 0;
  await tx
    .insert(organizations)
    .values(PROVIDERS.map((p) => ({ ...p, verified: true })))
    .onConflictDoNothing();
  const orgIds = new Map(
    (await tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations)).map((o) => [
      o.slug,
      o.id,
    ]),
  );
  const known = await existingCompetenceCodes(tx, [...new Set(OFFERS.flatMap((o) => o.competenceCodes ?? []))]);
  const rows = OFFERS.flatMap(({ provider, start, end, ...o }) => {
    const organizationId = orgIds.get(provider);
    if (organizationId === undefined) return [];
    return [
      {
        ...o,
        organizationId,
        startsOn: isoDay(now, start),
        endsOn: isoDay(now, end),
        competenceCodes: (o.competenceCodes ?? []).filter((c) => known.has(c)),
        createdAt: new Date(now - Math.max(3, 20 - start) * 86_400_000),
      },
    ];
  });
  if (!rows.length) return 0;
  const inserted = await tx.insert(trainingOffers).values(rows).returning({ id: trainingOffers.id });
  return inserted.length;
}
