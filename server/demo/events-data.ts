// Demo events drawn from the seeds ("Qualificare i servizi per l'impiego": six regional events, an
// interregional one and a workshop at Forum PA with 960 participants; open-house days; webinars on
// the crisis measures and the observatories network). Times are Italian wall-clock times, days are
// counted from the day the demo is loaded (negative: in the past).
export type DemoEvent = {
  key: string;
  kind: 'regional' | 'interregional' | 'workshop' | 'webinar' | 'open_day';
  title: string;
  description: string;
  /** Days from today, and the Italian start and end times. */
  day: number;
  from: string;
  to: string;
  place?: string;
  onlineUrl?: string;
  streamingUrl?: string;
  seats: number | null;
  organiser: string;
  group?: string;
  /** Demo members holding a seat (in order), then those on the waiting list. */
  registered: string[];
  attended?: string[];
};

const REGIONALI = 'Evento regionale del progetto «Qualificare i servizi per l’impiego»';

export const demoEvents: DemoEvent[] = [
  {
    key: 'regionale-calabria',
    kind: 'regional',
    title: 'Qualità dei servizi per l’impiego in Calabria: i piani di miglioramento dei CPI',
    description: `${REGIONALI}: i risultati dei laboratori di autovalutazione nei Centri per l’Impiego calabresi e i piani di miglioramento in sperimentazione.\n\n- analisi quali/quantitativa su 29 Centri per l’Impiego\n- 152 attori coinvolti tra dirigenti e operatori`,
    day: -120,
    from: '09:30',
    to: '13:30',
    place: 'Catanzaro, Cittadella regionale, sala Verde',
    seats: 150,
    organiser: 'lucia.ferraro',
    registered: ['francesco.romeo', 'mariagrazia.scalise', 'domenico.fiumara', 'teresa.gallo', 'giovanni.perri'],
    attended: ['francesco.romeo', 'mariagrazia.scalise', 'domenico.fiumara', 'teresa.gallo'],
  },
  {
    key: 'regionale-campania',
    kind: 'regional',
    title: 'Le nuove funzioni dei Centri per l’Impiego dopo il D.L. 185/2008 (Campania)',
    description: `${REGIONALI}: le misure a tutela dell’occupazione, la concessione degli ammortizzatori sociali in deroga e il ruolo dei CPI nella DID.`,
    day: -95,
    from: '10:00',
    to: '13:00',
    place: 'Napoli, Centro Direzionale, isola C3',
    seats: 120,
    organiser: 'valeria.conti',
    registered: ['claudia.russo', 'gennaro.iannaccone'],
    attended: ['claudia.russo', 'gennaro.iannaccone'],
  },
  {
    key: 'regionale-basilicata',
    kind: 'regional',
    title: 'Accoglienza e presa in carico nei CPI lucani',
    description: `${REGIONALI}: il confronto tra i diversi livelli di governo dei servizi per il lavoro in Basilicata.`,
    day: -70,
    from: '09:30',
    to: '13:00',
    place: 'Potenza, Regione Basilicata, sala Inguscio',
    seats: 100,
    organiser: 'marco.deluca',
    registered: ['angela.lorusso', 'vito.santarsiero'],
    attended: ['angela.lorusso'],
  },
  {
    key: 'interregionale',
    kind: 'interregional',
    title: 'Evento interregionale: governare insieme i servizi per il lavoro',
    description:
      'Le quattro Regioni destinatarie del progetto mettono a confronto le esperienze più innovative dei loro Centri per l’Impiego e i modelli di raccordo tra i livelli di programmazione.',
    day: -40,
    from: '09:30',
    to: '17:00',
    place: 'Roma, Formez PA, viale Marx 15',
    streamingUrl: 'https://streaming.example.org/formez/interregionale',
    seats: 250,
    organiser: 'lucia.ferraro',
    registered: [
      'elena.bartolini',
      'roberto.dangelo',
      'claudia.russo',
      'angela.lorusso',
      'francesco.romeo',
      'daniele.moretti',
    ],
    attended: ['elena.bartolini', 'roberto.dangelo', 'claudia.russo', 'daniele.moretti'],
  },
  {
    key: 'workshop-forum-pa',
    kind: 'workshop',
    title: 'Workshop al Forum PA: diffondere le esperienze più innovative dei servizi per l’impiego',
    description:
      'Il workshop all’interno del Forum PA che ha chiuso il ciclo di eventi del progetto: **960 partecipanti** tra i sei eventi regionali, l’evento interregionale e il workshop.',
    day: -20,
    from: '14:30',
    to: '18:00',
    place: 'Roma, Fiera di Roma, padiglione 8',
    seats: 960,
    organiser: 'valeria.conti',
    registered: [
      'lucia.ferraro',
      'elena.bartolini',
      'stefano.guidi',
      'laura.mannucci',
      'roberto.dangelo',
      'federica.dimarco',
      'nicola.colavita',
    ],
    attended: ['lucia.ferraro', 'elena.bartolini', 'stefano.guidi', 'laura.mannucci'],
  },
  {
    key: 'regionale-puglia',
    kind: 'regional',
    title: 'Il sistema qualità nei Centri per l’Impiego pugliesi',
    description: `${REGIONALI}: l’autovalutazione come strumento di diagnosi organizzativa e i primi risultati dell’assistenza on the job.`,
    day: 12,
    from: '09:30',
    to: '13:30',
    place: 'Bari, Regione Puglia, via Gentile 52',
    seats: 4,
    organiser: 'lucia.ferraro',
    // Full: four seats, two people on the waiting list.
    registered: [
      'pietro.laterza',
      'anna.caputo',
      'vito.santarsiero',
      'angela.lorusso',
      'nicola.colavita',
      'claudia.russo',
    ],
  },
  {
    key: 'regionale-campania-bis',
    kind: 'regional',
    title: 'Osservatori del mercato del lavoro: leggere i dati per programmare i servizi',
    description: `${REGIONALI}, con la Rete degli osservatori: come i dati delle comunicazioni obbligatorie orientano la programmazione.`,
    day: 26,
    from: '10:00',
    to: '16:00',
    place: 'Napoli, Osservatorio regionale del mercato del lavoro',
    seats: 80,
    organiser: 'marco.deluca',
    group: 'rete-degli-osservatori',
    registered: ['claudia.russo', 'gennaro.iannaccone', 'daniele.moretti'],
  },
  {
    key: 'regionale-calabria-bis',
    kind: 'regional',
    title: 'Seminario regionale: il Libretto formativo del cittadino in Calabria',
    description: `${REGIONALI}, nel quadro del gemellaggio Tos.Ca.: il Modello B trasferito dalla Regione Toscana alla Regione Calabria.`,
    day: 40,
    from: '09:30',
    to: '13:00',
    place: 'Vibo Valentia, Palazzo Gagliardi',
    streamingUrl: 'https://streaming.example.org/formez/libretto-calabria',
    seats: 90,
    organiser: 'chiara.santoro',
    registered: ['francesco.romeo', 'antonio.barbieri', 'rosa.pugliese', 'domenico.fiumara'],
  },
  {
    key: 'open-day-teramo',
    kind: 'open_day',
    title: 'Porte aperte allo sportello unico Labor di Teramo',
    description:
      'Una giornata per conoscere il punto unico di accesso ai servizi per il lavoro della Provincia di Teramo: cooperazione applicativa, servizi online e accoglienza.',
    day: 7,
    from: '09:00',
    to: '17:00',
    place: 'Teramo, Centro per l’Impiego, via Carducci 33',
    seats: 40,
    organiser: 'paolo.esposito',
    registered: ['alessia.marini', 'luca.dipietro', 'federica.dimarco'],
  },
  {
    key: 'open-day-firenze',
    kind: 'open_day',
    title: 'Giornata porte aperte al CPI di Firenze',
    description:
      'Operatori di altri Centri per l’Impiego visitano l’accoglienza e i servizi alle imprese del CPI di Firenze.',
    day: 19,
    from: '09:30',
    to: '13:30',
    place: 'Firenze, Centro per l’Impiego, via Cavallotti 9',
    seats: 25,
    organiser: 'paolo.esposito',
    registered: ['laura.mannucci', 'sara.innocenti', 'matteo.zanin'],
  },
  {
    key: 'webinar-did',
    kind: 'webinar',
    title: 'Webinar: la DID e il patto di servizio dopo le misure anticrisi',
    description:
      'Un’ora per fare il punto sulla dichiarazione di immediata disponibilità e sul patto di servizio personalizzato.',
    day: 4,
    from: '15:00',
    to: '16:00',
    onlineUrl: 'https://meet.example.org/retespi/webinar-did',
    streamingUrl: 'https://streaming.example.org/retespi/webinar-did',
    seats: null,
    organiser: 'valeria.conti',
    registered: ['silvia.nardini', 'caterina.arena', 'elisa.bortolin', 'luca.dipietro'],
  },
  {
    key: 'webinar-lep',
    kind: 'webinar',
    title: 'Webinar: i livelli essenziali delle prestazioni nei servizi per il lavoro',
    description: 'I LEP spiegati agli operatori: cosa cambia nell’organizzazione dei CPI.',
    day: 33,
    from: '11:00',
    to: '12:30',
    onlineUrl: 'https://meet.example.org/retespi/webinar-lep',
    seats: 300,
    organiser: 'marco.deluca',
    registered: ['stefano.guidi', 'andrea.pieri'],
  },
  {
    key: 'animatori-riunione',
    kind: 'webinar',
    title: 'Riunione di programmazione degli animatori',
    description:
      'Il calendario del prossimo trimestre: eventi, corsi e gemellaggi. Riservata al gruppo degli animatori.',
    day: 9,
    from: '10:00',
    to: '11:00',
    onlineUrl: 'https://meet.example.org/retespi/animatori',
    seats: null,
    organiser: 'lucia.ferraro',
    group: 'animatori-formez',
    registered: ['valeria.conti', 'marco.deluca'],
  },
];
