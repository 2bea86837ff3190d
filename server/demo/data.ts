// Demo content drawn from the seed documents: Formez PA's comunità SPI and Rete degli osservatori,
// the Tos.Ca. twinning (Toscana/Firenze → Calabria/Vibo Valentia), the Labor project led by the
// Provincia di Teramo and the "Qualità e innovazione nei Servizi per l'Impiego" project.
// People are invented; e-mail addresses use reserved example domains only.
import type { GroupRole } from '../../models/schema.ts';
import type { DemoContent } from './types.ts';

/** Group members sharing a role, e.g. `...withRole('member', 'a.b', 'c.d')`. */
const withRole = (role: GroupRole, ...keys: string[]) => keys.map((key) => ({ key, role }));

export const demoContent: DemoContent = {
  organizations: [
    { slug: 'formez-pa', name: 'Formez PA', kind: 'agency', region: 'Lazio', verified: true },
    { slug: 'anpal', name: 'ANPAL – Agenzia nazionale per le politiche attive del lavoro', kind: 'agency', region: 'Lazio', verified: true },
    { slug: 'osservatorio-mercato-lavoro-campania', name: 'Osservatorio regionale del mercato del lavoro della Campania', kind: 'agency', region: 'Campania', verified: true },
    { slug: 'regione-toscana', name: 'Regione Toscana', kind: 'region', region: 'Toscana', verified: true },
    { slug: 'regione-calabria', name: 'Regione Calabria', kind: 'region', region: 'Calabria', verified: true },
    { slug: 'regione-puglia', name: 'Regione Puglia', kind: 'region', region: 'Puglia', verified: true },
    { slug: 'comune-di-firenze', name: 'Comune di Firenze', kind: 'municipality', region: 'Toscana', verified: true },
    { slug: 'comune-di-vibo-valentia', name: 'Comune di Vibo Valentia', kind: 'municipality', region: 'Calabria', verified: true },
    { slug: 'comune-di-pordenone', name: 'Comune di Pordenone', kind: 'municipality', region: 'Friuli-Venezia Giulia', verified: true },
    { slug: 'provincia-di-teramo', name: 'Provincia di Teramo', kind: 'province', region: 'Abruzzo', verified: true },
    { slug: 'provincia-di-chieti', name: 'Provincia di Chieti', kind: 'province', region: 'Abruzzo', verified: true },
    { slug: 'provincia-di-avellino', name: 'Provincia di Avellino', kind: 'province', region: 'Campania', verified: true },
    { slug: 'provincia-di-campobasso', name: 'Provincia di Campobasso', kind: 'province', region: 'Molise', verified: true },
    { slug: 'provincia-di-cosenza', name: 'Provincia di Cosenza', kind: 'province', region: 'Calabria', verified: true },
    { slug: 'provincia-di-matera', name: 'Provincia di Matera', kind: 'province', region: 'Basilicata', verified: true },
    { slug: 'cpi-firenze', name: 'CPI di Firenze', kind: 'cpi', region: 'Toscana', verified: true },
    { slug: 'cpi-vibo-valentia', name: 'CPI di Vibo Valentia', kind: 'cpi', region: 'Calabria', verified: true },
    { slug: 'cpi-cosenza', name: 'CPI di Cosenza', kind: 'cpi', region: 'Calabria', verified: true },
    { slug: 'cpi-teramo', name: 'CPI di Teramo', kind: 'cpi', region: 'Abruzzo', verified: true },
    { slug: 'cpi-potenza', name: 'CPI di Potenza', kind: 'cpi', region: 'Basilicata', verified: true },
    { slug: 'cpi-pordenone', name: 'CPI di Pordenone', kind: 'cpi', region: 'Friuli-Venezia Giulia', verified: true },
    // Created by members at registration, still awaiting verification by an administrator.
    { slug: 'istituto-comprensivo-vinci', name: 'Istituto Comprensivo Vinci (FI)', kind: 'other', region: 'Toscana', verified: false },
    { slug: 'associazione-orientare-insieme', name: 'Associazione Orientare Insieme (KR)', kind: 'other', region: 'Calabria', verified: false },
  ],

  members: [
    {
      key: 'admin', name: 'Amministrazione Rete SPI', email: 'admin@retespi.example.org', role: 'admin',
      organization: 'formez-pa', jobTitle: 'Amministratore della piattaforma', region: 'Lazio',
      bio: 'Gestisco la piattaforma Rete SPI: account, organizzazioni, gruppi e segnalazioni. Scrivetemi per problemi di accesso.',
      joinedDaysAgo: 900, lastLoginDaysAgo: 1,
    },

    // Formez PA animators
    {
      key: 'lucia.ferraro', name: 'Lucia Ferraro', email: 'lucia.ferraro@formez.example.org', role: 'animator',
      organization: 'formez-pa', jobTitle: 'Animatrice della comunità SPI', region: 'Lazio',
      bio: 'Animo la comunità di apprendimento degli operatori dei Centri per l\'Impiego dai primi percorsi blended. Curo le discussioni e la raccolta delle esperienze da riusare.',
      joinedDaysAgo: 895, lastLoginDaysAgo: 0,
    },
    {
      key: 'valeria.conti', name: 'Valeria Conti', email: 'valeria.conti@formez.example.org', role: 'animator',
      organization: 'formez-pa', jobTitle: 'Coordinatrice delle attività di animazione', region: 'Lazio',
      bio: 'Coordino il gruppo degli animatori e il calendario delle attività online. Mi occupo anche del canale tematico Servizi e Centri per l\'impiego.',
      joinedDaysAgo: 893, lastLoginDaysAgo: 2,
    },
    {
      key: 'marco.deluca', name: 'Marco De Luca', email: 'marco.deluca@formez.example.org', role: 'animator',
      organization: 'formez-pa', jobTitle: 'Esperto di analisi del mercato del lavoro', region: 'Campania',
      bio: 'Seguo la Rete degli osservatori e lavoro sull\'omogeneità di linguaggi e metodologie per la rilevazione dei dati sul mercato del lavoro.',
      joinedDaysAgo: 870, lastLoginDaysAgo: 3,
    },
    {
      key: 'chiara.santoro', name: 'Chiara Santoro', email: 'chiara.santoro@formez.example.org', role: 'animator',
      organization: 'formez-pa', jobTitle: 'Consulente qualità dei servizi per l\'impiego', region: 'Campania',
      bio: 'Conduco i laboratori di autovalutazione e l\'affiancamento on the job sui piani di miglioramento dei CPI nelle regioni dell\'obiettivo Convergenza.',
      joinedDaysAgo: 850, lastLoginDaysAgo: 5,
    },
    {
      key: 'paolo.esposito', name: 'Paolo Esposito', email: 'paolo.esposito@formez.example.org', role: 'animator',
      organization: 'formez-pa', jobTitle: 'Animatore gemellaggi e reti interistituzionali', region: 'Lazio',
      bio: 'Accompagno i gemellaggi tra amministrazioni e il trasferimento di buone pratiche, dalla progettazione al monitoraggio dei risultati.',
      joinedDaysAgo: 780, lastLoginDaysAgo: 4,
    },

    // Toscana and Firenze
    {
      key: 'elena.bartolini', name: 'Elena Bartolini', email: 'elena.bartolini@regione-toscana.example.org', role: 'member',
      organization: 'regione-toscana', jobTitle: 'Funzionaria settore Formazione e orientamento', region: 'Toscana',
      bio: 'Mi occupo del Libretto formativo del cittadino e del sistema regionale delle competenze. Nel gemellaggio Tos.Ca. curo il trasferimento dei modelli B e C.',
      joinedDaysAgo: 410, lastLoginDaysAgo: 1,
    },
    {
      key: 'stefano.guidi', name: 'Stefano Guidi', email: 'stefano.guidi@regione-toscana.example.org', role: 'member',
      organization: 'regione-toscana', jobTitle: 'Referente della piattaforma e-learning TRIO', region: 'Toscana',
      bio: 'Lavoro su TRIO dal 2004: gestisco il catalogo dei moduli a distanza e i servizi di community per i cittadini e per gli operatori.',
      joinedDaysAgo: 395, lastLoginDaysAgo: 12,
    },
    {
      key: 'sara.innocenti', name: 'Sara Innocenti', email: 'sara.innocenti@comune-firenze.example.org', role: 'member',
      organization: 'comune-di-firenze', jobTitle: 'Assistente sociale – servizi integrati sociali e lavoro', region: 'Toscana',
      bio: 'Lavoro nello sportello integrato tra servizi sociali e servizi per il lavoro del Comune di Firenze. Seguo soprattutto percorsi di inserimento per persone in condizione di fragilità.',
      joinedDaysAgo: 380, lastLoginDaysAgo: 6,
    },
    {
      key: 'andrea.pieri', name: 'Andrea Pieri', email: 'andrea.pieri@comune-firenze.example.org', role: 'member',
      organization: 'comune-di-firenze', jobTitle: 'Responsabile P.O. servizi educativi per la prima infanzia', region: 'Toscana',
      bio: 'Coordino l\'organizzazione dei nidi comunali e dei servizi integrativi per la prima infanzia. Nel gemellaggio seguo il modello E.',
      joinedDaysAgo: 372, lastLoginDaysAgo: 40,
    },
    {
      key: 'laura.mannucci', name: 'Laura Mannucci', email: 'laura.mannucci@cpi-firenze.example.org', role: 'member',
      organization: 'cpi-firenze', jobTitle: 'Orientatrice', region: 'Toscana',
      bio: 'Faccio colloqui di orientamento e bilancio di competenze, usando il Libretto formativo con lavoratori in cassa integrazione e in mobilità.',
      joinedDaysAgo: 760, lastLoginDaysAgo: 2,
    },
    {
      key: 'silvia.nardini', name: 'Silvia Nardini', email: 'silvia.nardini@esempio.it', role: 'member',
      organization: 'istituto-comprensivo-vinci', jobTitle: 'Docente Arte e Immagine – Responsabile progetti didattici', region: 'Toscana',
      bio: 'Insegno Arte e Immagine e seguo i progetti didattici di orientamento della scuola. Sono qui per capire come collaborare con i servizi per il lavoro del territorio.',
      joinedDaysAgo: 9, lastLoginDaysAgo: 9,
    },

    // Calabria and Vibo Valentia
    {
      key: 'francesco.romeo', name: 'Francesco Romeo', email: 'francesco.romeo@regione-calabria.example.org', role: 'member',
      organization: 'regione-calabria', jobTitle: 'Funzionario Dipartimento Lavoro e formazione professionale', region: 'Calabria',
      bio: 'Seguo la programmazione regionale dei servizi per l\'impiego e il recepimento dei modelli del gemellaggio Tos.Ca. in Calabria.',
      joinedDaysAgo: 405, lastLoginDaysAgo: 3,
    },
    {
      key: 'mariagrazia.scalise', name: 'Maria Grazia Scalise', email: 'mariagrazia.scalise@regione-calabria.example.org', role: 'member',
      organization: 'regione-calabria', jobTitle: 'Funzionaria standard professionali e certificazione delle competenze', region: 'Calabria',
      bio: 'Lavoro alla costruzione del repertorio regionale delle qualificazioni, prendendo come riferimento il repertorio toscano.',
      joinedDaysAgo: 350, lastLoginDaysAgo: 15,
    },
    {
      key: 'antonio.barbieri', name: 'Antonio Barbieri', email: 'antonio.barbieri@comune-vibo.example.org', role: 'member',
      organization: 'comune-di-vibo-valentia', jobTitle: 'Istruttore direttivo servizi sociali', region: 'Calabria',
      bio: 'Mi occupo dei servizi sociali comunali e della sperimentazione di uno sportello integrato con il Centro per l\'Impiego, sul modello di Firenze.',
      joinedDaysAgo: 340, lastLoginDaysAgo: 8,
    },
    {
      key: 'rosa.pugliese', name: 'Rosa Pugliese', email: 'rosa.pugliese@comune-vibo.example.org', role: 'member',
      organization: 'comune-di-vibo-valentia', jobTitle: 'Coordinatrice asili nido comunali', region: 'Calabria',
      bio: 'Coordino i nidi comunali di Vibo Valentia e sto lavorando alla carta dei servizi per la prima infanzia.',
      joinedDaysAgo: 300, lastLoginDaysAgo: 61,
    },
    {
      key: 'domenico.fiumara', name: 'Domenico Fiumara', email: 'domenico.fiumara@cpi-vibo.example.org', role: 'member',
      organization: 'cpi-vibo-valentia', jobTitle: 'Responsabile CPI', region: 'Calabria',
      bio: 'Dirigo il Centro per l\'Impiego di Vibo Valentia. Partecipo alla comunità SPI dai tempi dei primi corsi blended e cerco sempre esperienze da riusare.',
      joinedDaysAgo: 840, lastLoginDaysAgo: 1,
    },
    {
      key: 'teresa.gallo', name: 'Teresa Gallo', email: 'teresa.gallo@cpi-cosenza.example.org', role: 'member',
      organization: 'cpi-cosenza', jobTitle: 'Operatrice dell\'accoglienza', region: 'Calabria',
      bio: 'Accolgo gli utenti del CPI, gestisco le DID e indirizzo le persone verso i servizi di orientamento e le misure di politica attiva.',
      joinedDaysAgo: 690, lastLoginDaysAgo: 7,
    },
    {
      key: 'giovanni.perri', name: 'Giovanni Perri', email: 'giovanni.perri@provincia-cosenza.example.org', role: 'member',
      organization: 'provincia-di-cosenza', jobTitle: 'Funzionario politiche del lavoro', region: 'Calabria',
      bio: 'Seguo per la Provincia di Cosenza la rete dei CPI e le azioni di politica attiva del progetto Labor.',
      joinedDaysAgo: 610, lastLoginDaysAgo: 22,
    },
    {
      key: 'caterina.arena', name: 'Caterina Arena', email: 'caterina.arena@esempio.it', role: 'member',
      organization: 'associazione-orientare-insieme', jobTitle: 'Progettista servizi di orientamento', region: 'Calabria',
      bio: 'Progetto percorsi di orientamento per giovani e donne nel crotonese e vorrei confrontarmi con chi lavora nei servizi pubblici.',
      joinedDaysAgo: 4, lastLoginDaysAgo: null,
    },

    // Abruzzo, Molise, Campania: the Labor network
    {
      key: 'roberto.dangelo', name: 'Roberto D\'Angelo', email: 'roberto.dangelo@provincia-teramo.example.org', role: 'member',
      organization: 'provincia-di-teramo', jobTitle: 'Dirigente settore Politiche del lavoro', region: 'Abruzzo',
      bio: 'Coordino per la Provincia di Teramo, capofila, la linea d\'azione "Politica attiva e governance del territorio" del progetto Labor.',
      joinedDaysAgo: 600, lastLoginDaysAgo: 5,
    },
    {
      key: 'alessia.marini', name: 'Alessia Marini', email: 'alessia.marini@provincia-teramo.example.org', role: 'member',
      organization: 'provincia-di-teramo', jobTitle: 'Analista sistemi informativi lavoro', region: 'Abruzzo',
      bio: 'Lavoro alla cooperazione applicativa tra il sistema provinciale del lavoro, le anagrafi comunali e l\'osservatorio scolastico.',
      joinedDaysAgo: 590, lastLoginDaysAgo: 2,
    },
    {
      key: 'luca.dipietro', name: 'Luca Di Pietro', email: 'luca.dipietro@cpi-teramo.example.org', role: 'member',
      organization: 'cpi-teramo', jobTitle: 'Consulente per il lavoro', region: 'Abruzzo',
      bio: 'Seguo tirocini e borse lavoro e curo i rapporti con le imprese del territorio teramano per l\'incontro tra domanda e offerta.',
      joinedDaysAgo: 720, lastLoginDaysAgo: 10,
    },
    {
      key: 'federica.dimarco', name: 'Federica Di Marco', email: 'federica.dimarco@provincia-chieti.example.org', role: 'member',
      organization: 'provincia-di-chieti', jobTitle: 'Funzionaria politiche del lavoro', region: 'Abruzzo',
      bio: 'Mi occupo della gestione dei lavoratori percettori di ammortizzatori sociali in deroga e delle relative misure di politica attiva.',
      joinedDaysAgo: 560, lastLoginDaysAgo: 33,
    },
    {
      key: 'gennaro.iannaccone', name: 'Gennaro Iannaccone', email: 'gennaro.iannaccone@provincia-avellino.example.org', role: 'member',
      organization: 'provincia-di-avellino', jobTitle: 'Funzionario servizi per l\'impiego', region: 'Campania',
      bio: 'Seguo il coordinamento dei CPI irpini e il piano di miglioramento avviato con i laboratori di autovalutazione.',
      joinedDaysAgo: 700, lastLoginDaysAgo: 18,
    },
    {
      key: 'nicola.colavita', name: 'Nicola Colavita', email: 'nicola.colavita@provincia-campobasso.example.org', role: 'member',
      organization: 'provincia-di-campobasso', jobTitle: 'Funzionario sistemi informativi', region: 'Molise',
      bio: 'Gestisco il sistema informativo lavoro provinciale e l\'invio della scheda del lavoratore alla Borsa Lavoro e al Ministero.',
      joinedDaysAgo: 575, lastLoginDaysAgo: 90,
    },
    {
      key: 'claudia.russo', name: 'Claudia Russo', email: 'claudia.russo@osservatorio-campania.example.org', role: 'member',
      organization: 'osservatorio-mercato-lavoro-campania', jobTitle: 'Statistica – analista del mercato del lavoro', region: 'Campania',
      bio: 'Elaboro i dati delle comunicazioni obbligatorie e curo il rapporto annuale sul mercato del lavoro regionale.',
      joinedDaysAgo: 650, lastLoginDaysAgo: 4,
    },

    // Basilicata
    {
      key: 'angela.lorusso', name: 'Angela Lorusso', email: 'angela.lorusso@cpi-potenza.example.org', role: 'member',
      organization: 'cpi-potenza', jobTitle: 'Responsabile CPI', region: 'Basilicata',
      bio: 'Dirigo il CPI di Potenza. Con il progetto Qualità abbiamo sperimentato un piano di miglioramento dell\'accoglienza che racconto volentieri.',
      joinedDaysAgo: 730, lastLoginDaysAgo: 6,
    },
    {
      key: 'vito.santarsiero', name: 'Vito Santarsiero', email: 'vito.santarsiero@provincia-matera.example.org', role: 'member',
      organization: 'provincia-di-matera', jobTitle: 'Analista osservatorio provinciale del mercato del lavoro', region: 'Basilicata',
      bio: 'Curo le note congiunturali dell\'osservatorio provinciale e lavoro sull\'integrazione dei dati di scuole ed enti di formazione.',
      joinedDaysAgo: 640, lastLoginDaysAgo: 27,
    },

    // Lazio, Puglia, Friuli-Venezia Giulia
    {
      key: 'daniele.moretti', name: 'Daniele Moretti', email: 'daniele.moretti@anpal.example.org', role: 'member',
      organization: 'anpal', jobTitle: 'Analista del mercato del lavoro', region: 'Lazio',
      bio: 'Lavoro sui sistemi di monitoraggio delle politiche attive e sulle classificazioni delle professioni usate nei diversi osservatori.',
      joinedDaysAgo: 620, lastLoginDaysAgo: 11,
    },
    {
      key: 'pietro.laterza', name: 'Pietro Laterza', email: 'pietro.laterza@regione-puglia.example.org', role: 'member',
      organization: 'regione-puglia', jobTitle: 'Analista osservatorio regionale del mercato del lavoro', region: 'Puglia',
      bio: 'Analizzo i fabbisogni professionali delle imprese pugliesi per la programmazione dell\'offerta formativa.',
      joinedDaysAgo: 630, lastLoginDaysAgo: 45,
    },
    {
      key: 'anna.caputo', name: 'Anna Caputo', email: 'anna.caputo@regione-puglia.example.org', role: 'member',
      organization: 'regione-puglia', jobTitle: 'Funzionaria', region: 'Puglia',
      bio: 'Lavoro allo sviluppo del repertorio regionale delle figure professionali della Puglia e cerco il confronto con chi lo ha già fatto.',
      joinedDaysAgo: 6, lastLoginDaysAgo: 3,
    },
    {
      key: 'matteo.zanin', name: 'Matteo Zanin', email: 'matteo.zanin@comune-pordenone.example.org', role: 'member',
      organization: 'comune-di-pordenone', jobTitle: 'Project manager', region: 'Friuli-Venezia Giulia',
      bio: 'Gestisco progetti europei del Comune di Pordenone su inclusione lavorativa e servizi al cittadino.',
      joinedDaysAgo: 2, lastLoginDaysAgo: 1,
    },
    {
      key: 'elisa.bortolin', name: 'Elisa Bortolin', email: 'elisa.bortolin@cpi-pordenone.example.org', role: 'member',
      organization: 'cpi-pordenone', jobTitle: 'Orientatrice', region: 'Friuli-Venezia Giulia',
      bio: 'Seguo l\'orientamento degli over 40 espulsi dal lavoro e uso strumenti di autovalutazione delle competenze nati dai progetti Equal.',
      joinedDaysAgo: 480, lastLoginDaysAgo: null,
    },
  ],

  groups: [
    {
      slug: 'comunita-spi',
      name: 'Comunità SPI',
      description:
        'La comunità di apprendimento degli operatori dei servizi per l\'impiego, nata nel 2002 con i primi percorsi blended e diventata un network professionale. ' +
        'Qui operatori dei CPI, animatori Formez ed esperti di politiche del lavoro si confrontano su casi concreti, condividono materiali e riusano le esperienze degli altri territori.',
      theme: 'Politiche attive del lavoro',
      visibility: 'public',
      owner: 'lucia.ferraro',
      createdDaysAgo: 890,
      members: [
        ...withRole('owner', 'lucia.ferraro'),
        ...withRole('moderator', 'valeria.conti', 'domenico.fiumara'),
        ...withRole(
          'member',
          'marco.deluca', 'chiara.santoro', 'paolo.esposito', 'laura.mannucci', 'teresa.gallo', 'giovanni.perri',
          'luca.dipietro', 'federica.dimarco', 'gennaro.iannaccone', 'angela.lorusso', 'elisa.bortolin',
          'sara.innocenti', 'antonio.barbieri', 'roberto.dangelo', 'daniele.moretti', 'claudia.russo', 'francesco.romeo',
        ),
      ],
    },
    {
      slug: 'rete-degli-osservatori',
      name: 'Rete degli osservatori',
      description:
        'Il gruppo dei professionisti che analizzano le dinamiche del mercato del lavoro negli osservatori regionali e provinciali, attivo dal luglio 2011. ' +
        'Lavoriamo su linguaggi e metodologie comuni per la rilevazione e la diffusione dei dati, confrontiamo fonti e indicatori e condividiamo note e rapporti.',
      theme: 'Analisi del mercato del lavoro',
      visibility: 'public',
      owner: 'marco.deluca',
      createdDaysAgo: 660,
      members: [
        ...withRole('owner', 'marco.deluca'),
        ...withRole('moderator', 'claudia.russo'),
        ...withRole(
          'member',
          'daniele.moretti', 'vito.santarsiero', 'pietro.laterza', 'alessia.marini', 'nicola.colavita',
          'federica.dimarco', 'giovanni.perri', 'lucia.ferraro',
        ),
      ],
    },
    {
      slug: 'gemellaggio-tosca',
      name: 'Gemellaggio Tos.Ca. – Valorizzare le competenze dei cittadini',
      description:
        'Spazio di lavoro del gemellaggio tra Regione Toscana e Comune di Firenze, amministrazioni cedenti, e Regione Calabria e Comune di Vibo Valentia, amministrazioni destinatarie. ' +
        'Seguiamo il trasferimento dei cinque modelli: A (piattaforma e-learning TRIO), B (Libretto formativo del cittadino), C (sistema regionale delle competenze), ' +
        'D (servizi territoriali integrati sociali e per l\'occupabilità) ed E (servizi per la prima infanzia).',
      theme: 'Gemellaggi',
      visibility: 'closed',
      owner: 'elena.bartolini',
      createdDaysAgo: 400,
      members: [
        ...withRole('owner', 'elena.bartolini'),
        ...withRole('moderator', 'francesco.romeo', 'paolo.esposito'),
        ...withRole(
          'member',
          'stefano.guidi', 'sara.innocenti', 'andrea.pieri', 'laura.mannucci', 'mariagrazia.scalise',
          'antonio.barbieri', 'rosa.pugliese', 'domenico.fiumara',
        ),
      ],
    },
    {
      slug: 'labor-teramo',
      name: 'Labor – sportello unico lavoro e formazione',
      description:
        'Il gruppo del progetto Labor, con la Provincia di Teramo capofila e le province partner di sette regioni. ' +
        'Condividiamo l\'avanzamento dei sistemi informativi per la cooperazione applicativa con anagrafi comunali, scuole ed enti di formazione ' +
        'e la gestione degli interventi di politica attiva: borse lavoro, tirocini, voucher formativi e lavoratori in sostegno al reddito.',
      theme: 'Sistemi informativi',
      visibility: 'public',
      owner: 'roberto.dangelo',
      createdDaysAgo: 580,
      members: [
        ...withRole('owner', 'roberto.dangelo'),
        ...withRole('moderator', 'alessia.marini', 'paolo.esposito'),
        ...withRole(
          'member',
          'luca.dipietro', 'federica.dimarco', 'gennaro.iannaccone', 'nicola.colavita', 'giovanni.perri',
          'vito.santarsiero', 'angela.lorusso',
        ),
      ],
    },
    {
      slug: 'qualita-servizi-impiego',
      name: 'Qualità e innovazione nei Servizi per l\'Impiego',
      description:
        'Il gruppo dei laboratori di autovalutazione e dei piani di miglioramento dei Centri per l\'Impiego nelle regioni dell\'obiettivo Convergenza. ' +
        'Dirigenti e operatori dei CPI condividono diagnosi organizzative, indicatori di qualità e risultati dell\'affiancamento on the job.',
      theme: 'Qualità dei servizi',
      visibility: 'public',
      owner: 'chiara.santoro',
      createdDaysAgo: 745,
      members: [
        ...withRole('owner', 'chiara.santoro'),
        ...withRole('moderator', 'angela.lorusso'),
        ...withRole(
          'member',
          'domenico.fiumara', 'teresa.gallo', 'gennaro.iannaccone', 'luca.dipietro', 'laura.mannucci',
          'elisa.bortolin', 'francesco.romeo', 'giovanni.perri', 'valeria.conti',
        ),
      ],
    },
    {
      slug: 'animatori-formez',
      name: 'Coordinamento animatori',
      description:
        'Spazio riservato agli animatori Formez PA e all\'amministrazione della piattaforma. ' +
        'Qui pianifichiamo il calendario delle attività, ci dividiamo la moderazione dei gruppi e discutiamo le segnalazioni.',
      theme: 'Coordinamento',
      visibility: 'private',
      owner: 'valeria.conti',
      createdDaysAgo: 893,
      members: [
        ...withRole('owner', 'valeria.conti'),
        ...withRole('moderator', 'admin'),
        ...withRole('member', 'lucia.ferraro', 'marco.deluca', 'chiara.santoro', 'paolo.esposito'),
      ],
    },
  ],
};
