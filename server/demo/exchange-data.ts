// Demo Cerco / Offro posts (seed-exchange.ts). `expectedBestMatch` labels what a careful reader would
// rank first for a post: test/integration/exchange/matching-quality.test.ts checks that matching does.
import type { DemoExchangePost } from './types.ts';

export const exchangePosts: DemoExchangePost[] = [
  {
    key: 'cerco-accoglienza-over50',
    kind: 'cerco',
    author: 'domenico.fiumara',
    organization: 'cpi-vibo-valentia',
    title: 'Cerchiamo un modello di accoglienza per disoccupati over 50',
    description:
      "Al CPI di Vibo Valentia un terzo delle persone che si presentano ha più di 50 anni ed è senza lavoro da oltre un anno. Cerchiamo un'esperienza già collaudata di **accoglienza e presa in carico dei disoccupati over 50**: colloquio di orientamento, bilancio delle competenze, percorsi di riqualificazione e contatti con le imprese del territorio.\n\nCi interessano anche gli strumenti: schede di colloquio, questionari, materiali per gli operatori.",
    theme: 'servizi-impiego',
    region: 'Calabria',
    createdDaysAgo: 12,
    expectedBestMatch: { kind: 'exchange', key: 'offro-accoglienza-over50' },
  },
  {
    key: 'offro-accoglienza-over50',
    kind: 'offro',
    author: 'laura.mannucci',
    organization: 'cpi-firenze',
    title: 'Offriamo il nostro percorso di accoglienza dei disoccupati over 50',
    description:
      'Dal 2019 il CPI di Firenze accoglie i disoccupati over 50 con un percorso in tre incontri: colloquio di accoglienza, bilancio delle competenze e piano di riqualificazione concordato, con una rete di imprese del territorio disponibili a tirocini.\n\nMettiamo a disposizione le schede di colloquio, il questionario di bilancio e una giornata di affiancamento per gli operatori.',
    theme: 'servizi-impiego',
    region: 'Toscana',
    createdDaysAgo: 30,
    expectedBestMatch: { kind: 'exchange', key: 'cerco-accoglienza-over50' },
  },
  {
    key: 'cerco-monitoraggio-rete',
    kind: 'cerco',
    author: 'roberto.dangelo',
    organization: 'provincia-di-teramo',
    title: 'Cerchiamo strumenti per il monitoraggio della rete dei servizi',
    description:
      'La Provincia di Teramo coordina lo sportello unico Labor con i comuni e i CPI. Cerchiamo un manuale o un questionario per il **monitoraggio e la valutazione del funzionamento della rete**: indicatori, cadenza delle rilevazioni, restituzione dei risultati ai partner.',
    theme: 'osservatori',
    region: 'Abruzzo',
    createdDaysAgo: 8,
    expectedBestMatch: { kind: 'exchange', key: 'offro-monitoraggio-rete' },
  },
  {
    key: 'offro-monitoraggio-rete',
    kind: 'offro',
    author: 'claudia.russo',
    organization: 'osservatorio-mercato-lavoro-campania',
    title: 'Offriamo il manuale di monitoraggio delle reti territoriali',
    description:
      "L'Osservatorio ha scritto e sperimentato con dieci reti locali un manuale per il monitoraggio delle reti: il questionario per i partner, gli indicatori di funzionamento, la valutazione annuale e la restituzione dei risultati in un incontro di rete.\n\nLo condividiamo volentieri e possiamo accompagnare la prima rilevazione.",
    theme: 'osservatori',
    region: 'Campania',
    createdDaysAgo: 20,
    expectedBestMatch: { kind: 'exchange', key: 'cerco-monitoraggio-rete' },
  },
];
