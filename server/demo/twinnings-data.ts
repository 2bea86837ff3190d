// Demo twinnings. The Tos.Ca. twinning of the seeds (Regione Toscana and Comune di Firenze transfer
// five models to Regione Calabria and Comune di Vibo Valentia), running; Labor from Teramo to
// Cosenza, closed with its outcomes; the Tuscan repertory to Puglia, just approved; Florence's
// integrated services proposed by Pordenone. Days are relative to the seeding day (negative: past).
import type { DemoThread } from './discussions-data.ts';

export type DemoMilestone = {
  title: string;
  due: number;
  status: 'planned' | 'in_progress' | 'done';
  evidence?: string;
};
export type DemoModel = {
  code: string;
  title: string;
  description: string;
  offering: string;
  receiving: string;
  practice: string;
  responsible: string;
  milestones: DemoMilestone[];
  outcome?: { outcome: 'adopted' | 'adapted' | 'not_adopted'; notes: string; by: string };
  thread?: DemoThread['posts'];
};
export type DemoTwinning = {
  slug: string;
  title: string;
  summary: string;
  status: 'proposed' | 'approved' | 'in_progress' | 'completed' | 'closed';
  startsIn: number;
  endsIn: number;
  createdDaysAgo: number;
  programme: string;
  priorities: string[];
  region: string;
  theme: 'servizi-impiego' | 'formazione' | 'inclusione-sociale' | 'prima-infanzia';
  meetingUrl?: string;
  proposedBy: string;
  approvedBy?: string;
  offering: string[];
  receiving: { slug: string; objectives: string }[];
  practices: string[];
  expectedResults: string;
  achievedResults?: string;
  participants: { key: string; role: 'referent' | 'operator' | 'expert' | 'observer' }[];
  general: DemoThread['posts'];
  models: DemoModel[];
};

const TOSCA_SUMMARY = `Il gemellaggio ha per oggetto il trasferimento di buone pratiche sviluppate e consolidate nella **Regione Toscana** e nel **Comune di Firenze** nell’ambito delle politiche sociali, educative e del lavoro:

- il sistema e-learning **TRIO**, uno dei primi sistemi aperti e gratuiti di formazione a distanza (nasce nel 1998);
- il **Libretto formativo del cittadino**, strumento cardine delle politiche attive per i lavoratori in cassa integrazione e in mobilità;
- il **repertorio delle competenze** toscano, riferimento per i repertori di altre regioni;
- il modello di **integrazione dei servizi sociali e per il lavoro** del Comune di Firenze;
- l’organizzazione dei **servizi per la prima infanzia** del Comune di Firenze.

I primi tre modelli passano dalla Regione Toscana alla Regione Calabria, gli ultimi due dal Comune di Firenze al Comune di Vibo Valentia.`;

export const demoTwinnings: DemoTwinning[] = [
  {
    slug: 'tos-ca-valorizzare-le-competenze-dei-cittadini',
    title: 'Tos.Ca. – Valorizzare le competenze dei cittadini',
    summary: TOSCA_SUMMARY,
    status: 'in_progress',
    startsIn: -300,
    endsIn: 120,
    createdDaysAgo: 320,
    programme: 'AGIRE POR 2007-2013',
    priorities: [
      'QSN priorità 1 – Miglioramento e valorizzazione delle risorse umane',
      'QSN priorità 4 – Inclusione sociale e servizi per la qualità della vita',
      'QSN priorità 10 – Governance e capacità istituzionali',
      'Obiettivo di servizio: servizi di cura per l’infanzia',
    ],
    region: 'Calabria',
    theme: 'formazione',
    meetingUrl: 'https://streaming.example.org/formez/tos-ca',
    proposedBy: 'chiara.santoro',
    approvedBy: 'chiara.santoro',
    offering: ['regione-toscana', 'comune-di-firenze'],
    receiving: [
      {
        slug: 'regione-calabria',
        objectives:
          'Sviluppare logiche e strumenti di programmazione regionale per recuperare i ritardi nei servizi sociali, educativi e per l’occupabilità: ammodernamento del sistema formativo e di orientamento, standard professionali, certificazione delle competenze.',
      },
      {
        slug: 'comune-di-vibo-valentia',
        objectives:
          'Migliorare gli interventi in atto e sperimentare servizi integrati sociali e per il lavoro e servizi per la prima infanzia, elevando la qualificazione delle risorse umane e organizzative.',
      },
    ],
    practices: [
      'trio-e-learning-toscana',
      'libretto-formativo-del-cittadino',
      'repertorio-toscano-figure-professionali',
      'servizi-integrati-sociali-lavoro-firenze',
      'servizi-prima-infanzia-firenze',
    ],
    expectedResults: `Rafforzare le amministrazioni calabresi nell’accrescimento e nella qualificazione delle competenze: più occasioni di *life long learning*, servizi sociali migliori, politiche di inclusione integrate per la prima infanzia e il lavoro, e una governance che coordini regione e comune.`,
    participants: [
      { key: 'elena.bartolini', role: 'referent' },
      { key: 'sara.innocenti', role: 'referent' },
      { key: 'francesco.romeo', role: 'referent' },
      { key: 'antonio.barbieri', role: 'referent' },
      { key: 'stefano.guidi', role: 'expert' },
      { key: 'andrea.pieri', role: 'expert' },
      { key: 'mariagrazia.scalise', role: 'operator' },
      { key: 'rosa.pugliese', role: 'operator' },
      { key: 'domenico.fiumara', role: 'operator' },
      { key: 'teresa.gallo', role: 'observer' },
    ],
    general: [
      {
        author: 'chiara.santoro',
        daysAgo: 298,
        body: 'Questa è la discussione generale del gemellaggio **Tos.Ca.**: partecipate anche voi e lasciate la vostra testimonianza. Qui trovate il cronoprogramma dei cinque modelli e gli incontri in diretta.',
      },
      {
        author: 'francesco.romeo',
        daysAgo: 290,
        body: 'Per la Regione Calabria il primo passo è l’analisi dei fabbisogni dei CPI: entro fine mese condividiamo la mappa delle sedi che useranno TRIO.',
      },
      {
        author: 'elena.bartolini',
        daysAgo: 288,
        body: 'Ottimo. Da parte toscana mettiamo a disposizione gli amministratori della piattaforma per le prime due sessioni di affiancamento.',
        replyTo: 1,
      },
      {
        author: 'antonio.barbieri',
        daysAgo: 120,
        body: 'A Vibo Valentia il tavolo tra servizi sociali e Centro per l’Impiego si riunisce ogni due settimane: il modello D comincia a funzionare.',
      },
    ],
    models: [
      {
        code: 'A',
        title: 'Utilizzo della piattaforma e-learning TRIO',
        description:
          'Erogazione di moduli didattici a distanza su una piattaforma web accessibile a tutti, con servizi di community.',
        offering: 'regione-toscana',
        receiving: 'regione-calabria',
        practice: 'trio-e-learning-toscana',
        responsible: 'Elena Bartolini (Regione Toscana), Francesco Romeo (Regione Calabria)',
        milestones: [
          {
            title: 'Analisi dei fabbisogni formativi dei CPI calabresi',
            due: -270,
            status: 'done',
            evidence: 'Report di analisi approvato dal tavolo regionale',
          },
          {
            title: 'Piattaforma TRIO configurata per la Calabria',
            due: -200,
            status: 'done',
            evidence: 'Ambiente attivo con 12 moduli a catalogo',
          },
          {
            title: 'Formazione dei tutor regionali',
            due: -90,
            status: 'done',
            evidence: '24 tutor formati in tre sessioni blended',
          },
          { title: 'Primi 500 utenti calabresi iscritti', due: 30, status: 'in_progress' },
        ],
        thread: [
          {
            author: 'elena.bartolini',
            daysAgo: 260,
            body: 'Il catalogo dei moduli TRIO è pronto: scegliete quali attivare per primi.',
          },
          {
            author: 'mariagrazia.scalise',
            daysAgo: 255,
            body: 'Partiamo con accoglienza, bilancio di competenze e sicurezza sul lavoro.',
          },
        ],
      },
      {
        code: 'B',
        title: 'Libretto formativo del cittadino',
        description:
          'Registrazione delle competenze del cittadino, standard regionali di riconoscimento e certificazione.',
        offering: 'regione-toscana',
        receiving: 'regione-calabria',
        practice: 'libretto-formativo-del-cittadino',
        responsible: 'Stefano Guidi (Regione Toscana), Maria Grazia Scalise (Regione Calabria)',
        milestones: [
          {
            title: 'Delibera regionale sul Libretto formativo',
            due: -180,
            status: 'done',
            evidence: 'Delibera della Giunta regionale della Calabria',
          },
          { title: 'Seminario regionale sul Libretto a Vibo Valentia', due: 40, status: 'planned' },
          { title: 'Primi libretti rilasciati dai CPI', due: -10, status: 'in_progress' },
        ],
      },
      {
        code: 'C',
        title: 'Sistema regionale delle competenze',
        description:
          'Regole, procedure e format per rappresentare le competenze nella programmazione formativa e nel riconoscimento degli apprendimenti non formali e informali.',
        offering: 'regione-toscana',
        receiving: 'regione-calabria',
        practice: 'repertorio-toscano-figure-professionali',
        responsible: 'Stefano Guidi (Regione Toscana)',
        milestones: [
          {
            title: 'Confronto tra repertorio toscano e profili calabresi',
            due: -150,
            status: 'done',
            evidence: 'Tavola di corrispondenza di 48 figure',
          },
          { title: 'Repertorio calabrese adottato', due: 90, status: 'planned' },
        ],
      },
      {
        code: 'D',
        title: 'Servizi territoriali integrati (sociali e per l’occupabilità)',
        description:
          'Processi di servizio integrati per il riconoscimento delle competenze dei cittadini: orientamento, e-learning, Libretto formativo.',
        offering: 'comune-di-firenze',
        receiving: 'comune-di-vibo-valentia',
        practice: 'servizi-integrati-sociali-lavoro-firenze',
        responsible: 'Sara Innocenti (Comune di Firenze), Antonio Barbieri (Comune di Vibo Valentia)',
        milestones: [
          {
            title: 'Protocollo tra servizi sociali e CPI',
            due: -160,
            status: 'done',
            evidence: 'Protocollo firmato dal Comune e dal CPI di Vibo Valentia',
          },
          { title: 'Sportello integrato aperto al pubblico', due: -20, status: 'in_progress' },
        ],
        thread: [
          {
            author: 'sara.innocenti',
            daysAgo: 150,
            body: 'Vi mandiamo la scheda di presa in carico congiunta che usiamo a Firenze.',
          },
          {
            author: 'rosa.pugliese',
            daysAgo: 148,
            body: 'Grazie! La adattiamo ai nostri servizi e la proviamo nel quartiere Pennello.',
          },
        ],
      },
      {
        code: 'E',
        title: 'Servizi per la prima infanzia',
        description: 'Modalità e strumenti di qualificazione dell’offerta di servizi per la prima infanzia.',
        offering: 'comune-di-firenze',
        receiving: 'comune-di-vibo-valentia',
        practice: 'servizi-prima-infanzia-firenze',
        responsible: 'Andrea Pieri (Comune di Firenze), Rosa Pugliese (Comune di Vibo Valentia)',
        milestones: [
          {
            title: 'Visita di studio ai nidi fiorentini',
            due: -100,
            status: 'done',
            evidence: 'Visita di tre giorni con l’Istituto degli Innocenti',
          },
          { title: 'Carta dei servizi per la prima infanzia', due: 60, status: 'planned' },
        ],
      },
    ],
  },
  {
    slug: 'labor-in-calabria-lo-sportello-unico-a-cosenza',
    title: 'Labor in Calabria: lo sportello unico a Cosenza',
    summary:
      'La Provincia di Teramo trasferisce alla Provincia di Cosenza **Labor**, lo sportello unico per lavoro e formazione basato sulla cooperazione applicativa tra anagrafi, scuole ed enti di formazione.',
    status: 'closed',
    startsIn: -700,
    endsIn: -380,
    createdDaysAgo: 720,
    programme: 'Programma ELISA',
    priorities: ['Cooperazione applicativa', 'Politiche attive del lavoro'],
    region: 'Calabria',
    theme: 'servizi-impiego',
    proposedBy: 'giovanni.perri',
    approvedBy: 'paolo.esposito',
    offering: ['provincia-di-teramo'],
    receiving: [
      {
        slug: 'provincia-di-cosenza',
        objectives: 'Un unico punto di accesso ai dati e ai servizi per chi cerca lavoro nella provincia.',
      },
    ],
    practices: ['labor-sportello-unico-teramo'],
    expectedResults:
      'Gestione informatizzata di borse lavoro, tirocini e voucher formativi; scheda del lavoratore inviata ai sistemi nazionali.',
    achievedResults:
      'Lo sportello unico è in esercizio in tutti i CPI della provincia; le graduatorie dei tirocini si gestiscono interamente in Labor.',
    participants: [
      { key: 'roberto.dangelo', role: 'referent' },
      { key: 'giovanni.perri', role: 'referent' },
      { key: 'luca.dipietro', role: 'expert' },
      { key: 'teresa.gallo', role: 'operator' },
    ],
    general: [
      {
        author: 'paolo.esposito',
        daysAgo: 698,
        body: 'Discussione generale del gemellaggio Labor tra Teramo e Cosenza.',
      },
      {
        author: 'giovanni.perri',
        daysAgo: 400,
        body: 'Chiudiamo con soddisfazione: Labor è operativo in tutti i nostri CPI. Grazie ai colleghi di Teramo.',
      },
    ],
    models: [
      {
        code: 'A',
        title: 'Cooperazione applicativa con le anagrafi',
        description: 'Collegamento del sistema informativo provinciale con anagrafi comunali e frequenze scolastiche.',
        offering: 'provincia-di-teramo',
        receiving: 'provincia-di-cosenza',
        practice: 'labor-sportello-unico-teramo',
        responsible: 'Luca Di Pietro (CPI di Teramo)',
        milestones: [
          { title: 'Convenzioni con i comuni capofila', due: -620, status: 'done', evidence: '18 convenzioni firmate' },
          { title: 'Collegamento in esercizio', due: -480, status: 'done', evidence: 'Verbale di collaudo' },
        ],
        outcome: { outcome: 'adopted', notes: 'In esercizio in tutti i CPI della provincia.', by: 'giovanni.perri' },
      },
      {
        code: 'B',
        title: 'Gestione degli interventi di politica attiva',
        description: 'Borse lavoro, tirocini, voucher formativi: domande, graduatorie, pagamenti e rendicontazione.',
        offering: 'provincia-di-teramo',
        receiving: 'provincia-di-cosenza',
        practice: 'labor-sportello-unico-teramo',
        responsible: 'Teresa Gallo (CPI di Cosenza)',
        milestones: [
          {
            title: 'Migrazione delle graduatorie',
            due: -450,
            status: 'done',
            evidence: 'Graduatorie 2024 gestite in Labor',
          },
          { title: 'Formazione degli operatori', due: -420, status: 'done', evidence: '40 operatori formati' },
        ],
        outcome: { outcome: 'adapted', notes: 'Adattato ai voucher regionali calabresi.', by: 'giovanni.perri' },
      },
    ],
  },
  {
    slug: 'il-repertorio-delle-competenze-in-puglia',
    title: 'Il repertorio delle competenze in Puglia',
    summary:
      'La Regione Toscana accompagna la Regione Puglia nella costruzione del proprio repertorio delle figure professionali, a partire dal repertorio toscano.',
    status: 'approved',
    startsIn: 30,
    endsIn: 400,
    createdDaysAgo: 25,
    programme: 'PON Governance e capacità istituzionale',
    priorities: ['Standard professionali', 'Certificazione delle competenze'],
    region: 'Puglia',
    theme: 'formazione',
    proposedBy: 'pietro.laterza',
    approvedBy: 'lucia.ferraro',
    offering: ['regione-toscana'],
    receiving: [
      {
        slug: 'regione-puglia',
        objectives: 'Un repertorio regionale delle figure professionali collegato al sistema di certificazione.',
      },
    ],
    practices: ['repertorio-toscano-figure-professionali'],
    expectedResults:
      'Repertorio pugliese adottato con delibera; prime certificazioni rilasciate sugli standard comuni.',
    participants: [
      { key: 'pietro.laterza', role: 'referent' },
      { key: 'stefano.guidi', role: 'referent' },
      { key: 'anna.caputo', role: 'operator' },
    ],
    general: [
      {
        author: 'lucia.ferraro',
        daysAgo: 20,
        body: 'Benvenuti nel gemellaggio tra Toscana e Puglia sul repertorio delle competenze.',
      },
    ],
    models: [
      {
        code: 'A',
        title: 'Repertorio delle figure professionali',
        description: 'Metodo, format e regole di manutenzione del repertorio.',
        offering: 'regione-toscana',
        receiving: 'regione-puglia',
        practice: 'repertorio-toscano-figure-professionali',
        responsible: 'Stefano Guidi (Regione Toscana), Pietro Laterza (Regione Puglia)',
        milestones: [
          { title: 'Seminario di avvio a Bari', due: 45, status: 'planned' },
          { title: 'Prime 20 figure descritte', due: 180, status: 'planned' },
        ],
      },
    ],
  },
  {
    slug: 'servizi-integrati-a-pordenone',
    title: 'Servizi integrati sociali e per il lavoro a Pordenone',
    summary:
      'Il Comune di Pordenone propone di adottare il modello fiorentino di integrazione tra servizi sociali e Centro per l’Impiego.',
    status: 'proposed',
    startsIn: 60,
    endsIn: 330,
    createdDaysAgo: 6,
    programme: '',
    priorities: ['Inclusione sociale'],
    region: 'Friuli-Venezia Giulia',
    theme: 'inclusione-sociale',
    proposedBy: 'matteo.zanin',
    offering: ['comune-di-firenze'],
    receiving: [
      {
        slug: 'comune-di-pordenone',
        objectives: 'Una presa in carico congiunta delle persone più fragili tra servizi sociali e CPI.',
      },
    ],
    practices: ['servizi-integrati-sociali-lavoro-firenze'],
    expectedResults: 'Un protocollo operativo tra servizi sociali comunali e CPI di Pordenone.',
    participants: [{ key: 'matteo.zanin', role: 'referent' }],
    general: [
      {
        author: 'matteo.zanin',
        daysAgo: 6,
        body: 'Proponiamo il gemellaggio dopo il confronto nel Cerco/Offro con i colleghi di Firenze.',
      },
    ],
    models: [],
  },
];
