// Demo good practices (seeded by seed-practices.ts). Two complete records for now — TRIO,
// validated with its scores, published and revised once; Labor of Teramo, submitted and waiting
// for the validators — drawn from the seed documents (Tos.Ca., Labor). The full registry of the
// seeds' practices replaces this file.
import type { DemoPractice } from './types.ts';

export const practices: DemoPractice[] = [
  {
    slug: 'trio-formazione-a-distanza',
    title: 'TRIO: il sistema e-learning aperto della Regione Toscana',
    summary:
      'Una piattaforma web di formazione a distanza, gratuita e aperta a tutti i cittadini dal 1998, con moduli didattici e servizi di community.',
    description: [
      'TRIO è il sistema regionale di **formazione a distanza** della Toscana: uno dei primi sistemi aperti, gratuito e libero per tutti i cittadini, attivo dal 1998.',
      '',
      '## Come funziona',
      '',
      '- un catalogo di moduli didattici fruibili via web, in autonomia o con un tutor;',
      '- servizi di community per chi studia e per chi insegna;',
      '- punti di accesso sul territorio per chi non ha una connessione a casa.',
      '',
      'Nel gemellaggio **Tos.Ca.** TRIO è il *Modello A* trasferito dalla Regione Toscana alla Regione Calabria, insieme al Libretto formativo del cittadino (Modello B) e al Sistema regionale delle competenze (Modello C).',
    ].join('\n'),
    organization: 'regione-toscana',
    coOwners: [],
    contact: 'elena.bartolini',
    authors: ['elena.bartolini', 'stefano.guidi'],
    region: 'Toscana',
    territorialLevel: 'regional',
    theme: 'formazione',
    targetUsers:
      'Cittadini che vogliono aggiornare le proprie competenze, lavoratori in cassa integrazione o in mobilità, operatori dei Centri per l’impiego.',
    objectives:
      'Offrire formazione continua accessibile a distanza, in ogni momento; sostenere le politiche attive con moduli brevi e certificabili; ridurre i costi della formazione in presenza.',
    results:
      'Centinaia di migliaia di utenti registrati dal 1998; i moduli completati sono registrati nel Libretto formativo del cittadino.',
    indicators: [
      { name: 'Utenti registrati', value: '200000', unit: 'persone', date: '2012-12-31' },
      { name: 'Moduli didattici nel catalogo', value: '1500', unit: 'moduli', date: '2012-12-31' },
      { name: 'Punti di accesso sul territorio', value: '80', unit: 'sportelli', date: '2012-12-31' },
    ],
    resources:
      'Una struttura regionale di coordinamento, tutor di rete, la piattaforma web e i punti di accesso territoriali.',
    costs:
      'Costi di gestione della piattaforma e dei tutor a carico del bilancio regionale; nessun costo per gli utenti.',
    reuseRequirements:
      'Un’amministrazione regionale che coordini l’offerta, un gruppo di tutor formati e un accordo con la Regione Toscana per il riuso dei contenuti.',
    licence: 'CC BY 4.0',
    startedOn: '1998-01-01',
    endedOn: null,
    links: [
      {
        label: 'Il gemellaggio Tos.Ca. – Valorizzare le competenze dei cittadini',
        url: 'https://www.example.org/tosca',
      },
    ],
    components: [
      {
        code: 'A',
        title: 'Utilizzo della piattaforma e-learning TRIO',
        description:
          'Erogazione di moduli didattici a distanza su piattaforma web accessibile a tutti, con servizi di community.',
      },
      {
        code: 'A.1',
        title: 'Tutoraggio di rete',
        description: 'Tutor che accompagnano gli utenti nei percorsi e animano la community.',
      },
    ],
    kit: [
      {
        kind: 'manual',
        title: 'Manuale per l’avvio di un sistema e-learning regionale',
        url: 'https://www.example.org/trio/manuale.pdf',
      },
      { kind: 'training', title: 'Modulo formativo per i tutor di rete', url: 'https://www.example.org/trio/tutor' },
    ],
    tags: ['e-learning', 'competenze', 'tos.ca.'],
    status: 'published',
    createdDaysAgo: 120,
    returned: {
      validator: 'lucia.ferraro',
      daysAgo: 105,
      comment: 'Aggiungete gli indicatori con la data di rilevazione e i requisiti per il riuso.',
    },
    validation: {
      validator: 'lucia.ferraro',
      decisionDaysAgo: 95,
      scores: {
        efficacia: { score: 4, note: 'Risultati documentati con indicatori pluriennali.' },
        trasferibilita: { score: 4, note: 'Già trasferita alla Regione Calabria nel gemellaggio Tos.Ca.' },
        sostenibilita: { score: 3, note: 'Sostenuta dal bilancio regionale; i tutor restano un costo.' },
        innovazione: { score: 3, note: 'Pioniera nel 1998; oggi la novità è il legame con il Libretto.' },
      },
      strengths: 'Aperta a tutti e gratuita; integrata con il Libretto formativo e il repertorio delle competenze.',
      weaknesses: 'Dipende dalla disponibilità di tutor formati e da un coordinamento regionale stabile.',
      comment: 'Una pratica matura e già trasferita: pronta per il riuso da altre regioni.',
    },
    publishedDaysAgo: 90,
    revisions: [
      {
        daysAgo: 30,
        note: 'Aggiornati i risultati con i dati del trasferimento in Calabria.',
        changes: {
          results:
            'Centinaia di migliaia di utenti registrati dal 1998; i moduli completati sono registrati nel Libretto formativo del cittadino. Nel gemellaggio Tos.Ca. la piattaforma è stata trasferita alla Regione Calabria.',
        },
      },
    ],
    reuses: [],
    stories: [],
  },
  {
    slug: 'labor-sportello-unico-teramo',
    title: 'Labor: uno sportello unico per lavoro e formazione',
    summary:
      'La Provincia di Teramo mette in rete i dati di Comuni, scuole ed enti di formazione con il sistema dei Centri per l’impiego: un solo punto di accesso per cittadini e imprese.',
    description: [
      'Il progetto **Labor, servizi innovativi per il lavoro** (Programma ELISA) integra in un unico sistema i dati che oggi stanno in molti enti: anagrafi comunali, frequenze e abbandoni scolastici, offerta formativa.',
      '',
      '## Che cosa è stato fatto',
      '',
      '- un modulo software di **cooperazione applicativa** che raccoglie i dati delle anagrafi e delle scuole;',
      '- la gestione di borse lavoro, tirocini e voucher formativi, dalla domanda alla rendicontazione;',
      '- la scheda del lavoratore inviata a Ministero del Lavoro, Borsa Lavoro e rete Europass.',
      '',
      'La Provincia di Teramo è capofila di una rete di 12 amministrazioni in sette regioni.',
    ].join('\n'),
    organization: 'provincia-di-teramo',
    coOwners: ['cpi-teramo'],
    contact: 'alessia.marini',
    authors: ['alessia.marini', 'luca.dipietro'],
    region: 'Abruzzo',
    territorialLevel: 'provincial',
    theme: 'e-government',
    targetUsers:
      'Cittadini in cerca di lavoro, imprese, operatori dei Centri per l’impiego, scuole ed enti di formazione.',
    objectives:
      'Potenziare i servizi dei Centri per l’impiego; far circolare le informazioni tra Comuni, scuole ed enti di formazione; offrire un punto di accesso unico all’offerta formativa.',
    results:
      'Cooperazione applicativa attiva con le anagrafi comunali e l’osservatorio scolastico; gestione informatizzata di tirocini, borse lavoro e voucher.',
    indicators: [{ name: 'Amministrazioni nella rete', value: '13', unit: 'enti', date: '2009-03-13' }],
    resources: 'Il sistema informativo provinciale del lavoro, convenzioni con Comuni ed enti di formazione.',
    costs: 'Finanziato dal Programma ELISA (Dipartimento Affari Regionali).',
    reuseRequirements:
      'Un sistema informativo del lavoro provinciale o regionale e convenzioni con i Comuni per l’accesso alle anagrafi.',
    licence: 'EUPL 1.2',
    startedOn: '2008-06-01',
    endedOn: null,
    links: [],
    components: [
      {
        code: 'L1',
        title: 'Cooperazione applicativa con anagrafi e scuole',
        description: 'Raccolta automatica dei dati.',
      },
      {
        code: 'L2',
        title: 'Gestione delle politiche attive',
        description: 'Borse lavoro, tirocini, voucher formativi.',
      },
    ],
    kit: [
      { kind: 'software', title: 'Modulo di cooperazione applicativa', url: 'https://www.example.org/labor/software' },
    ],
    tags: ['cooperazione applicativa', 'sportello unico', 'tirocini'],
    status: 'submitted',
    createdDaysAgo: 20,
    reuses: [],
    stories: [],
  },
];
