// Demo good practices of the registry, drawn from the seed documents: the five models of the Tos.Ca.
// twinning (TRIO e-learning, Libretto formativo del cittadino, the Tuscan repertorio, Florence's
// integrated social and employment services and its early-childhood services, transferred to the
// Regione Calabria and the Comune di Vibo Valentia), the meta-products of the Equal project Follow Me
// (METIDE, Palestra Lavoro, the active-ageing company questionnaire, the network-monitoring manual,
// each registered by an administration of the cordata's territories that uses it) and the Labor
// one-stop shop led by the Provincia di Teramo with partner provinces such as Cosenza and Matera.
// Figures are plausible demo values, not official statistics; links point to example.org only.
// Authors, validators and declarants are member keys of data.ts; validators are animators who are
// not authors; every date offset comes after the member joined and before their last login.
import type { DemoPractice } from './types.ts';

const KIT = 'https://www.example.org/rete-spi/kit';

const TOSCA = 'https://www.example.org/gemellaggi/tosca-valorizzare-le-competenze-dei-cittadini';

export const practices: DemoPractice[] = [
  // ─── Tos.Ca., Modello A ───────────────────────────────────────────────────────────────────────
  {
    slug: 'trio-e-learning-toscana',
    title: 'TRIO, il sistema e-learning aperto della Regione Toscana',
    summary:
      'Uno dei primi sistemi aperti di formazione a distanza al mondo, gratuito e libero per tutti i cittadini dal 1998: moduli didattici su una piattaforma web accessibile a tutti, con servizi di community e tutor online.',
    description: `**TRIO** è il sistema di formazione a distanza della Regione Toscana. Nasce nel 1998 ed è stato uno dei primi sistemi *aperti* di e-learning al mondo: gratuito e libero per tutti i cittadini, senza requisiti di accesso. Per la Regione è un fiore all’occhiello.

La piattaforma web eroga moduli didattici a distanza e offre servizi di community: forum tematici, tutor online, spazi di confronto tra chi segue lo stesso modulo. Nei servizi per il lavoro TRIO si usa in due modi:

- per indirizzare le persone in cerca di occupazione verso moduli di aggiornamento e riqualificazione, da seguire da casa o nei punti di accesso assistito;
- per la formazione a distanza degli operatori dei Centri per l’Impiego, con percorsi blended che alternano moduli online e incontri in aula.

Nel gemellaggio Tos.Ca. – Valorizzare le competenze dei cittadini, TRIO è il **Modello A** «Utilizzo della piattaforma e-learning Trio per l’erogazione di moduli formativi a distanza», trasferito dalla Regione Toscana alla Regione Calabria.

Il kit di riuso comprende il manuale di configurazione del catalogo, le linee guida per progettare moduli a distanza, il pacchetto di esportazione dei moduli e un modulo formativo per i tutor di community.`,
    organization: 'regione-toscana',
    coOwners: [],
    contact: 'stefano.guidi',
    authors: ['stefano.guidi', 'elena.bartolini'],
    region: 'Toscana',
    territorialLevel: 'regional',
    theme: 'formazione',
    targetUsers:
      'Cittadini di ogni età che vogliono aggiornarsi o riqualificarsi; operatori dei Centri per l’Impiego e dei servizi per il lavoro; amministrazioni che vogliono offrire formazione a distanza aperta.',
    objectives:
      'Offrire a tutti, gratuitamente e senza vincoli di accesso, moduli didattici a distanza di qualità; dare ai servizi per il lavoro uno strumento di aggiornamento per le persone in cerca di occupazione; formare gli operatori con percorsi blended; favorire il life long learning.',
    results:
      'TRIO è diventato un riferimento per la formazione a distanza aperta: un catalogo di moduli didattici consultabile da chiunque, una community stabile di utenti e tutor, un uso quotidiano nei Centri per l’Impiego toscani. Nel gemellaggio Tos.Ca. la Regione Calabria ha adottato il modello senza investimenti ulteriori per l’operatività della piattaforma.',
    indicators: [
      { name: 'Moduli didattici a distanza nel catalogo', value: '1800', unit: 'moduli', date: '2025-12-31' },
      {
        name: 'Utenti registrati dalla nascita della piattaforma',
        value: '420000',
        unit: 'utenti',
        date: '2025-12-31',
      },
      { name: 'Operatori dei CPI formati con percorsi blended', value: '640', unit: 'operatori', date: '2025-12-31' },
      { name: 'Gradimento medio dei moduli', value: '3,4', unit: 'punti su 4', date: '2025-06-30' },
    ],
    resources:
      'Una struttura regionale di coordinamento con tre funzionari, un fornitore per la gestione tecnica della piattaforma, una rete di tutor di community, enti di formazione accreditati per la produzione dei contenuti.',
    costs:
      'Gestione tecnica e hosting: circa 350.000 euro l’anno a carico della Regione Toscana. Produzione di un nuovo modulo: da 5.000 a 15.000 euro. Per chi riusa nessun costo di licenza: restano la configurazione e i contenuti locali.',
    reuseRequirements:
      'Un referente per il catalogo e un gruppo di tutor; un’infrastruttura di hosting propria oppure un accordo con la Regione Toscana per usare la piattaforma; una convenzione tra amministrazioni per i contenuti condivisi; la formazione iniziale dei tutor con il modulo del kit.',
    licence: 'CC BY 4.0',
    startedOn: '1998-01-01',
    endedOn: null,
    links: [
      { label: 'TRIO – catalogo dei moduli (pagina dimostrativa)', url: 'https://www.example.org/trio/catalogo' },
      { label: 'Gemellaggio Tos.Ca. – scheda del progetto', url: TOSCA },
    ],
    components: [
      {
        code: 'A',
        title: 'Utilizzo della piattaforma e-learning Trio per l’erogazione di moduli formativi a distanza',
        description:
          'Sistema di erogazione di moduli didattici a distanza basato su piattaforma web accessibile a tutti con servizi di community.',
      },
      {
        code: 'A.1',
        title: 'Catalogo dei moduli didattici',
        description: 'Regole di classificazione, schede dei moduli e procedura di pubblicazione di nuovi contenuti.',
      },
      {
        code: 'A.2',
        title: 'Servizi di community e tutor online',
        description: 'Forum per modulo, ruolo del tutor, tempi di risposta e moderazione.',
      },
      {
        code: 'A.3',
        title: 'Percorsi blended per gli operatori dei CPI',
        description: 'Moduli online alternati a incontri in aula per l’aggiornamento degli operatori.',
      },
    ],
    kit: [
      { kind: 'manual', title: 'Manuale di configurazione del catalogo TRIO', url: `${KIT}/trio/manuale-catalogo.pdf` },
      {
        kind: 'training',
        title: 'Modulo formativo per i tutor di community',
        url: `${KIT}/trio/modulo-tutor-community`,
      },
      {
        kind: 'software',
        title: 'Pacchetto di esportazione dei moduli (formato SCORM)',
        url: `${KIT}/trio/esportazione-scorm.zip`,
      },
      {
        kind: 'other',
        title: 'Linee guida per progettare moduli a distanza',
        url: `${KIT}/trio/linee-guida-progettazione.pdf`,
      },
    ],
    tags: ['e-learning', 'formazione a distanza', 'tos.ca.', 'community', 'life long learning'],
    status: 'published',
    createdDaysAgo: 360,
    validation: {
      validator: 'paolo.esposito',
      decisionDaysAgo: 335,
      scores: {
        efficacia: {
          score: 4,
          note: 'Serie storiche di utenti, moduli e gradimento dal 1998; uso documentato nei CPI toscani.',
        },
        trasferibilita: {
          score: 4,
          note: 'Già trasferita alla Regione Calabria nel gemellaggio Tos.Ca., senza investimenti aggiuntivi.',
        },
        sostenibilita: { score: 4, note: 'Finanziata da oltre vent’anni con risorse ordinarie regionali.' },
        innovazione: {
          score: 3,
          note: 'Pionieristica nel 1998; oggi il valore sta più nel modello aperto che nella tecnologia.',
        },
        'coerenza-quadri': {
          score: 3,
          note: 'Coerente con la priorità 1 del QSN e con l’apprendimento permanente; manca un collegamento esplicito con Europass.',
        },
      },
      strengths:
        'Accesso libero e gratuito per tutti i cittadini; catalogo ampio e curato; community con tutor; lunga esperienza di gestione.',
      weaknesses:
        'La produzione di nuovi moduli dipende da finanziamenti di progetto; pochi dati sugli esiti occupazionali di chi completa i moduli.',
      comment:
        'Pratica matura e pienamente riusabile. Si suggerisce di aggiungere un indicatore sugli esiti dei percorsi blended per gli operatori.',
    },
    publishedDaysAgo: 330,
    reuses: [
      {
        organization: 'regione-calabria',
        declaredBy: 'francesco.romeo',
        status: 'reused',
        startedOn: '2015-09-01',
        components: ['A', 'A.1', 'A.2'],
        adaptationNotes:
          'Abbiamo usato la piattaforma in convenzione con la Regione Toscana e tradotto il catalogo nelle priorità calabresi: sicurezza sul lavoro, lingue, competenze digitali di base. I tutor sono operatori dei CPI formati con il modulo del kit.',
        outcome:
          'Nel primo anno 2.300 cittadini calabresi iscritti e 41 moduli attivati; il catalogo è ora richiamato nei patti di servizio dei CPI.',
        daysAgo: 300,
      },
      {
        organization: 'provincia-di-campobasso',
        declaredBy: 'nicola.colavita',
        status: 'reusing',
        startedOn: '2026-07-01',
        components: ['A.3'],
        adaptationNotes:
          'Riusiamo solo i percorsi blended per l’aggiornamento degli operatori dei CPI molisani sulle procedure del sistema informativo lavoro.',
        outcome: 'Primo percorso in corso con 35 operatori; valutazione prevista a fine anno.',
        daysAgo: 120,
      },
    ],
    stories: [
      {
        author: 'francesco.romeo',
        title: 'Il Modello A in Calabria: i primi moduli a distanza nei CPI',
        body: `Quando è partito il gemellaggio temevamo che una piattaforma nata in Toscana fosse difficile da far nostra. Invece la parte più lunga non è stata tecnica: è stata scegliere i moduli giusti per i nostri utenti.

Abbiamo lavorato con i colleghi toscani su tre priorità e in pochi mesi i CPI hanno cominciato a proporre i moduli durante i colloqui. Il consiglio che diamo: formate prima i tutor, poi aprite il catalogo.`,
        status: 'published',
        daysAgo: 280,
      },
    ],
  },

  // ─── Tos.Ca., Modello B ───────────────────────────────────────────────────────────────────────
  {
    slug: 'libretto-formativo-del-cittadino',
    title: 'Libretto formativo del cittadino',
    summary:
      'La prima applicazione regionale del Libretto formativo messa a regime: registra le competenze acquisite dal cittadino nello studio, nel lavoro e nella vita ed è lo strumento cardine delle politiche attive per i lavoratori in cassa integrazione e in mobilità.',
    description: `Il **Libretto formativo del cittadino** raccoglie in un unico documento le esperienze di studio, di formazione e di lavoro della persona e le competenze che ne derivano. La Regione Toscana ne ha fatto la prima applicazione regionale messa a regime, dopo anni di sperimentazioni condotte in vari territori, e l’ha presentata in un convegno interregionale con il supporto del Ministero del Lavoro e delle Politiche Sociali.

Nei Centri per l’Impiego il Libretto è lo strumento cardine delle politiche attive in favore dei lavoratori in cassa integrazione (CIG) e in mobilità: l’operatore lo compila con la persona durante il colloquio, lo aggiorna a ogni nuova esperienza e lo usa per costruire il piano di azione individuale.

Come funziona:

1. colloquio di ricostruzione delle esperienze e raccolta delle evidenze;
2. registrazione delle competenze secondo gli standard regionali di riconoscimento;
3. rilascio del Libretto, in formato cartaceo e digitale, e aggiornamento nel tempo;
4. uso del Libretto nelle procedure di certificazione delle competenze.

Nel gemellaggio Tos.Ca. è il **Modello B** «Libretto formativo del Cittadino», trasferito dalla Regione Toscana alla Regione Calabria.`,
    organization: 'regione-toscana',
    coOwners: ['cpi-firenze'],
    contact: 'elena.bartolini',
    authors: ['elena.bartolini', 'laura.mannucci'],
    region: 'Toscana',
    territorialLevel: 'regional',
    theme: 'formazione',
    targetUsers:
      'Lavoratori in cassa integrazione e in mobilità; persone in cerca di occupazione che vogliono far riconoscere ciò che sanno fare; operatori dei CPI e degli enti di formazione.',
    objectives:
      'Rendere visibili e spendibili le competenze della persona; dare agli operatori un formato unico per registrarle; collegare le politiche attive per i lavoratori sospesi al riconoscimento e alla certificazione delle competenze.',
    results:
      'Il Libretto è entrato nella pratica ordinaria dei CPI toscani ed è usato con tutti i lavoratori sospesi che accedono alle politiche attive. Le persone che lo ricevono lo presentano nei colloqui di selezione e lo riusano per accedere ai percorsi di certificazione.',
    indicators: [
      { name: 'Libretti rilasciati', value: '38500', unit: 'libretti', date: '2025-12-31' },
      { name: 'Lavoratori in CIG e mobilità con Libretto', value: '87', unit: '%', date: '2025-12-31' },
      { name: 'Operatori abilitati alla compilazione', value: '310', unit: 'operatori', date: '2025-06-30' },
    ],
    resources:
      'Un gruppo regionale di coordinamento, gli operatori dei CPI formati alla compilazione, il modulo del sistema informativo lavoro che registra il Libretto.',
    costs:
      'Formazione degli operatori: circa 20 ore ciascuno. Il modulo informatico è parte del sistema informativo regionale; per chi riusa, l’adattamento della modulistica e l’integrazione con il proprio sistema informativo (stima 30.000–60.000 euro).',
    reuseRequirements:
      'Standard regionali di riconoscimento delle competenze (o l’adozione di quelli toscani); un atto regionale che adotti il Libretto; operatori formati; un sistema informativo in grado di registrare e stampare il Libretto.',
    licence: 'CC BY 4.0',
    startedOn: '2009-03-01',
    endedOn: null,
    links: [
      {
        label: 'Modulistica del Libretto formativo (pagina dimostrativa)',
        url: 'https://www.example.org/libretto-formativo',
      },
      { label: 'Gemellaggio Tos.Ca. – scheda del progetto', url: TOSCA },
    ],
    components: [
      {
        code: 'B',
        title: 'Libretto formativo del Cittadino',
        description:
          'Strumento di registrazione delle competenze del cittadino, definizione di standard regionali di riconoscimento e certificazione.',
      },
      {
        code: 'B.1',
        title: 'Procedura di compilazione nei CPI',
        description: 'Traccia del colloquio, raccolta delle evidenze, registrazione e aggiornamento del Libretto.',
      },
      {
        code: 'B.2',
        title: 'Percorso per i lavoratori in CIG e mobilità',
        description: 'Uso del Libretto nel piano di azione individuale dei lavoratori sospesi.',
      },
    ],
    kit: [
      {
        kind: 'manual',
        title: 'Manuale operativo del Libretto formativo',
        url: `${KIT}/libretto/manuale-operativo.pdf`,
      },
      {
        kind: 'questionnaire',
        title: 'Traccia del colloquio di ricostruzione delle esperienze',
        url: `${KIT}/libretto/traccia-colloquio.pdf`,
      },
      {
        kind: 'training',
        title: 'Modulo formativo per gli operatori compilatori',
        url: `${KIT}/libretto/modulo-operatori`,
      },
    ],
    tags: ['libretto formativo', 'competenze', 'cassa integrazione', 'mobilità', 'tos.ca.'],
    status: 'published',
    createdDaysAgo: 350,
    validation: {
      validator: 'chiara.santoro',
      decisionDaysAgo: 320,
      scores: {
        efficacia: { score: 3, note: 'Diffusione alta e documentata; meno evidenze sugli esiti occupazionali.' },
        trasferibilita: { score: 3, note: 'Richiede standard regionali di riconoscimento già definiti.' },
        sostenibilita: { score: 3, note: 'Integrato nel lavoro ordinario dei CPI.' },
        innovazione: { score: 3, note: 'Prima applicazione regionale a regime, dopo anni di sperimentazioni.' },
        'coerenza-quadri': {
          score: 4,
          note: 'Coerente con il Libretto formativo nazionale e con gli strumenti europei di trasparenza delle competenze.',
        },
      },
      strengths:
        'Strumento semplice per la persona e per l’operatore; collegamento diretto con le politiche attive per i lavoratori sospesi.',
      weaknesses:
        'Dipende dalla qualità del colloquio; il formato digitale non dialoga ancora con i sistemi di altre regioni.',
      comment: 'Validata. Utile aggiungere nel kit un esempio di Libretto compilato, anonimo.',
    },
    publishedDaysAgo: 315,
    reuses: [
      {
        organization: 'regione-calabria',
        declaredBy: 'mariagrazia.scalise',
        status: 'reused',
        startedOn: '2015-10-01',
        components: ['B', 'B.1'],
        adaptationNotes:
          'Abbiamo adottato il Libretto con un atto regionale e adattato la modulistica agli standard calabresi in costruzione. La formazione degli operatori è stata fatta dai colleghi toscani in affiancamento.',
        outcome: 'Il Libretto è rilasciato in tutti i CPI calabresi; 4.100 libretti nei primi due anni.',
        daysAgo: 250,
      },
      {
        organization: 'cpi-vibo-valentia',
        declaredBy: 'domenico.fiumara',
        status: 'reusing',
        startedOn: '2026-08-01',
        components: ['B.1', 'B.2'],
        adaptationNotes:
          'Usiamo la traccia del colloquio con i lavoratori sospesi e stiamo collegando il Libretto al patto di servizio.',
        outcome: 'In corso: 140 libretti compilati in quattro mesi.',
        daysAgo: 90,
      },
    ],
    stories: [
      {
        author: 'domenico.fiumara',
        title: 'Il Libretto formativo al CPI di Vibo Valentia',
        body: `Molti lavoratori sospesi arrivavano convinti di «non saper fare niente di certificato». Con la traccia del colloquio del Libretto ricostruiamo insieme anni di esperienza e alla fine la persona esce con un documento che può mostrare.

Il tempo del primo colloquio è cresciuto, ma quello dei colloqui successivi si è accorciato: il Libretto è già lì.`,
        status: 'published',
        daysAgo: 40,
      },
    ],
  },

  // ─── Tos.Ca., Modello C ───────────────────────────────────────────────────────────────────────
  {
    slug: 'repertorio-toscano-figure-professionali',
    title: 'Repertorio toscano delle figure professionali',
    summary:
      'Uno dei primi repertori di professionalità sviluppati in Italia, preso a riferimento da altre regioni (la Sardegna nel 2009, oggi la Puglia): figure professionali e competenze descritte con un format comune, per progettare la formazione e riconoscere le esperienze non formali e informali.',
    description: `Il **Repertorio delle figure professionali** è il cuore del sistema regionale delle competenze della Toscana: un insieme di regole, procedure, strumenti e format di rappresentazione delle competenze. È stato uno dei primi – se non il primo – repertori di professionalità sviluppati in Italia ed è servito da riferimento ad altre regioni per costruire i propri: la Sardegna nel 2009 e, oggi, la Puglia.

A cosa serve il repertorio:

- programmare e progettare le attività formative su standard comuni;
- riconoscere e ricostruire le esperienze non formali e informali delle persone;
- dare a chi lavora nella formazione e nei servizi per il lavoro un linguaggio comune per descrivere le figure professionali.

Ogni figura professionale è descritta per aree di attività, con le competenze (capacità e conoscenze) e gli elementi per la valutazione. Il repertorio si aggiorna con una procedura aperta alle parti sociali e agli enti di formazione.

Nel gemellaggio Tos.Ca. è il **Modello C** «Sistema Regionale delle Competenze», trasferito dalla Regione Toscana alla Regione Calabria.`,
    organization: 'regione-toscana',
    coOwners: [],
    contact: 'elena.bartolini',
    authors: ['elena.bartolini'],
    region: 'Toscana',
    territorialLevel: 'regional',
    theme: 'formazione',
    targetUsers:
      'Regioni che costruiscono o aggiornano il proprio repertorio; progettisti della formazione; enti di formazione accreditati; operatori che riconoscono le competenze delle persone.',
    objectives:
      'Descrivere le figure professionali con standard comuni; collegare la progettazione formativa al riconoscimento delle competenze; offrire un riferimento riusabile alle altre regioni.',
    results:
      'Il repertorio è la base di tutta l’offerta formativa regionale riconosciuta e delle procedure di riconoscimento delle competenze. La Sardegna lo ha preso a riferimento nel 2009 e la Puglia ha avviato da poco lo stesso lavoro; la Calabria lo ha adattato nel gemellaggio Tos.Ca.',
    indicators: [
      { name: 'Figure professionali descritte nel repertorio', value: '420', unit: 'figure', date: '2025-12-31' },
      { name: 'Aree di attività descritte', value: '1350', unit: 'aree di attività', date: '2025-12-31' },
      { name: 'Regioni che lo hanno preso a riferimento', value: '3', unit: 'regioni', date: '2026-11-30' },
    ],
    resources:
      'Un ufficio regionale dedicato al repertorio, gruppi tecnici per settore con parti sociali ed esperti, una banca dati consultabile online.',
    costs:
      'Manutenzione del repertorio: circa due persone a tempo pieno e 40.000 euro l’anno per la banca dati. Per chi riusa: licenza gratuita; il costo è il lavoro dei gruppi tecnici per adattare le figure al proprio territorio.',
    reuseRequirements:
      'Una decisione regionale sul sistema delle competenze; un ufficio che curi il repertorio; il coinvolgimento delle parti sociali; la disponibilità a mantenere il format comune per favorire il confronto tra regioni.',
    licence: 'CC BY 4.0',
    startedOn: '2005-01-01',
    endedOn: null,
    links: [
      {
        label: 'Repertorio delle figure professionali (consultazione dimostrativa)',
        url: 'https://www.example.org/repertorio-toscano',
      },
      { label: 'Gemellaggio Tos.Ca. – scheda del progetto', url: TOSCA },
    ],
    components: [
      {
        code: 'C',
        title: 'Sistema Regionale delle Competenze',
        description:
          'Insieme di regole, procedure, strumenti, format di rappresentazione delle competenze utilizzato per la programmazione e la progettazione delle attività formative e per le attività di riconoscimento e ricostruzione delle esperienze non formali ed informali.',
      },
      {
        code: 'C.1',
        title: 'Format di descrizione delle figure professionali',
        description: 'Schema per figura, aree di attività, capacità e conoscenze, con le istruzioni di compilazione.',
      },
      {
        code: 'C.2',
        title: 'Procedura di aggiornamento del repertorio',
        description: 'Chi propone una nuova figura, chi la istruisce, come la si approva e la si pubblica.',
      },
    ],
    kit: [
      {
        kind: 'manual',
        title: 'Manuale del format delle figure professionali',
        url: `${KIT}/repertorio/manuale-format.pdf`,
      },
      {
        kind: 'software',
        title: 'Esportazione aperta del repertorio (CSV e XML)',
        url: `${KIT}/repertorio/esportazione-aperta.zip`,
      },
      {
        kind: 'training',
        title: 'Modulo formativo per i gruppi tecnici di settore',
        url: `${KIT}/repertorio/modulo-gruppi-tecnici`,
      },
    ],
    tags: ['repertorio', 'figure professionali', 'standard professionali', 'competenze', 'tos.ca.'],
    status: 'published',
    createdDaysAgo: 345,
    returned: {
      validator: 'marco.deluca',
      daysAgo: 330,
      comment:
        'La scheda descrive bene il repertorio ma non riporta indicatori né il collegamento con il quadro nazionale delle qualificazioni e con l’EQF. Aggiungeteli e ripresentatela.',
    },
    validation: {
      validator: 'marco.deluca',
      decisionDaysAgo: 300,
      scores: {
        efficacia: { score: 3, note: 'Indicatori di copertura aggiunti; mancano dati sull’uso nel riconoscimento.' },
        trasferibilita: { score: 4, note: 'Riferimento documentato per Sardegna, Calabria e Puglia.' },
        sostenibilita: { score: 3, note: 'Ufficio dedicato e risorse ordinarie; aggiornamento lento.' },
        innovazione: { score: 3, note: 'Tra i primi repertori di professionalità in Italia.' },
        'coerenza-quadri': {
          score: 4,
          note: 'Collegato al quadro nazionale delle qualificazioni regionali e referenziabile all’EQF.',
        },
      },
      strengths:
        'Format comune e stabile; lunga esperienza; già riusato da altre regioni; esportazione aperta dei dati.',
      weaknesses: 'Aggiornamento delle figure lento rispetto ai cambiamenti del mercato del lavoro.',
      comment: 'Validata dopo l’integrazione richiesta. Grazie per gli indicatori aggiunti.',
    },
    publishedDaysAgo: 298,
    reuses: [
      {
        organization: 'regione-calabria',
        declaredBy: 'mariagrazia.scalise',
        status: 'reused',
        startedOn: '2015-11-01',
        components: ['C', 'C.1'],
        adaptationNotes:
          'Abbiamo adottato il format toscano per descrivere le prime 120 figure del repertorio calabrese, partendo dai settori prioritari del territorio.',
        outcome:
          'Repertorio regionale approvato con 120 figure; la programmazione formativa regionale lo usa come riferimento.',
        daysAgo: 220,
      },
      {
        organization: 'regione-puglia',
        declaredBy: 'anna.caputo',
        status: 'reusing',
        startedOn: '2026-12-01',
        components: ['C.1', 'C.2'],
        adaptationNotes:
          'Partiamo dal format delle figure professionali e dalla procedura di aggiornamento; i primi gruppi tecnici lavorano sul settore agroalimentare.',
        outcome: 'Appena avviato.',
        daysAgo: 4,
      },
    ],
    stories: [
      {
        author: 'mariagrazia.scalise',
        title: 'Costruire il repertorio calabrese senza partire da zero',
        body: `Il valore del repertorio toscano per noi è stato il format: non abbiamo dovuto inventare come descrivere una figura, ma solo decidere quali figure servono alla Calabria.

I gruppi tecnici hanno lavorato più velocemente del previsto e oggi le nostre figure sono leggibili anche da chi viene da un’altra regione.`,
        status: 'published',
        daysAgo: 150,
      },
      {
        author: 'anna.caputo',
        title: 'La Puglia riparte dal format delle figure',
        body: 'Abbiamo appena iniziato a usare il format toscano con il primo gruppo tecnico. Racconteremo com’è andata: intanto grazie ai colleghi per la disponibilità.',
        status: 'pending',
        daysAgo: 3,
      },
    ],
  },

  // ─── Tos.Ca., Modello D ───────────────────────────────────────────────────────────────────────
  {
    slug: 'servizi-integrati-sociali-lavoro-firenze',
    title: 'Servizi sociali e per il lavoro integrati del Comune di Firenze',
    summary:
      'Accoglienza integrata e presa in carico condivisa tra servizi sociali e servizi per il lavoro: uno sportello integrato in cui assistenti sociali e operatori del Centro per l’Impiego lavorano insieme con le persone in condizione di fragilità.',
    description: `Il Comune di Firenze ha sperimentato un modello di **integrazione tra servizi sociali e servizi per il lavoro** che è, al momento, un’esperienza unica in Italia. Nasce dall’esigenza di riorganizzare sul territorio la rete dei servizi al cittadino alla luce della riforma del mercato del lavoro (nuovi LEP per i Servizi per l’Impiego), del riassetto delle province e della riassegnazione delle competenze.

Come funziona l’accoglienza integrata:

- un unico punto di accesso, lo **sportello integrato**, con un’équipe mista di assistenti sociali e operatori del CPI;
- una **scheda di accoglienza comune** e un colloquio congiunto per le persone seguite da entrambi i servizi, che così raccontano la propria storia una volta sola;
- un progetto personalizzato di **presa in carico condivisa**, con il riconoscimento delle competenze della persona e l’accesso alla formazione;
- incontri periodici di verifica dei casi tra i due servizi.

Nel gemellaggio Tos.Ca. è il **Modello D** «Servizi territoriali integrati (servizi sociali e per l’occupabilità dei cittadini)», trasferito dal Comune di Firenze al Comune di Vibo Valentia.

La completa efficacia del modello dovrà essere valutata nel tempo: la scheda riporta gli indicatori raccolti finora, non ancora esiti di lungo periodo.`,
    organization: 'comune-di-firenze',
    coOwners: ['cpi-firenze'],
    contact: 'sara.innocenti',
    authors: ['sara.innocenti', 'laura.mannucci'],
    region: 'Toscana',
    territorialLevel: 'municipal',
    theme: 'inclusione-sociale',
    targetUsers:
      'Persone e famiglie in condizione di fragilità seguite dai servizi sociali e in cerca di lavoro; disoccupati di lunga durata; assistenti sociali e operatori dei Centri per l’Impiego.',
    objectives:
      'Offrire un’accoglienza integrata con un solo punto di accesso; evitare percorsi paralleli e ripetizioni; costruire una presa in carico condivisa tra servizi sociali e servizi per il lavoro; migliorare l’occupabilità delle persone più lontane dal lavoro.',
    results:
      'Lo sportello integrato è attivo in due quartieri. Le persone seguite da entrambi i servizi hanno un solo progetto personalizzato e un solo operatore di riferimento; i tempi tra accoglienza e primo colloquio si sono ridotti. Gli esiti occupazionali di lungo periodo sono ancora in osservazione.',
    indicators: [
      { name: 'Persone accolte allo sportello integrato', value: '1240', unit: 'persone', date: '2026-06-30' },
      { name: 'Progetti di presa in carico condivisa attivati', value: '415', unit: 'progetti', date: '2026-06-30' },
      {
        name: 'Tempo medio tra accoglienza e primo colloquio congiunto',
        value: '9',
        unit: 'giorni',
        date: '2026-06-30',
      },
    ],
    resources:
      'Due sportelli integrati; un’équipe di 6 assistenti sociali e 5 operatori del CPI; un protocollo d’intesa tra Comune e servizi per il lavoro; una cartella condivisa nel sistema informativo sociale.',
    costs:
      'Nessun personale aggiuntivo: il costo è il tempo degli operatori già in servizio. Allestimento degli sportelli circa 25.000 euro; formazione congiunta dell’équipe 40 ore.',
    reuseRequirements:
      'Un protocollo d’intesa tra Comune e Centro per l’Impiego; operatori disponibili a lavorare in équipe mista; regole condivise sul trattamento dei dati personali; un sistema per condividere la scheda di accoglienza.',
    licence: 'CC BY 4.0',
    startedOn: '2013-09-01',
    endedOn: null,
    links: [
      {
        label: 'Protocollo d’intesa Comune–CPI (testo dimostrativo)',
        url: 'https://www.example.org/firenze/protocollo-servizi-integrati',
      },
      { label: 'Gemellaggio Tos.Ca. – scheda del progetto', url: TOSCA },
    ],
    components: [
      {
        code: 'D',
        title: 'Servizi territoriali integrati (servizi sociali e per l’occupabilità dei cittadini)',
        description:
          'Processi di servizio integrati in termini di riconoscimento delle competenze dei cittadini (uso del Libretto formativo, accesso alla formazione ecc.).',
      },
      {
        code: 'D.1',
        title: 'Sportello integrato e scheda di accoglienza comune',
        description: 'Organizzazione del punto di accesso unico, scheda condivisa, regole sui dati.',
      },
      {
        code: 'D.2',
        title: 'Presa in carico condivisa',
        description: 'Colloquio congiunto, progetto personalizzato, incontri di verifica dei casi tra servizi.',
      },
    ],
    kit: [
      {
        kind: 'manual',
        title: 'Manuale dello sportello integrato sociale–lavoro',
        url: `${KIT}/firenze-integrati/manuale-sportello.pdf`,
      },
      {
        kind: 'questionnaire',
        title: 'Scheda di accoglienza comune',
        url: `${KIT}/firenze-integrati/scheda-accoglienza.pdf`,
      },
      {
        kind: 'training',
        title: 'Percorso di formazione congiunta per l’équipe mista',
        url: `${KIT}/firenze-integrati/formazione-equipe`,
      },
      {
        kind: 'other',
        title: 'Protocollo d’intesa tipo Comune–CPI',
        url: `${KIT}/firenze-integrati/protocollo-tipo.docx`,
      },
    ],
    tags: ['accoglienza integrata', 'servizi sociali', 'presa in carico', 'fragilità', 'tos.ca.', 'LEP'],
    status: 'published',
    createdDaysAgo: 330,
    validation: {
      validator: 'paolo.esposito',
      decisionDaysAgo: 300,
      scores: {
        trasferibilita: {
          score: 3,
          note: 'In trasferimento a Vibo Valentia; richiede un accordo locale tra Comune e CPI.',
        },
        sostenibilita: {
          score: 2,
          note: 'Dipende dalla riassegnazione delle competenze sui servizi per il lavoro dopo il riassetto delle province.',
        },
        innovazione: { score: 4, note: 'Sperimentazione unica al momento in Italia.' },
        'coerenza-quadri': {
          score: 3,
          note: 'Coerente con i nuovi LEP e con la priorità 4 del QSN (inclusione sociale).',
        },
      },
      strengths:
        'Un solo punto di accesso per persone fragili; équipe mista; nessun costo di personale aggiuntivo; forte interesse di altri Comuni.',
      weaknesses:
        'Esiti di lungo periodo non ancora misurati; l’assetto istituzionale dei servizi per il lavoro può cambiare.',
      comment:
        'Validata. L’efficacia non è valutata: come dice la scheda stessa, andrà misurata nel tempo. Chiediamo di aggiornare gli indicatori ogni anno.',
    },
    publishedDaysAgo: 295,
    revisions: [
      {
        daysAgo: 180,
        note: 'Aggiunto il secondo sportello e il percorso di formazione congiunta',
        changes: {
          results:
            'Lo sportello integrato è attivo in due quartieri, il secondo aperto quest’anno con un percorso di formazione congiunta per la nuova équipe. Le persone seguite da entrambi i servizi hanno un solo progetto personalizzato e un solo operatore di riferimento; i tempi tra accoglienza e primo colloquio si sono ridotti. Gli esiti occupazionali di lungo periodo sono ancora in osservazione.',
        },
      },
      {
        daysAgo: 45,
        note: 'Primi esiti a dodici mesi della presa in carico condivisa',
        changes: {
          summary:
            'Accoglienza integrata e presa in carico condivisa tra servizi sociali e servizi per il lavoro: uno sportello integrato in cui assistenti sociali e operatori del Centro per l’Impiego lavorano insieme con le persone in condizione di fragilità. Primi esiti a dodici mesi disponibili.',
          results:
            'Lo sportello integrato è attivo in due quartieri. A dodici mesi dalla presa in carico condivisa, il 31% delle persone ha avuto almeno un’esperienza di lavoro e il 58% ha concluso un’attività di formazione. I tempi tra accoglienza e primo colloquio congiunto sono scesi a nove giorni. Gli esiti di lungo periodo restano in osservazione.',
        },
      },
    ],
    reuses: [
      {
        organization: 'comune-di-vibo-valentia',
        declaredBy: 'antonio.barbieri',
        status: 'reusing',
        startedOn: '2016-01-15',
        components: ['D', 'D.1', 'D.2'],
        adaptationNotes:
          'Lo sportello integrato è ospitato nella sede dei servizi sociali, con un operatore del CPI presente due giorni a settimana. Abbiamo semplificato la scheda di accoglienza comune e firmato un protocollo con il CPI di Vibo Valentia.',
        outcome:
          'In corso: 260 persone accolte; il colloquio congiunto è ormai la regola per i nuclei seguiti da entrambi.',
        daysAgo: 240,
      },
      {
        organization: 'cpi-vibo-valentia',
        declaredBy: 'domenico.fiumara',
        status: 'reusing',
        startedOn: '2016-01-15',
        components: ['D.2'],
        adaptationNotes:
          'Dal lato del CPI abbiamo adottato il colloquio congiunto e gli incontri mensili di verifica dei casi con il Comune.',
        outcome: 'Due operatori dedicati; meno invii «a vuoto» tra i due servizi.',
        daysAgo: 200,
      },
    ],
    stories: [
      {
        author: 'antonio.barbieri',
        title: 'Raccontare la propria storia una volta sola',
        body: `La frase che sentiamo più spesso allo sportello integrato di Vibo Valentia è «finalmente non devo ripetere tutto». Per chi vive una situazione di fragilità non è un dettaglio.

Il lavoro più difficile è stato tra noi operatori: imparare il linguaggio dell’altro servizio. Il percorso di formazione congiunta del kit fiorentino ci ha aiutato molto.`,
        status: 'published',
        daysAgo: 100,
      },
      {
        author: 'domenico.fiumara',
        title: 'Il nostro corso sui tirocini',
        body: 'Segnalo che a gennaio organizziamo un corso sui tirocini per le imprese del territorio: chi è interessato mi scriva.',
        status: 'rejected',
        daysAgo: 60,
      },
    ],
  },

  // ─── Tos.Ca., Modello E ───────────────────────────────────────────────────────────────────────
  {
    slug: 'servizi-prima-infanzia-firenze',
    title: 'L’organizzazione dei servizi per la prima infanzia del Comune di Firenze',
    summary:
      'Nidi d’infanzia e servizi integrativi organizzati con modelli innovativi: accesso unico per le famiglie, coordinamento pedagogico, qualità educativa valutata e formazione continua degli educatori, in un territorio che ospita l’Istituto degli Innocenti.',
    description: `L’organizzazione dei **servizi per l’infanzia e degli asili nido** del Comune di Firenze è un punto di eccellenza: adotta modelli organizzativi molto innovativi in un territorio che ospita anche l’Istituto degli Innocenti, riferimento nazionale in materia.

Gli elementi del modello:

- **accesso unico** ai nidi comunali e convenzionati, con un solo bando, criteri pubblici e graduatoria unica;
- **coordinamento pedagogico** territoriale che segue nidi comunali, convenzionati e servizi integrativi (spazi gioco, centri per bambini e famiglie);
- **carta dei servizi** e strumenti di autovalutazione della qualità educativa, con la partecipazione dei genitori;
- **formazione continua** degli educatori, anche insieme al personale dei servizi privati accreditati;
- orari flessibili pensati per conciliare la cura dei figli con il lavoro dei genitori.

Nel gemellaggio Tos.Ca. è il **Modello E** «Servizi per la prima infanzia», trasferito dal Comune di Firenze al Comune di Vibo Valentia. La pratica contribuisce all’Obiettivo di Servizio «Servizi di cura per l’infanzia e gli anziani».`,
    organization: 'comune-di-firenze',
    coOwners: [],
    contact: 'andrea.pieri',
    authors: ['andrea.pieri'],
    region: 'Toscana',
    territorialLevel: 'municipal',
    theme: 'prima-infanzia',
    targetUsers:
      'Bambini da 0 a 3 anni e le loro famiglie; Comuni che vogliono qualificare l’offerta di nidi e servizi integrativi; coordinatori pedagogici ed educatori.',
    objectives:
      'Ampliare e qualificare l’offerta di servizi per la prima infanzia; garantire alle famiglie un accesso semplice ed equo; sostenere la conciliazione tra cura e lavoro; valutare e migliorare la qualità educativa.',
    results:
      'L’offerta copre una quota di bambini ben superiore alla media nazionale; l’accesso unico ha ridotto i tempi delle graduatorie e le rinunce; l’autovalutazione della qualità coinvolge ogni anno tutti i nidi comunali e convenzionati.',
    indicators: [
      {
        name: 'Copertura di nidi e servizi integrativi (bambini da 0 a 3 anni)',
        value: '38',
        unit: 'posti ogni 100 bambini',
        date: '2025-09-30',
      },
      { name: 'Servizi coinvolti nell’autovalutazione della qualità', value: '100', unit: '%', date: '2025-12-31' },
      { name: 'Ore di formazione per educatore all’anno', value: '30', unit: 'ore', date: '2025-12-31' },
    ],
    resources:
      'Un ufficio centrale per l’accesso e le graduatorie, un gruppo di coordinatori pedagogici, la rete dei nidi comunali e convenzionati, la collaborazione con l’Istituto degli Innocenti per la formazione.',
    costs:
      'Il modello organizzativo non richiede costi aggiuntivi rispetto alla gestione dei servizi; per chi riusa: formazione dei coordinatori (circa 15.000 euro) e adeguamento del regolamento di accesso.',
    reuseRequirements:
      'Un regolamento comunale di accesso ai servizi; almeno un coordinatore pedagogico; la disponibilità a convenzionarsi con i servizi privati accreditati; strumenti per raccogliere le domande delle famiglie.',
    licence: 'CC BY 4.0',
    startedOn: '2008-09-01',
    endedOn: null,
    links: [
      {
        label: 'Carta dei servizi per la prima infanzia (testo dimostrativo)',
        url: 'https://www.example.org/firenze/carta-servizi-infanzia',
      },
      { label: 'Gemellaggio Tos.Ca. – scheda del progetto', url: TOSCA },
    ],
    components: [
      {
        code: 'E',
        title: 'Servizi per la prima infanzia',
        description: 'Modalità e strumenti di qualificazione dell’offerta di servizi per la prima infanzia.',
      },
      {
        code: 'E.1',
        title: 'Accesso unico e graduatoria',
        description: 'Bando unico per nidi comunali e convenzionati, criteri, graduatoria e gestione delle rinunce.',
      },
      {
        code: 'E.2',
        title: 'Coordinamento pedagogico e autovalutazione della qualità',
        description: 'Ruolo del coordinatore, strumenti di autovalutazione, restituzione ai genitori.',
      },
    ],
    kit: [
      {
        kind: 'manual',
        title: 'Manuale del coordinamento pedagogico',
        url: `${KIT}/firenze-infanzia/manuale-coordinamento.pdf`,
      },
      {
        kind: 'questionnaire',
        title: 'Strumento di autovalutazione della qualità educativa',
        url: `${KIT}/firenze-infanzia/autovalutazione-qualita.pdf`,
      },
      { kind: 'other', title: 'Regolamento di accesso tipo', url: `${KIT}/firenze-infanzia/regolamento-accesso.docx` },
    ],
    tags: ['prima infanzia', 'asili nido', 'servizi integrativi', 'conciliazione', 'tos.ca.'],
    status: 'published',
    createdDaysAgo: 320,
    validation: {
      validator: 'lucia.ferraro',
      decisionDaysAgo: 290,
      scores: {
        efficacia: { score: 4, note: 'Copertura, tempi di accesso e qualità misurati ogni anno.' },
        trasferibilita: {
          score: 3,
          note: 'Trasferibile ai Comuni medi; richiede un regolamento e un coordinamento pedagogico.',
        },
        sostenibilita: {
          score: 2,
          note: 'I costi di gestione dei servizi restano alti per i Comuni con bilanci fragili.',
        },
        innovazione: { score: 4, note: 'Modelli organizzativi molto innovativi, accesso unico pubblico–privato.' },
        'coerenza-quadri': {
          score: 4,
          note: 'Contribuisce all’Obiettivo di Servizio «Servizi di cura per l’infanzia e gli anziani» e alla priorità 4 del QSN.',
        },
      },
      strengths:
        'Accesso semplice per le famiglie; qualità educativa misurata; forte collegamento con la conciliazione cura–lavoro.',
      weaknesses: 'Sostenibilità economica difficile da replicare dove l’offerta di nidi è molto bassa.',
      comment: 'Validata con un ottimo punteggio. Per chi riusa consigliamo di partire dall’accesso unico.',
    },
    publishedDaysAgo: 288,
    reuses: [
      {
        organization: 'comune-di-vibo-valentia',
        declaredBy: 'rosa.pugliese',
        status: 'reusing',
        startedOn: '2016-02-01',
        components: ['E', 'E.1'],
        adaptationNotes:
          'Abbiamo riscritto il regolamento di accesso sul modello fiorentino e stiamo preparando la carta dei servizi con le famiglie.',
        outcome: 'Graduatoria unica al primo anno; carta dei servizi in consultazione.',
        daysAgo: 210,
      },
    ],
    stories: [
      {
        author: 'rosa.pugliese',
        title: 'Una graduatoria sola per tutte le famiglie',
        body: `Prima a Vibo Valentia le famiglie presentavano domande diverse per ogni nido. Con l’accesso unico sul modello di Firenze il bando è uno, i criteri sono pubblici e le rinunce si gestiscono in pochi giorni.

La visita ai nidi fiorentini è stata la parte più utile del gemellaggio: vedere come lavora un coordinamento pedagogico vale più di molti documenti.`,
        status: 'published',
        daysAgo: 70,
      },
    ],
  },

  // ─── Labor, Provincia di Teramo ─────────────────────────────────────────────────────────────────
  {
    slug: 'labor-sportello-unico-teramo',
    title: 'Labor, sportello unico per lavoro e formazione della Provincia di Teramo',
    summary:
      'Un unico punto di accesso a dati e servizi per chi cerca un’occupazione: cooperazione applicativa con anagrafi comunali, scuole ed enti di formazione e un software che gestisce gli interventi di politica attiva dei Centri per l’Impiego.',
    description: `Il progetto **Labor, servizi innovativi per il lavoro** nasce dal Programma ELISA, promosso dal P.O.R.E. (Dipartimento Affari Regionali della Presidenza del Consiglio dei Ministri). La Provincia di Teramo è capofila della linea d’azione «Azioni di Politica attiva e governance del territorio» e collabora con altre 12 amministrazioni di sette regioni: Ascoli Piceno, Avellino, Benevento, Campobasso, Chieti, Cosenza, Crotone, Frosinone, Matera, Potenza, Rieti e Viterbo.

Prima di Labor i dati su chi lavora, chi cerca lavoro, gli studenti e l’offerta formativa erano sparsi in vari enti e in numerose banche dati. Il progetto li rende accessibili **da un unico punto e con un unico sistema**:

- **cooperazione applicativa** con le anagrafi comunali e con il sistema delle frequenze e degli abbandoni scolastici, integrata con il sistema informativo provinciale;
- **gestione degli interventi di politica attiva**: domande di borse lavoro e tirocini, voucher formativi, valutazione dei progetti formativi, graduatorie, pagamenti e rendicontazione;
- **lavoratori in sostegno al reddito**: raccolta dei nominativi dalle aziende in crisi, gestione della Dichiarazione di Immediata Disponibilità (DID), segnalazione ad aziende e soggetti privati di intermediazione;
- **scheda del lavoratore** inviata al Ministero del Lavoro, alla Borsa Lavoro e alla rete Europass;
- **banca dati dell’offerta formativa**, alimentata da scuole ed enti di formazione e consultabile su Internet.

Le Province partner hanno avviato uno scambio di esperienze che permette di mettere a sistema le diverse sperimentazioni territoriali.`,
    organization: 'provincia-di-teramo',
    coOwners: ['cpi-teramo'],
    contact: 'roberto.dangelo',
    authors: ['roberto.dangelo', 'alessia.marini', 'luca.dipietro'],
    region: 'Abruzzo',
    territorialLevel: 'provincial',
    theme: 'e-government',
    targetUsers:
      'Cittadini in cerca di occupazione e imprese; operatori dei Centri per l’Impiego; Comuni, scuole ed enti di formazione del territorio provinciale; Province che gestiscono sistemi informativi del lavoro.',
    objectives:
      'Potenziare i servizi dei Centri per l’Impiego per il supporto all’occupazione; ottimizzare la circolazione delle informazioni fra Comuni, scuole ed enti di formazione; migliorare i servizi offerti ai cittadini e alle imprese; integrare i sistemi informativi del lavoro.',
    results:
      'Realizzati i moduli di cooperazione applicativa con anagrafi e scuole e il software di gestione delle politiche attive dei CPI provinciali. Avviata la gestione dei lavoratori in sostegno al reddito e della DID. Nata una collaborazione stabile fra le Province aderenti.',
    indicators: [
      { name: 'Comuni collegati in cooperazione applicativa', value: '47', unit: 'Comuni', date: '2010-12-31' },
      {
        name: 'Scuole ed enti di formazione che alimentano l’offerta formativa',
        value: '96',
        unit: 'enti',
        date: '2010-12-31',
      },
      {
        name: 'Pratiche di politica attiva gestite con il software',
        value: '5200',
        unit: 'pratiche',
        date: '2010-12-31',
      },
      { name: 'Amministrazioni partner del progetto', value: '13', unit: 'amministrazioni', date: '2009-03-13' },
    ],
    resources:
      'Un gruppo di progetto provinciale (dirigente, analista dei sistemi informativi, consulenti per il lavoro dei CPI), un fornitore per lo sviluppo software, accordi con i Comuni e con l’Osservatorio Scolastico provinciale.',
    costs:
      'Finanziamento del Programma ELISA per lo sviluppo; manutenzione del software circa 60.000 euro l’anno. Per chi riusa: codice sorgente gratuito; adattamento delle interfacce ai propri sistemi (stima 40.000–80.000 euro).',
    reuseRequirements:
      'Un sistema informativo lavoro provinciale o regionale; convenzioni con Comuni, scuole ed enti di formazione per lo scambio dei dati; competenze interne di cooperazione applicativa; regole condivise sul trattamento dei dati personali.',
    licence: 'EUPL 1.2',
    startedOn: '2008-06-01',
    endedOn: '2010-12-31',
    links: [
      {
        label: 'Labor – presentazione dei primi risultati (Teramo, 13 marzo 2009)',
        url: 'https://www.example.org/labor/presentazione-2009',
      },
      { label: 'Documentazione tecnica delle interfacce', url: 'https://www.example.org/labor/interfacce' },
    ],
    components: [
      {
        code: 'L1',
        title: 'Cooperazione applicativa con anagrafi comunali e scuole',
        description:
          'Recupero dei dati delle anagrafi comunali e del sistema di gestione delle frequenze e degli abbandoni scolastici, integrati con il sistema provinciale.',
      },
      {
        code: 'L2',
        title: 'Gestione degli interventi di politica attiva',
        description:
          'Borse lavoro, tirocini, voucher formativi, progetti formativi, graduatorie, pagamenti e rendicontazione delle spese.',
      },
      {
        code: 'L3',
        title: 'Lavoratori in sostegno al reddito e DID',
        description: 'Raccolta dei nominativi, Dichiarazione di Immediata Disponibilità e azioni di politica attiva.',
      },
      {
        code: 'L4',
        title: 'Banca dati dell’offerta formativa',
        description:
          'Struttura dati alimentata da scuole ed enti di formazione, con un punto di accesso unico su Internet.',
      },
      {
        code: 'L5',
        title: 'Scambio della scheda del lavoratore',
        description: 'Invio al Ministero del Lavoro, alla Borsa Lavoro e alla rete Europass.',
      },
    ],
    kit: [
      { kind: 'software', title: 'Codice sorgente dei moduli Labor', url: `${KIT}/labor/codice-sorgente.zip` },
      {
        kind: 'manual',
        title: 'Manuale di installazione e delle interfacce',
        url: `${KIT}/labor/manuale-interfacce.pdf`,
      },
      {
        kind: 'other',
        title: 'Convenzione tipo con Comuni, scuole ed enti di formazione',
        url: `${KIT}/labor/convenzione-tipo.docx`,
      },
      { kind: 'training', title: 'Modulo formativo per gli operatori dei CPI', url: `${KIT}/labor/modulo-operatori` },
    ],
    tags: ['sportello unico', 'cooperazione applicativa', 'sistemi informativi', 'politiche attive', 'DID', 'ELISA'],
    status: 'published',
    createdDaysAgo: 540,
    validation: {
      validator: 'marco.deluca',
      decisionDaysAgo: 500,
      scores: {
        efficacia: { score: 3, note: 'Indicatori di realizzazione solidi; meno dati sull’effetto per gli utenti.' },
        trasferibilita: { score: 3, note: 'Già condiviso con le Province partner; le interfacce vanno adattate.' },
        sostenibilita: { score: 2, note: 'Manutenzione a carico della sola Provincia dopo la fine del finanziamento.' },
        innovazione: { score: 3, note: 'Interoperabilità dei dati tra enti ancora rara nel 2009.' },
        'coerenza-quadri': { score: 3, note: 'Coerente con la Borsa Lavoro nazionale e con Europass.' },
      },
      strengths: 'Interoperabilità reale con Comuni e scuole; codice riusabile; rete di Province già attiva.',
      weaknesses: 'Tecnologia datata; la sostenibilità dipende dalle scelte sui sistemi informativi regionali.',
      comment: 'Validata. Suggeriamo di documentare meglio le interfacce per chi riusa.',
    },
    publishedDaysAgo: 495,
    revisions: [
      {
        daysAgo: 300,
        note: 'Aggiornati i risultati con la gestione della DID e dei lavoratori in sostegno al reddito',
        changes: {
          results:
            'Realizzati i moduli di cooperazione applicativa con anagrafi e scuole e il software di gestione delle politiche attive dei CPI provinciali. La gestione dei lavoratori in sostegno al reddito e della DID è a regime e collegata alla segnalazione ad aziende e soggetti privati di intermediazione. Nata una collaborazione stabile fra le Province aderenti, una delle quali ha già riusato i moduli.',
        },
      },
    ],
    reuses: [
      {
        organization: 'provincia-di-cosenza',
        declaredBy: 'giovanni.perri',
        status: 'reused',
        startedOn: '2010-03-01',
        components: ['L2', 'L3'],
        adaptationNotes:
          'Abbiamo installato i moduli di gestione delle politiche attive e dei lavoratori in sostegno al reddito nei CPI della provincia, adattando le graduatorie ai nostri avvisi.',
        outcome:
          'Tutti i CPI della provincia gestiscono DID e borse lavoro con il software; tempi di pagamento dimezzati.',
        daysAgo: 400,
      },
      {
        organization: 'provincia-di-matera',
        declaredBy: 'vito.santarsiero',
        status: 'reusing',
        startedOn: '2026-05-01',
        components: ['L1', 'L4'],
        adaptationNotes:
          'Riusiamo la banca dati dell’offerta formativa e la cooperazione applicativa con le scuole per l’osservatorio provinciale.',
        outcome: 'Prime 30 scuole collegate.',
        daysAgo: 200,
      },
    ],
    stories: [
      {
        author: 'giovanni.perri',
        title: 'Da Teramo a Cosenza: il software Labor nei nostri CPI',
        body: `Essere partner di Labor ci ha dato un vantaggio: conoscevamo il software prima di installarlo. Il lavoro vero è stato adattare le graduatorie e formare gli operatori.

Oggi la DID e le borse lavoro passano tutte dal sistema e i pagamenti arrivano prima.`,
        status: 'published',
        daysAgo: 380,
      },
    ],
  },

  // ─── Follow Me, Networking: strategie e strumenti ───────────────────────────────────────────────
  {
    slug: 'manuale-monitoraggio-reti-follow-me',
    title: 'Monitorare e valutare le reti territoriali: il manuale Follow Me',
    summary:
      'Una metodologia e una serie di strumenti qualitativi e quantitativi per il monitoraggio e la valutazione del funzionamento delle reti di partner locali: un manuale e un questionario informatizzato nati dal progetto Equal Follow Me.',
    description: `Il manuale è uno dei meta-prodotti del progetto **Follow Me** (Programma di Iniziativa Comunitaria Equal, Azione 3, IT-S2-MDL-842). Nasce dal laboratorio «Networking: strategie e strumenti», che ha visto impegnate tutte le partnership locali della cordata: le PS PER.SO.N.E. e ATIPICO hanno riprogettato e validato gli strumenti sperimentati nelle Azioni 2 e definito una metodologia per monitorare, misurare e valutare il funzionamento delle reti.

La Provincia di Chieti, nel territorio della PS ATIPICO, e la Provincia di Teramo lo usano per il **monitoraggio della rete** dei servizi per il lavoro: CPI, Comuni, enti di formazione, cooperative sociali, associazioni e parti sociali.

Il kit comprende:

- il **manuale** con la metodologia: mappa della rete, ruoli dei partner, ciclo di monitoraggio e valutazione;
- il **questionario informatizzato** di monitoraggio e di valutazione delle attività delle reti, compilato da ogni partner due volte l’anno;
- una batteria di **indicatori quantitativi** (partecipazione, invii tra servizi, tempi di risposta) e una griglia **qualitativa** per il confronto nelle riunioni di rete.

I risultati si restituiscono ai partner in una riunione di rete che mette in evidenza punti di forza e di debolezza e concorda le azioni di miglioramento.`,
    organization: 'provincia-di-chieti',
    coOwners: ['provincia-di-teramo'],
    contact: 'federica.dimarco',
    authors: ['federica.dimarco', 'roberto.dangelo'],
    region: 'Abruzzo',
    territorialLevel: 'provincial',
    theme: 'servizi-impiego',
    targetUsers:
      'Amministrazioni e servizi che coordinano una rete di partner locali; responsabili dei CPI; referenti di Comuni, enti di formazione e terzo settore che partecipano alla rete.',
    objectives:
      'Dare alle reti territoriali strumenti per capire come funzionano; misurare partecipazione e collaborazione tra i partner; individuare punti di forza e di debolezza; orientare le azioni di miglioramento della rete.',
    results:
      'Due reti provinciali monitorate con lo stesso metodo per tre cicli consecutivi. Il questionario ha reso visibili i partner poco coinvolti e i passaggi in cui gli invii tra servizi si perdono; le riunioni di rete hanno adottato azioni di miglioramento concordate.',
    indicators: [
      { name: 'Partner della rete che compilano il questionario', value: '84', unit: '%', date: '2026-06-30' },
      { name: 'Cicli di monitoraggio completati', value: '3', unit: 'cicli', date: '2026-06-30' },
      {
        name: 'Azioni di miglioramento concordate nelle riunioni di rete',
        value: '14',
        unit: 'azioni',
        date: '2026-06-30',
      },
    ],
    resources:
      'Un referente per la rete in ciascuna Provincia, mezza giornata di lavoro per partner a ciclo, il questionario informatizzato ospitato sul server provinciale.',
    costs:
      'Nessun costo di licenza; circa 5.000 euro per l’installazione del questionario e 8 giornate di lavoro del referente per ogni ciclo di monitoraggio.',
    reuseRequirements:
      'Una rete di partner già formalizzata (protocollo o accordo); un referente che coordini il monitoraggio; l’impegno dei partner a compilare il questionario e a partecipare alla riunione di restituzione.',
    licence: 'CC BY-SA 4.0',
    startedOn: '2008-01-01',
    endedOn: null,
    links: [
      {
        label: 'Follow Me – presentazione dei meta-prodotti (Equal Azione 3)',
        url: 'https://www.example.org/equal/follow-me',
      },
    ],
    components: [
      {
        code: 'M1',
        title: 'Manuale di metodologia',
        description: 'Mappa della rete, ruoli dei partner, ciclo di monitoraggio e valutazione, restituzione.',
      },
      {
        code: 'M2',
        title: 'Questionario informatizzato di monitoraggio e valutazione',
        description: 'Questionario online per i partner, con elaborazione automatica dei risultati.',
      },
      {
        code: 'M3',
        title: 'Indicatori e griglia qualitativa',
        description:
          'Indicatori quantitativi di partecipazione e invii tra servizi; griglia per la discussione nelle riunioni di rete.',
      },
    ],
    kit: [
      {
        kind: 'manual',
        title: 'Manuale per il monitoraggio e la valutazione delle reti',
        url: `${KIT}/follow-me/manuale-reti.pdf`,
      },
      {
        kind: 'questionnaire',
        title: 'Questionario informatizzato di monitoraggio delle reti',
        url: `${KIT}/follow-me/questionario-reti`,
      },
      {
        kind: 'software',
        title: 'Installazione del questionario (pacchetto)',
        url: `${KIT}/follow-me/questionario-reti.zip`,
      },
      { kind: 'training', title: 'Modulo formativo per i referenti di rete', url: `${KIT}/follow-me/modulo-referenti` },
    ],
    tags: ['monitoraggio', 'reti territoriali', 'networking', 'valutazione', 'Equal', 'meta-prodotti'],
    status: 'published',
    createdDaysAgo: 280,
    validation: {
      validator: 'chiara.santoro',
      decisionDaysAgo: 250,
      scores: {
        efficacia: { score: 2, note: 'Risultati descritti bene ma su due sole reti e tre cicli.' },
        trasferibilita: { score: 4, note: 'Metodo generale, applicabile a qualsiasi rete territoriale.' },
        sostenibilita: { score: 4, note: 'Costi minimi; si regge sul lavoro ordinario di un referente.' },
        innovazione: { score: 2, note: 'Strumenti noti in letteratura, ben ingegnerizzati.' },
        'coerenza-quadri': {
          score: 3,
          note: 'Coerente con i protocolli di validazione Equal e con la governance multilivello dei servizi per il lavoro.',
        },
      },
      strengths:
        'Metodo chiaro, strumenti pronti all’uso, costi bassissimi, restituzione ai partner prevista dal ciclo.',
      weaknesses: 'Evidenze di efficacia ancora limitate; il questionario richiede una manutenzione tecnica minima.',
      comment:
        'Validata. Un buon meta-prodotto nel senso di Follow Me: si suggerisce di raccogliere i risultati di chi lo riusa.',
    },
    publishedDaysAgo: 245,
    reuses: [
      {
        organization: 'provincia-di-avellino',
        declaredBy: 'gennaro.iannaccone',
        status: 'reused',
        startedOn: '2026-01-15',
        components: ['M1', 'M2'],
        adaptationNotes:
          'Abbiamo applicato il manuale alla rete dei CPI irpini e dei Comuni capofila degli ambiti sociali, riducendo il questionario a venti domande.',
        outcome: 'Primo ciclo completato; i risultati sono entrati nel piano di miglioramento dei CPI.',
        daysAgo: 150,
      },
      {
        organization: 'cpi-potenza',
        declaredBy: 'angela.lorusso',
        status: 'reusing',
        startedOn: '2026-10-01',
        components: ['M3'],
        adaptationNotes: 'Usiamo solo gli indicatori e la griglia qualitativa con i partner dell’accoglienza.',
        outcome: 'In corso.',
        daysAgo: 50,
      },
    ],
    stories: [
      {
        author: 'gennaro.iannaccone',
        title: 'Guardare la rete con gli occhi dei partner',
        body: `Pensavamo di conoscere bene la nostra rete. Il questionario ci ha mostrato che due Comuni non ricevevano quasi mai i nostri invii e che un ente di formazione si sentiva escluso dalle decisioni.

La riunione di restituzione è stata la più utile degli ultimi anni: tutti avevano davanti gli stessi numeri.`,
        status: 'published',
        daysAgo: 90,
      },
    ],
  },

  // ─── Follow Me, Modello di consulenza alle figure deboli (submitted) ────────────────────────────
  {
    slug: 'questionario-active-ageing-aziende',
    title: 'Questionario informatizzato di autovalutazione delle politiche di active ageing per le aziende',
    summary:
      'Uno strumento online con cui le aziende valutano da sole le proprie politiche di invecchiamento attivo verso i lavoratori over 40, nato dalla PS CHANCE nel modello di consulenza alle figure deboli del progetto Follow Me.',
    description: `Il questionario è uno dei due strumenti del **Modello di consulenza alle figure deboli**, meta-prodotto del progetto Equal Follow Me: intende sviluppare una maggiore consapevolezza sull’**active ageing** nei confronti di aziende e lavoratori over 40 e degli operatori istituzionali. Lo ha sviluppato la PS CHANCE; il CPI di Potenza lo usa con le aziende del territorio.

Come si usa:

1. l’operatore del CPI presenta il questionario all’azienda durante una visita o un incontro con i responsabili del personale;
2. l’azienda lo compila online: età del personale, formazione, organizzazione del lavoro, passaggio delle competenze tra generazioni;
3. il sistema restituisce un profilo con i punti di forza e le aree di rischio;
4. un colloquio di restituzione concorda con l’azienda le azioni possibili e i servizi del CPI utili.

L’altro strumento del modello, Palestra Lavoro, lavora invece con la persona.`,
    organization: 'cpi-potenza',
    coOwners: [],
    contact: 'angela.lorusso',
    authors: ['angela.lorusso'],
    region: 'Basilicata',
    territorialLevel: 'local',
    theme: 'invecchiamento-attivo',
    targetUsers:
      'Aziende del territorio e i loro responsabili del personale; lavoratori over 40; operatori dei CPI che seguono le imprese.',
    objectives:
      'Sensibilizzare le aziende sull’invecchiamento attivo; prevenire l’espulsione dei lavoratori maturi dal mercato del lavoro; aprire un canale di consulenza tra CPI e aziende.',
    results:
      'Nel primo anno 62 aziende hanno compilato il questionario e 40 hanno fatto il colloquio di restituzione; 11 hanno avviato azioni di affiancamento tra lavoratori senior e giovani.',
    indicators: [
      { name: 'Aziende che hanno compilato il questionario', value: '62', unit: 'aziende', date: '2026-09-30' },
      { name: 'Colloqui di restituzione svolti', value: '40', unit: 'colloqui', date: '2026-09-30' },
    ],
    resources:
      'Due operatori del CPI dedicati ai servizi alle imprese; il questionario ospitato sul server della Regione.',
    costs: 'Nessun costo di licenza; il tempo degli operatori (circa 3 ore per azienda, compreso il colloquio).',
    reuseRequirements:
      'Operatori che abbiano già rapporti con le aziende; un server per ospitare il questionario; una breve formazione sul colloquio di restituzione.',
    licence: 'CC BY-SA 4.0',
    startedOn: '2025-10-01',
    endedOn: null,
    links: [
      {
        label: 'Follow Me – presentazione dei meta-prodotti (Equal Azione 3)',
        url: 'https://www.example.org/equal/follow-me',
      },
    ],
    components: [
      {
        code: 'Q1',
        title: 'Questionario di autovalutazione',
        description: 'Questionario online per le aziende con profilo automatico dei risultati.',
      },
      {
        code: 'Q2',
        title: 'Colloquio di restituzione con l’azienda',
        description: 'Traccia del colloquio e catalogo dei servizi del CPI da proporre.',
      },
    ],
    kit: [
      {
        kind: 'questionnaire',
        title: 'Questionario active ageing per le aziende',
        url: `${KIT}/active-ageing/questionario`,
      },
      {
        kind: 'manual',
        title: 'Guida al colloquio di restituzione',
        url: `${KIT}/active-ageing/guida-restituzione.pdf`,
      },
    ],
    tags: ['active ageing', 'invecchiamento attivo', 'over 40', 'aziende', 'Equal'],
    status: 'submitted',
    createdDaysAgo: 30,
    reuses: [],
    stories: [],
  },

  // ─── Follow Me, Palestra Lavoro (draft) ─────────────────────────────────────────────────────────
  {
    slug: 'palestra-lavoro-autovalutazione',
    title: 'Palestra Lavoro: l’autovalutazione della persona per rafforzare la professionalità',
    summary:
      'Un dispositivo informatizzato per l’autovalutazione della persona, nato dalla PS FILO 40, che aiuta a rafforzare la professionalità e a ridurre il rischio di espulsione o di non reinserimento nel mercato del lavoro.',
    description: `**Palestra Lavoro** è il secondo strumento del Modello di consulenza alle figure deboli del progetto Equal Follow Me, sviluppato dalla PS FILO 40. È un dispositivo informatizzato con cui la persona valuta le proprie competenze e le confronta con quelle richieste dal lavoro che fa o che cerca.

Nei CPI della provincia di Chieti lo usiamo con i lavoratori percettori di ammortizzatori sociali:

- una prima sessione guidata dall’operatore;
- esercizi di autovalutazione che la persona può ripetere anche da casa;
- un profilo finale che diventa la base del colloquio e del piano di azione.

*Scheda in preparazione: mancano ancora gli indicatori e il kit.*`,
    organization: 'provincia-di-chieti',
    coOwners: [],
    contact: 'federica.dimarco',
    authors: ['federica.dimarco'],
    region: 'Abruzzo',
    territorialLevel: 'provincial',
    theme: 'orientamento',
    targetUsers:
      'Lavoratori percettori di ammortizzatori sociali; persone a rischio di espulsione dal mercato del lavoro.',
    objectives:
      'Rafforzare la professionalità della persona; ridurre il rischio di espulsione o di non reinserimento nel mercato del lavoro.',
    results: '',
    indicators: [],
    resources: 'Operatori dei CPI formati all’uso del dispositivo.',
    costs: '',
    reuseRequirements: '',
    licence: 'CC BY-SA 4.0',
    startedOn: '2026-02-01',
    endedOn: null,
    links: [],
    components: [
      {
        code: 'P1',
        title: 'Sessione guidata di autovalutazione',
        description: 'Primo incontro con l’operatore e uso del dispositivo.',
      },
    ],
    kit: [],
    tags: ['autovalutazione', 'ammortizzatori sociali', 'Equal'],
    status: 'draft',
    createdDaysAgo: 40,
    reuses: [],
    stories: [],
  },

  // ─── Follow Me, METIDE (archived) ───────────────────────────────────────────────────────────────
  {
    slug: 'metide-qualita-servizi-orientamento',
    title: 'METIDE, sistema informativo per la qualità dei servizi di orientamento',
    summary:
      'Un sistema informativo informatizzato che accompagna operatori e responsabili nell’intero ciclo del servizio di orientamento: programmazione degli obiettivi, erogazione e gestione in qualità, monitoraggio e valutazione.',
    description: `**METIDE** è lo strumento del meta-prodotto «Modello di erogazione e monitoraggio dei servizi alle persone» del progetto Equal Follow Me, sviluppato dalla PS PER.SO.N.E. Intende diffondere la cultura della qualità e della valutazione dei servizi di orientamento e di sostegno alle persone in posizione di debolezza nel mercato del lavoro, e accrescere l’accountability dei servizi di orientamento e per l’impiego.

Il sistema supporta l’azione degli operatori e dei responsabili politici e amministrativi:

- **programmazione** degli obiettivi del servizio;
- **erogazione e gestione in qualità** dei servizi di orientamento professionale, con schede standard per ogni prestazione;
- **monitoraggio e valutazione**, con cruscotti per i responsabili.

La Provincia di Avellino lo ha adottato nei CPI irpini durante il piano di miglioramento nato dai laboratori di autovalutazione.

*Scheda archiviata: le funzioni di METIDE sono confluite nel sistema informativo lavoro regionale. La scheda resta consultabile come riferimento metodologico.*`,
    organization: 'provincia-di-avellino',
    coOwners: [],
    contact: 'gennaro.iannaccone',
    authors: ['gennaro.iannaccone'],
    region: 'Campania',
    territorialLevel: 'provincial',
    theme: 'orientamento',
    targetUsers: 'Operatori e responsabili dei servizi di orientamento e dei CPI; decisori politici e amministrativi.',
    objectives:
      'Diffondere la cultura della qualità e della valutazione; accrescere l’accountability dei servizi di orientamento; sostenere l’intero ciclo del servizio con un unico sistema.',
    results:
      'Per quattro anni tutti i CPI della provincia hanno programmato e rendicontato i servizi di orientamento con METIDE; i cruscotti hanno alimentato il piano di miglioramento.',
    indicators: [
      { name: 'CPI che usavano METIDE', value: '7', unit: 'CPI', date: '2012-12-31' },
      { name: 'Prestazioni di orientamento registrate', value: '21400', unit: 'prestazioni', date: '2012-12-31' },
    ],
    resources: 'Un referente provinciale, gli operatori dei CPI, il server provinciale.',
    costs: 'Installazione e formazione circa 30.000 euro; manutenzione 10.000 euro l’anno fino alla dismissione.',
    reuseRequirements:
      'Oggi il riuso riguarda il modello di qualità e le schede delle prestazioni, non il software, che non è più mantenuto.',
    licence: 'EUPL 1.2',
    startedOn: '2008-09-01',
    endedOn: '2013-06-30',
    links: [
      {
        label: 'Follow Me – presentazione dei meta-prodotti (Equal Azione 3)',
        url: 'https://www.example.org/equal/follow-me',
      },
    ],
    components: [
      {
        code: 'T1',
        title: 'Programmazione degli obiettivi',
        description: 'Obiettivi annuali del servizio di orientamento e loro assegnazione ai CPI.',
      },
      {
        code: 'T2',
        title: 'Schede standard delle prestazioni',
        description: 'Una scheda per ogni prestazione di orientamento, con i requisiti di qualità.',
      },
      {
        code: 'T3',
        title: 'Cruscotti di monitoraggio e valutazione',
        description: 'Indicatori per i responsabili politici e amministrativi.',
      },
    ],
    kit: [
      {
        kind: 'manual',
        title: 'Manuale della qualità dei servizi di orientamento',
        url: `${KIT}/metide/manuale-qualita.pdf`,
      },
      {
        kind: 'software',
        title: 'METIDE – ultima versione (non più mantenuta)',
        url: `${KIT}/metide/metide-ultima-versione.zip`,
      },
    ],
    tags: ['qualità', 'accountability', 'orientamento', 'Equal', 'sistemi informativi'],
    status: 'archived',
    createdDaysAgo: 600,
    validation: {
      validator: 'valeria.conti',
      decisionDaysAgo: 570,
      scores: {
        efficacia: { score: 3, note: 'Uso continuativo e dati di attività per quattro anni.' },
        trasferibilita: { score: 2, note: 'Software legato a un’infrastruttura provinciale datata.' },
        sostenibilita: { score: 2, note: 'Manutenzione a carico della sola Provincia.' },
        innovazione: { score: 3, note: 'Un unico sistema per tutto il ciclo del servizio, raro all’epoca.' },
        'coerenza-quadri': { score: 3, note: 'Coerente con i modelli di qualità dei servizi per l’impiego.' },
      },
      strengths: 'Ciclo completo del servizio in un solo strumento; cultura della qualità diffusa tra gli operatori.',
      weaknesses: 'Software non più aggiornato; dipendenza da un’infrastruttura locale.',
      comment: 'Validata come riferimento metodologico più che come software da riusare.',
    },
    publishedDaysAgo: 565,
    reuses: [
      {
        organization: 'cpi-potenza',
        declaredBy: 'angela.lorusso',
        status: 'reused',
        startedOn: '2011-01-10',
        components: ['T2'],
        adaptationNotes:
          'Abbiamo ripreso solo le schede standard delle prestazioni di orientamento, senza il software.',
        outcome: 'Le schede sono ancora in uso nella carta dei servizi del CPI.',
        daysAgo: 520,
      },
    ],
    stories: [],
  },
];
