// Demo "Cerco / Offro" posts (the seeds' "BUONE PRATICHE CERCO/OFFRO"): administrations seeking or
// offering a practice or an experience, each written by a member of that administration (data.ts) on
// or after their last login. The posts with `expectedBestMatch` form the labelled set of the matching
// evaluation: the expected match shares the post's theme and its significant words (same stems:
// "accoglienza integrata", "over 50", "monitoraggio della rete", "e-learning", "tirocini",
// "comunicazioni obbligatorie", "laboratori di orientamento", "repertorio"), and no other candidate
// shares as many. Expected practices are published ones from practices-data.ts.
import type { DemoExchangePost } from './types.ts';

export const exchangePosts: DemoExchangePost[] = [
  // ─── Inclusione sociale ─────────────────────────────────────────────────────────────────────────
  {
    key: 'cerco-accoglienza-integrata-sociale-lavoro',
    kind: 'cerco',
    author: 'teresa.gallo',
    organization: 'cpi-cosenza',
    title: 'Cerchiamo un modello di accoglienza integrata tra servizi sociali e servizi per il lavoro',
    description: `Al CPI di Cosenza accogliamo sempre più persone già seguite dai servizi sociali del Comune: disoccupati di lunga durata, famiglie in condizione di fragilità, persone lontane dal lavoro da anni. Oggi i due servizi lavorano separati e le persone raccontano la propria storia due volte.

Cerchiamo un modello di **accoglienza integrata** già sperimentato: come si organizza uno sportello integrato con assistenti sociali e operatori del CPI, quale scheda di accoglienza comune si usa, come si costruisce la presa in carico condivisa.`,
    theme: 'inclusione-sociale',
    region: 'Calabria',
    createdDaysAgo: 12,
    expectedBestMatch: { kind: 'practice', slug: 'servizi-integrati-sociali-lavoro-firenze' },
  },

  // ─── Invecchiamento attivo ──────────────────────────────────────────────────────────────────────
  {
    key: 'cerco-over50-invecchiamento-attivo',
    kind: 'cerco',
    author: 'federica.dimarco',
    organization: 'provincia-di-chieti',
    title: 'Cerchiamo un approccio per i lavoratori over 50 e l’invecchiamento attivo nelle aziende',
    description: `Nei CPI della provincia di Chieti cresce il numero di lavoratori over 50 a rischio di espulsione dal mercato del lavoro. Con le persone lavoriamo già sull’autovalutazione delle competenze; ci manca un modo per coinvolgere le **aziende** prima che il posto di lavoro sia perso.

Cerchiamo un’esperienza di **active ageing** (invecchiamento attivo) rivolta alle aziende: un questionario di autovalutazione, una traccia di colloquio con i responsabili del personale, materiali per sensibilizzare i datori di lavoro sui lavoratori over 50.`,
    theme: 'invecchiamento-attivo',
    region: 'Abruzzo',
    createdDaysAgo: 35,
    expectedBestMatch: { kind: 'exchange', key: 'offro-questionario-active-ageing-aziende' },
  },
  {
    key: 'offro-questionario-active-ageing-aziende',
    kind: 'offro',
    author: 'angela.lorusso',
    organization: 'cpi-potenza',
    title: 'Offriamo il questionario di autovalutazione active ageing per le aziende',
    description: `Il CPI di Potenza usa con le aziende del territorio un questionario online di autovalutazione delle politiche di **active ageing** (invecchiamento attivo), sviluppato dalla PS CHANCE. Le aziende lo compilano e ricevono un profilo su come gestiscono i lavoratori over 40 e over 50: formazione, organizzazione del lavoro, passaggio delle competenze, rischio di espulsione.

Offriamo il questionario, la traccia del colloquio di restituzione con i responsabili del personale e l’affiancamento dei nostri operatori ai CPI che vogliono avviare una consulenza alle aziende sull’invecchiamento attivo. La scheda della pratica è in validazione.`,
    theme: 'invecchiamento-attivo',
    region: 'Basilicata',
    createdDaysAgo: 28,
    expectedBestMatch: { kind: 'exchange', key: 'cerco-over50-invecchiamento-attivo' },
  },

  // ─── Formazione ─────────────────────────────────────────────────────────────────────────────────
  {
    key: 'cerco-piattaforma-e-learning-operatori',
    kind: 'cerco',
    author: 'giovanni.perri',
    organization: 'provincia-di-cosenza',
    title: 'Cerchiamo una piattaforma e-learning per la formazione a distanza degli operatori dei CPI',
    description: `La Provincia di Cosenza deve aggiornare circa ottanta operatori dei Centri per l’Impiego sulle nuove procedure e non riesce a portarli tutti in aula. Cerchiamo una **piattaforma e-learning** già collaudata da un’altra amministrazione, con un catalogo di moduli didattici a distanza e servizi di community per il confronto tra colleghi.

Ci interessa anche l’esperienza di chi ha organizzato percorsi blended, con moduli online e incontri in aula, e il ruolo del tutor.`,
    theme: 'formazione',
    region: 'Calabria',
    createdDaysAgo: 25,
    expectedBestMatch: { kind: 'practice', slug: 'trio-e-learning-toscana' },
  },
  {
    key: 'cerco-repertorio-figure-professionali',
    kind: 'cerco',
    author: 'anna.caputo',
    organization: 'regione-puglia',
    title: 'Cerchiamo un confronto per costruire il repertorio regionale delle figure professionali',
    description: `La Regione Puglia sta sviluppando il proprio repertorio delle figure professionali. Vorremmo confrontarci con una regione che ha già un **repertorio delle competenze** a regime: come descrivere le figure professionali e le aree di attività, come usare il repertorio nella progettazione formativa e nel riconoscimento delle esperienze non formali e informali, con quale procedura aggiornarlo.

Ci servono il format di descrizione delle figure e, se possibile, una giornata di lavoro con i colleghi che gestiscono il repertorio.`,
    theme: 'formazione',
    region: 'Puglia',
    createdDaysAgo: 5,
    expectedBestMatch: { kind: 'practice', slug: 'repertorio-toscano-figure-professionali' },
  },
  {
    key: 'offro-affiancamento-libretto-formativo',
    kind: 'offro',
    author: 'elena.bartolini',
    organization: 'regione-toscana',
    title: 'Offriamo affiancamento per adottare il Libretto formativo del cittadino',
    description: `La Regione Toscana mette a disposizione delle amministrazioni che vogliono adottare il **Libretto formativo del cittadino** il kit di riuso (manuale operativo, traccia del colloquio, materiali per i compilatori) e l’affiancamento dei nostri funzionari, come abbiamo fatto con la Regione Calabria nel gemellaggio Tos.Ca.

È utile soprattutto a chi lavora con persone in cassa integrazione e in mobilità e deve ricostruire e registrare le loro competenze.`,
    theme: 'formazione',
    region: 'Toscana',
    practice: 'libretto-formativo-del-cittadino',
    createdDaysAgo: 80,
  },

  // ─── Servizi per l'impiego ──────────────────────────────────────────────────────────────────────
  {
    key: 'cerco-strumenti-monitoraggio-rete',
    kind: 'cerco',
    author: 'matteo.zanin',
    organization: 'comune-di-pordenone',
    title: 'Cerchiamo strumenti per il monitoraggio della rete di partner locali',
    description: `Il Comune di Pordenone coordina una rete di partner per l’inclusione lavorativa: CPI, Comune, enti di formazione, cooperative sociali e associazioni. La rete funziona, ma non abbiamo strumenti per capire quanto e dove funziona meno.

Cerchiamo una metodologia e strumenti per il **monitoraggio della rete** e la valutazione del suo funzionamento: un manuale, un questionario da far compilare ai partner, indicatori qualitativi e quantitativi da discutere nelle riunioni di rete.`,
    theme: 'servizi-impiego',
    region: 'Friuli-Venezia Giulia',
    createdDaysAgo: 1,
    expectedBestMatch: { kind: 'practice', slug: 'manuale-monitoraggio-reti-follow-me' },
  },
  {
    key: 'cerco-tirocini-imprese-tutor',
    kind: 'cerco',
    author: 'domenico.fiumara',
    organization: 'cpi-vibo-valentia',
    title: 'Cerchiamo esperienze sui tirocini in azienda: convenzioni con le imprese e tutor aziendale',
    description: `Il CPI di Vibo Valentia vuole rilanciare i **tirocini** come canale di inserimento dei giovani: oggi ne attiviamo pochi e le imprese del territorio li conoscono poco. Cerchiamo un CPI che abbia un metodo collaudato per trovare le imprese ospitanti, stipulare le convenzioni, scrivere il progetto formativo e seguire il tirocinio con il tutor aziendale.

Ci interessano i modelli di convenzione, la scheda del progetto formativo e il modo in cui organizzate le visite in azienda.`,
    theme: 'servizi-impiego',
    region: 'Calabria',
    createdDaysAgo: 18,
    expectedBestMatch: { kind: 'exchange', key: 'offro-metodo-tirocini-imprese' },
  },
  {
    key: 'offro-metodo-tirocini-imprese',
    kind: 'offro',
    author: 'luca.dipietro',
    organization: 'cpi-teramo',
    title: 'Offriamo il nostro metodo per i tirocini in azienda, dalla ricerca delle imprese al tutor aziendale',
    description: `Al CPI di Teramo seguiamo ogni anno oltre cento **tirocini** in azienda. Abbiamo messo a punto un metodo per l’incontro tra domanda e offerta: mappatura delle imprese ospitanti, visita in azienda, convenzione, progetto formativo concordato con il tutor aziendale, verifiche a metà e a fine tirocinio.

Offriamo i modelli di convenzione e di progetto formativo, la scheda della visita in azienda e mezza giornata di affiancamento online per i CPI che vogliono rilanciare i tirocini con le imprese del loro territorio.`,
    theme: 'servizi-impiego',
    region: 'Abruzzo',
    createdDaysAgo: 40,
  },

  // ─── Osservatori ────────────────────────────────────────────────────────────────────────────────
  {
    key: 'cerco-metodologia-comunicazioni-obbligatorie',
    kind: 'cerco',
    author: 'pietro.laterza',
    organization: 'regione-puglia',
    title: 'Cerchiamo metodologie comuni per leggere le comunicazioni obbligatorie',
    description: `L’osservatorio regionale del mercato del lavoro della Puglia usa le **comunicazioni obbligatorie** per analizzare la domanda di lavoro, ma ogni analisi costruisce i propri aggregati e i numeri non si confrontano con quelli delle altre regioni.

Cerchiamo un osservatorio che abbia già definito una **metodologia** per la rilevazione e l’elaborazione delle comunicazioni obbligatorie: definizioni di avviamenti e cessazioni, trattamento dei rapporti di lavoro brevi, tavole per il rapporto annuale e per le note congiunturali.`,
    theme: 'osservatori',
    region: 'Puglia',
    createdDaysAgo: 60,
    expectedBestMatch: { kind: 'exchange', key: 'offro-metodologia-rapporto-annuale' },
  },
  {
    key: 'offro-metodologia-rapporto-annuale',
    kind: 'offro',
    author: 'claudia.russo',
    organization: 'osservatorio-mercato-lavoro-campania',
    title: 'Offriamo la metodologia del nostro rapporto annuale sulle comunicazioni obbligatorie',
    description: `L’Osservatorio regionale del mercato del lavoro della Campania pubblica ogni anno un rapporto basato sulle **comunicazioni obbligatorie**. Abbiamo messo a punto una **metodologia** condivisa: definizioni di avviamenti, cessazioni e trasformazioni, trattamento dei rapporti di lavoro brevi, tavole comuni per il rapporto annuale e per le note congiunturali.

Offriamo il documento di metodologia, gli script di elaborazione e un seminario online con la Rete degli osservatori, per arrivare a linguaggi e metodologie comuni nella rilevazione dei dati.`,
    theme: 'osservatori',
    region: 'Campania',
    createdDaysAgo: 50,
    expectedBestMatch: { kind: 'exchange', key: 'cerco-metodologia-comunicazioni-obbligatorie' },
  },

  // ─── Orientamento ───────────────────────────────────────────────────────────────────────────────
  {
    key: 'cerco-laboratori-orientamento-studenti',
    kind: 'cerco',
    author: 'silvia.nardini',
    organization: 'istituto-comprensivo-vinci',
    title: 'Cerchiamo un CPI per laboratori di orientamento con gli studenti',
    description: `Siamo un istituto comprensivo in provincia di Firenze. Ogni anno accompagniamo gli studenti delle classi terze della scuola secondaria di primo grado nella scelta della scuola superiore, ma i ragazzi sanno poco del mercato del lavoro e delle professioni del territorio.

Cerchiamo un Centro per l’Impiego disponibile a costruire con i docenti dei **laboratori di orientamento**: incontri in classe, testimonianze di lavoratori, attività sulla scelta.`,
    theme: 'orientamento',
    region: 'Toscana',
    createdDaysAgo: 9,
    expectedBestMatch: { kind: 'exchange', key: 'offro-laboratori-orientamento-scuole' },
  },
  {
    key: 'offro-laboratori-orientamento-scuole',
    kind: 'offro',
    author: 'laura.mannucci',
    organization: 'cpi-firenze',
    title: 'Offriamo laboratori di orientamento per le scuole',
    description: `Il CPI di Firenze conduce da alcuni anni **laboratori di orientamento** nelle scuole secondarie: due incontri in classe con gli studenti, un’attività sulle professioni e sul mercato del lavoro del territorio, un momento di restituzione con i docenti e le famiglie per accompagnare la scelta.

Offriamo il programma dei laboratori, le schede delle attività e la disponibilità delle nostre orientatrici a progettare con i docenti un percorso per nuove classi.`,
    theme: 'orientamento',
    region: 'Toscana',
    createdDaysAgo: 70,
  },

  // ─── Prima infanzia ─────────────────────────────────────────────────────────────────────────────
  {
    key: 'offro-visite-nidi-firenze',
    kind: 'offro',
    author: 'andrea.pieri',
    organization: 'comune-di-firenze',
    title: 'Offriamo visite di studio ai nidi comunali e al coordinamento pedagogico',
    description: `Il Comune di Firenze apre i suoi **nidi d’infanzia** e il coordinamento pedagogico ai Comuni che vogliono qualificare l’offerta per la prima infanzia: una giornata di visita, il regolamento di accesso unico e gli strumenti di autovalutazione della qualità educativa.

Lo abbiamo già fatto con il Comune di Vibo Valentia nel gemellaggio Tos.Ca.`,
    theme: 'prima-infanzia',
    region: 'Toscana',
    practice: 'servizi-prima-infanzia-firenze',
    createdDaysAgo: 85,
  },

  // ─── E-government ───────────────────────────────────────────────────────────────────────────────
  {
    key: 'offro-cooperazione-applicativa-labor',
    kind: 'offro',
    author: 'alessia.marini',
    organization: 'provincia-di-teramo',
    title: 'Offriamo i moduli di cooperazione applicativa del progetto Labor',
    description: `Nel progetto Labor la Provincia di Teramo ha sviluppato funzionalità di **cooperazione applicativa** che recuperano i dati delle anagrafi comunali e del sistema delle frequenze e degli abbandoni scolastici e li integrano nel sistema informativo lavoro provinciale.

Offriamo la documentazione delle interfacce, lo schema della banca dati dell’offerta formativa e la convenzione tipo con Comuni, scuole ed enti di formazione. Siamo disponibili a una sessione tecnica con i sistemi informativi di altre amministrazioni.`,
    theme: 'e-government',
    region: 'Abruzzo',
    practice: 'labor-sportello-unico-teramo',
    createdDaysAgo: 45,
  },
  {
    key: 'cerco-cooperazione-applicativa-anagrafi',
    kind: 'cerco',
    author: 'daniele.moretti',
    organization: 'anpal',
    title: 'Cerchiamo esperienze di cooperazione applicativa tra sistemi informativi del lavoro e anagrafi',
    description: `Per le analisi sulle politiche attive ci serve integrare le informazioni dei sistemi informativi del lavoro con quelle delle anagrafi comunali, delle scuole e degli enti di formazione. Cerchiamo amministrazioni che abbiano già realizzato servizi di **cooperazione applicativa** e possano raccontarci soluzioni tecniche, convenzioni con gli enti e problemi di qualità dei dati.`,
    theme: 'e-government',
    region: 'Lazio',
    createdDaysAgo: 11,
  },
  {
    key: 'cerco-scheda-lavoratore-borsa-lavoro',
    kind: 'cerco',
    author: 'nicola.colavita',
    organization: 'provincia-di-campobasso',
    title: 'Cerchiamo esperienze sull’invio della scheda del lavoratore alla Borsa Lavoro',
    description:
      'La Provincia di Campobasso deve rivedere lo scambio della scheda del lavoratore con la Borsa Lavoro e il Ministero. Cerchiamo chi ha già affrontato i problemi di allineamento delle anagrafiche tra sistemi.',
    theme: 'e-government',
    region: 'Molise',
    createdDaysAgo: 90,
    expiresInDays: 60,
  },
];
