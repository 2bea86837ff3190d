// Demo discussions for the groups in data.ts, drawn from the seed documents: the comunità SPI and its
// everyday cases (DID, profiling, patto di servizio, tirocini, LEP), the Rete degli osservatori, the
// Tos.Ca. twinning, the Labor project and the "Qualità e innovazione nei Servizi per l'Impiego" labs.
// Authors and reactors are member keys of data.ts and always members of the thread's group; dates are
// offsets in days before the seeding moment. Links point to reserved example domains only.

export type DemoPost = {
  author: string;
  body: string;
  replyTo?: number;
  daysAgo: number;
  reactions?: { utile?: string[]; grazie?: string[] };
};
// replyTo: index (0-based) of an EARLIER post in the same thread's `posts` array; posts[0] is the thread's first post (no replyTo).
export type DemoThread = { group: string; title: string; pinned?: boolean; locked?: boolean; posts: DemoPost[] };

// ─── Comunità SPI ────────────────────────────────────────────────────────────────────────────────
const comunitaSpi: DemoThread[] = [
  {
    group: 'comunita-spi',
    title: 'Benvenuti nella Comunità SPI: regolamento e come partecipare',
    pinned: true,
    posts: [
      {
        author: 'lucia.ferraro',
        daysAgo: 292,
        body: `Benvenute e benvenuti nella **Comunità SPI**, lo spazio in cui operatori dei Centri per l'Impiego, animatori Formez ed esperti di politiche del lavoro si confrontano su casi concreti dal 2002, quando partirono i primi percorsi blended.

Qualche regola semplice per lavorare bene insieme:

- **presentatevi** con una risposta a questa discussione: ente, servizio, di cosa vi occupate;
- usate **titoli chiari**, che dicano già il problema («Graduatorie tirocini: come gestite gli ex aequo?» funziona meglio di «Domanda»);
- **mai dati personali degli utenti**: niente nomi, codici fiscali, situazioni riconoscibili. Raccontate i casi in forma anonima;
- se una risposta vi è servita, usate le reazioni **Utile** e **Grazie**: aiutano chi arriva dopo a trovare i contributi migliori;
- per chiamare in causa un collega scrivete @ seguito dal suo nome utente.

Moderano il gruppo con me @valeria.conti e @domenico.fiumara. Le linee guida complete sono qui: https://www.example.org/comunita-spi/linee-guida`,
        reactions: {
          grazie: ['domenico.fiumara', 'teresa.gallo', 'angela.lorusso', 'luca.dipietro'],
          utile: ['valeria.conti'],
        },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 290,
        replyTo: 0,
        body: `Ciao a tutti, sono Domenico e dirigo il CPI di Vibo Valentia. Sono nella comunità dai tempi dei primi corsi blended: allora eravamo in trenta e ci scambiavamo i modelli di lettera di convocazione. Oggi cerco soprattutto esperienze da **riusare** senza reinventare tutto ogni volta. Felice di dare una mano nella moderazione.`,
        reactions: { grazie: ['lucia.ferraro'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 286,
        body: `Buongiorno, Teresa Gallo, accoglienza del CPI di Cosenza. Faccio front office da quasi dieci anni: DID, primi colloqui, smistamento verso orientamento e misure. Sono qui per capire come gli altri CPI gestiscono i picchi di affluenza, che da noi sono il problema numero uno.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 281,
        body: `Ciao, sono Angela, responsabile del CPI di Potenza. Con il progetto Qualità abbiamo lavorato a un piano di miglioramento dell'accoglienza: se interessa, racconto volentieri cosa ha funzionato e cosa no.`,
        reactions: { utile: ['teresa.gallo'] },
      },
      {
        author: 'claudia.russo',
        daysAgo: 272,
        body: `Salve, Claudia Russo dell'Osservatorio regionale del mercato del lavoro della Campania. Lavoro sulle comunicazioni obbligatorie: se vi servono dati di contesto per un territorio o un settore, chiedete pure, spesso li abbiamo già elaborati.`,
        reactions: { utile: ['luca.dipietro', 'gennaro.iannaccone'] },
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 271,
        replyTo: 4,
        body: `Grazie Claudia! Segnalo a tutti che Claudia è anche moderatrice del gruppo **Rete degli osservatori**, dove si discute di indicatori e fonti: chi lavora sui dati lo trova tra i gruppi pubblici.`,
      },
      {
        author: 'antonio.barbieri',
        daysAgo: 252,
        body: `Buongiorno, sono Antonio Barbieri, servizi sociali del Comune di Vibo Valentia. Non lavoro in un CPI ma con il CPI: stiamo sperimentando uno sportello integrato sociale-lavoro e mi interessa molto capire come vi coordinate con i Comuni.`,
      },
      {
        author: 'sara.innocenti',
        daysAgo: 250,
        replyTo: 6,
        body: `Ciao Antonio, benvenuto! Io faccio lo stesso lavoro dall'altra parte dell'Appennino, allo sportello integrato del Comune di Firenze: ci sentiamo anche nel gruppo del gemellaggio.`,
        reactions: { grazie: ['antonio.barbieri'] },
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 21,
        body: `**Aggiornamento del regolamento.** Ora si possono allegare file ai messaggi (PDF, fogli di calcolo, immagini): prima di caricare un modulo o un elenco controllate che non contenga dati personali. Nel dubbio, scrivete a un moderatore.`,
        reactions: { utile: ['domenico.fiumara', 'teresa.gallo', 'angela.lorusso'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: "DID e profilazione all'accoglienza: come organizzate il primo colloquio?",
    posts: [
      {
        author: 'teresa.gallo',
        daysAgo: 45,
        body: `Apro una discussione su un tema che ci sta mettendo in difficoltà. A Cosenza il lunedì mattina arrivano **60-70 persone** e buona parte viene per la Dichiarazione di Immediata Disponibilità. Molti l'hanno già rilasciata online ma non sanno cosa succede dopo; altri non hanno SPID e vanno aiutati da zero.

Vorrei capire come vi siete organizzati voi:

- fate la DID allo sportello o spingete il canale online?
- la **profilazione** la fate subito o in un secondo colloquio?
- quanto dura in media il primo colloquio?
- chi fissa l'appuntamento per il patto di servizio?`,
        reactions: { utile: ['domenico.fiumara', 'angela.lorusso'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 45,
        replyTo: 0,
        body: `A Vibo abbiamo separato le due cose. Al **front desk** si fa solo il triage: verifica della DID (se manca la si fa lì, con assistenza), aggiornamento dei dati di contatto e appuntamento. Il colloquio vero, con profilazione e patto, avviene su appuntamento **entro 15 giorni**. L'agenda è condivisa tra tutti gli operatori, così chi è allo sportello vede subito i posti liberi.`,
        reactions: { utile: ['teresa.gallo', 'lucia.ferraro', 'gennaro.iannaccone'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 44,
        replyTo: 1,
        body: `Interessante. Quanti operatori mettete al front desk e quanti sui colloqui? Noi siamo in sette in tutto e il rischio è svuotare uno dei due fronti.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 44,
        replyTo: 2,
        body: `Due al front desk a rotazione settimanale, quattro sui colloqui, uno jolly che copre assenze e pratiche amministrative. Il giovedì pomeriggio è riservato ai percettori di sostegno al reddito, che hanno scadenze più strette. Non è perfetto, ma da quando lo facciamo le code del lunedì si sono dimezzate.`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 43,
        replyTo: 0,
        body: `A Firenze spingiamo molto la DID online, ma abbiamo dovuto creare un **punto digitale assistito**: due postazioni e un operatore (a volte un tirocinante) che aiuta chi non ha SPID o non sa usare il portale.

Sulla profilazione: il punteggio statistico da solo non basta. Lo usiamo come punto di partenza, poi nel colloquio lo integriamo con una valutazione qualitativa. Capita spesso che una persona risulti «vicina al mercato» sulla carta e invece abbia bisogno di un accompagnamento lungo.`,
        reactions: { utile: ['angela.lorusso', 'teresa.gallo', 'sara.innocenti'] },
      },
      {
        author: 'angela.lorusso',
        daysAgo: 42,
        replyTo: 4,
        body: `> il punteggio statistico da solo non basta

Confermo in pieno. A Potenza abbiamo verificato a campione un centinaio di profili: in circa un caso su quattro l'operatore avrebbe collocato la persona in una fascia diversa. Tipicamente sono over 50 con buon titolo di studio ma fuori dal lavoro da anni. Da allora il colloquio ha un campo «note sulla profilazione» obbligatorio quando l'operatore non è d'accordo con il punteggio.`,
        reactions: { utile: ['laura.mannucci', 'chiara.santoro'] },
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 41,
        replyTo: 0,
        body: `Ad Avellino il problema è più banale: il collegamento al sistema informativo. Quando il portale rallenta (e il lunedì succede spesso) accumuliamo un arretrato di DID da registrare che ci trasciniamo per giorni.`,
      },
      {
        author: 'teresa.gallo',
        daysAgo: 40,
        replyTo: 6,
        body: `Stesso problema. Noi quando il sistema non risponde usiamo un modulo cartaceo e registriamo nel pomeriggio, ma così rischiamo errori sulla data di decorrenza, che per chi percepisce un sostegno al reddito non è un dettaglio.`,
      },
      {
        author: 'luca.dipietro',
        daysAgo: 38,
        replyTo: 0,
        body: `A Teramo abbiamo costruito una **check list per il colloquio di accoglienza**: una pagina con le voci da toccare sempre (situazione attuale, disponibilità, vincoli di orario e mobilità, competenze, esigenze di conciliazione) e lo spazio per le azioni concordate. La condivido in forma anonima: https://www.example.org/materiali/checklist-accoglienza.pdf`,
        reactions: {
          utile: ['teresa.gallo', 'domenico.fiumara', 'laura.mannucci', 'gennaro.iannaccone', 'giovanni.perri'],
          grazie: ['teresa.gallo'],
        },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 38,
        replyTo: 8,
        body: `Grazie Luca, molto chiara! Una domanda: nella parte sulle competenze come registrate le esperienze **non formali**? Tanti nostri utenti hanno lavorato in nero o nell'azienda di famiglia e non hanno nulla di documentato.`,
      },
      {
        author: 'luca.dipietro',
        daysAgo: 37,
        replyTo: 9,
        body: `Per ora in un campo libero, descrivendo attività e durata. Se emergono competenze significative fissiamo un colloquio di orientamento specialistico in cui le ricostruiamo con più calma. Non è un sistema elegante, lo ammetto.`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 37,
        replyTo: 10,
        body: `@luca.di.pietro dai un'occhiata al **Libretto formativo del cittadino** che usiamo in Toscana: ha proprio una sezione per le esperienze non formali e informali, collegata al repertorio regionale delle competenze. Noi lo usiamo soprattutto con i lavoratori in cassa integrazione e in mobilità, ma l'impostazione vale per tutti.`,
        reactions: { utile: ['luca.dipietro', 'teresa.gallo'] },
      },
      {
        author: 'giovanni.perri',
        daysAgo: 35,
        replyTo: 0,
        body: `Guardando la cosa dal livello provinciale, l'indicatore che seguiamo di più è il **tempo medio tra DID e patto di servizio**. Sui CPI della provincia di Cosenza varia da 12 a oltre 40 giorni: la differenza la fa quasi sempre l'organizzazione dell'agenda, non il numero di operatori.`,
      },
      {
        author: 'federica.dimarco',
        daysAgo: 34,
        replyTo: 12,
        body: `Da noi a Chieti la media è 23 giorni, ma con una coda lunga: un 10% di persone aspetta più di due mesi, di solito perché non risponde alle convocazioni. Conviene guardare anche la distribuzione, non solo la media.`,
        reactions: { utile: ['giovanni.perri'] },
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 30,
        body: `Provo a fare il punto, perché la discussione è ricchissima:

- **separare triage e colloquio** (Vibo, Firenze) riduce le code e migliora la qualità del colloquio;
- il **profiling quantitativo** è un punto di partenza, va integrato da una valutazione dell'operatore (Firenze, Potenza);
- una **check list condivisa** aiuta a non dimenticare pezzi (Teramo);
- per le esperienze non formali può servire il **Libretto formativo** (Toscana);
- da monitorare il **tempo DID → patto**, guardando anche la distribuzione (Cosenza, Chieti).

Ho dimenticato qualcosa?`,
        reactions: {
          utile: ['teresa.gallo', 'domenico.fiumara', 'angela.lorusso', 'valeria.conti', 'chiara.santoro'],
          grazie: ['teresa.gallo', 'laura.mannucci'],
        },
      },
      {
        author: 'sara.innocenti',
        daysAgo: 28,
        replyTo: 14,
        body: `Aggiungerei il raccordo con i **servizi sociali**: una parte delle persone che arrivano per la DID sono già seguite dal Comune, e se nessuno lo sa si rischiano due progetti paralleli che si contraddicono. A Firenze, con il consenso della persona, lo verifichiamo già al primo colloquio.`,
        reactions: { utile: ['antonio.barbieri', 'lucia.ferraro'] },
      },
      {
        author: 'antonio.barbieri',
        daysAgo: 27,
        replyTo: 15,
        body: `Esatto. A Vibo abbiamo introdotto una scheda di **segnalazione reciproca** CPI-servizi sociali, una pagina sola. I primi tre mesi ne sono arrivate 19 dal CPI e 27 da noi: segno che il bisogno c'era.`,
      },
      {
        author: 'teresa.gallo',
        daysAgo: 25,
        replyTo: 14,
        body: `Aggiornamento da Cosenza: da due settimane il lunedì e il martedì mattina riceviamo **solo su appuntamento** (tranne le urgenze) e il triage lo fa un operatore all'ingresso. Prime impressioni positive, anche se all'inizio qualche utente si è lamentato.`,
      },
      {
        author: 'chiara.santoro',
        daysAgo: 24,
        replyTo: 17,
        body: `Teresa, state misurando i tempi di attesa prima e dopo? Nei laboratori di autovalutazione è uno degli indicatori più semplici da raccogliere e più convincenti quando si deve presentare il cambiamento alla dirigenza.`,
      },
      {
        author: 'teresa.gallo',
        daysAgo: 23,
        replyTo: 18,
        body: `Sì, grazie al sistema eliminacode: l'attesa media del lunedì è passata da **95 a 40 minuti**. Il numero di colloqui è rimasto uguale, ma sono più lunghi e meno interrotti.`,
        reactions: { utile: ['chiara.santoro', 'angela.lorusso', 'domenico.fiumara'], grazie: ['lucia.ferraro'] },
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 20,
        replyTo: 0,
        body: `Un punto che non è ancora emerso: i **lavoratori percettori di sostegno al reddito**. Per loro la DID è condizione per il trattamento e i tempi per la presa in carico sono stretti. A Teramo abbiamo dato loro una corsia dedicata, altrimenti rischiamo di non rispettare le scadenze.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 18,
        replyTo: 20,
        body: `Capisco l'esigenza, ma qui non sono del tutto d'accordo. Una corsia preferenziale solo per i percettori rischia di far passare il messaggio che il CPI è un ufficio di controllo delle condizionalità. Chi non percepisce nulla, spesso, è proprio chi ha più bisogno di essere preso in carico presto.`,
        reactions: { utile: ['sara.innocenti', 'laura.mannucci'] },
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 17,
        replyTo: 21,
        body: `Il rischio c'è, hai ragione. Però le scadenze sono previste dalle norme e, se non le rispettiamo, la persona ne paga le conseguenze. Forse la soluzione è una **corsia dedicata con capienza limitata**, lasciando il resto dell'agenda aperto a tutti. Ci ragioniamo.`,
      },
      {
        author: 'valeria.conti',
        daysAgo: 12,
        body: `Questa discussione merita di diventare una **scheda di buona pratica** e un webinar. Proposta: raccogliamo in un documento le soluzioni di Vibo, Firenze, Potenza, Teramo e Cosenza e le presentiamo in un'ora online, con spazio per le domande. Chi è disponibile a raccontare la propria esperienza?`,
        reactions: { utile: ['lucia.ferraro', 'domenico.fiumara'] },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 8,
        replyTo: 23,
        body: `Come Regione Calabria siamo molto interessati: stiamo scrivendo le indicazioni operative sull'accoglienza per tutti i CPI calabresi. Se il webinar si fa, porto i risultati al prossimo tavolo regionale.`,
      },
      {
        author: 'teresa.gallo',
        daysAgo: 7,
        replyTo: 23,
        body: `Io ci sono, posso raccontare l'esperimento del lunedì su appuntamento con i numeri delle prime settimane.`,
        reactions: { grazie: ['valeria.conti'] },
      },
      {
        author: 'angela.lorusso',
        daysAgo: 6,
        replyTo: 23,
        body: `Disponibile anche io per la parte sulla verifica del profiling. @teresa.gallo magari prima ci sentiamo per non sovrapporci.`,
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 1,
        replyTo: 23,
        body: `Fatto: il webinar è fissato per la seconda metà del mese prossimo, iscrizioni qui https://www.example.org/eventi/webinar-accoglienza. Interverranno Teresa, Angela e Domenico; Francesco chiude con il punto di vista regionale. Grazie a tutti!`,
        reactions: { grazie: ['domenico.fiumara'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: 'Graduatorie di borse lavoro e tirocini: quali criteri di punteggio usate?',
    posts: [
      {
        author: 'luca.dipietro',
        daysAgo: 190,
        body: `Stiamo preparando il nuovo avviso per **borse lavoro e tirocini** e vorrei confrontare i criteri di punteggio. Nella bozza attuale abbiamo:

- anzianità di disoccupazione;
- ISEE;
- carichi familiari;
- età (con una maggiorazione per gli over 45).

Due dubbi: quanto pesa ciascun criterio da voi, e come risolvete gli **ex aequo**?`,
      },
      {
        author: 'giovanni.perri',
        daysAgo: 189,
        replyTo: 0,
        body: `In provincia di Cosenza usiamo una griglia su 100 punti:

- anzianità di disoccupazione: fino a **30**;
- ISEE: fino a **25**;
- carichi familiari: fino a **15**;
- colloquio motivazionale: fino a **30**.

Il colloquio è la parte che fa la differenza, perché ci permette di valutare la coerenza tra la persona e il progetto di tirocinio.`,
        reactions: { utile: ['luca.dipietro', 'federica.dimarco'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 188,
        replyTo: 1,
        body: `Il colloquio motivazionale al 30% non vi espone a ricorsi? È la parte meno oggettiva di tutta la graduatoria.`,
      },
      {
        author: 'giovanni.perri',
        daysAgo: 187,
        replyTo: 2,
        body: `Un ricorso l'abbiamo avuto, e l'abbiamo superato proprio perché avevamo fatto le cose per bene: **commissione di tre persone**, griglia con descrittori osservabili per ogni punteggio (non «motivazione buona», ma «ha individuato almeno due aziende del settore» e simili) e verbale per ogni colloquio. Se vuoi ti mando la griglia.`,
        reactions: { utile: ['luca.dipietro', 'domenico.fiumara', 'angela.lorusso'] },
      },
      {
        author: 'federica.dimarco',
        daysAgo: 185,
        replyTo: 0,
        body: `Sugli ex aequo: a Chieti, a parità di punteggio, precede chi ha l'**ISEE più basso**; se persiste la parità, il più anziano d'età. Abbiamo scelto così proprio pensando agli over 40, che nelle nostre graduatorie partono svantaggiati sul colloquio.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 183,
        replyTo: 4,
        body: `Noi distinguiamo: per i **tirocini** a parità precede il più giovane, per le **borse lavoro** il più anziano. Il ragionamento è che il tirocinio è pensato come primo ingresso, la borsa lavoro come strumento di reinserimento.`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 180,
        replyTo: 0,
        body: `Un dettaglio che ci ha creato problemi: la **pubblicazione** della graduatoria. Noi pubblichiamo solo il numero di protocollo della domanda e il punteggio, mai nomi e cognomi. Ogni candidato riceve il suo numero alla presentazione della domanda.`,
        reactions: { utile: ['luca.dipietro', 'teresa.gallo'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 178,
        replyTo: 6,
        body: `Giusto, anche noi usiamo il protocollo. Il problema è che poi la gente telefona per sapere «a che posto sono»: stiamo pensando a una pagina di consultazione con accesso riservato.`,
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 175,
        replyTo: 0,
        body: `Per chi è nella rete Labor: il modulo di gestione delle politiche attive genera già la graduatoria distinguendo **domande ammissibili** e **domande finanziate**, e gestisce poi pagamenti e rendicontazione. I criteri sono parametrizzabili, quindi si può replicare la griglia di Cosenza senza toccare il software.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 160,
        replyTo: 0,
        body: `Attenzione anche alla gestione delle **rinunce**. Sui tirocini ne abbiamo circa il 15% nelle prime due settimane: conviene prevedere nell'avviso lo scorrimento automatico della graduatoria e un termine entro cui l'azienda deve confermare il nuovo nominativo.`,
      },
      {
        author: 'sara.innocenti',
        daysAgo: 150,
        replyTo: 9,
        body: `E per i tirocini di inclusione rivolti a persone seguite dai servizi sociali? Le mettete nella stessa graduatoria o ne fate una separata? Nella stessa graduatoria partono quasi sempre in fondo.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 148,
        replyTo: 10,
        body: `Abbiamo una **riserva del 20% dei posti** per le persone segnalate dai servizi sociali, con una graduatoria interna alla riserva. I posti non coperti tornano nella graduatoria generale.`,
        reactions: { utile: ['sara.innocenti', 'antonio.barbieri'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 110,
        body: `Chiudo il cerchio: la graduatoria è uscita. **312 domande**, 287 ammissibili, **48 finanziate**. Abbiamo usato la griglia con colloquio (al 25%, non al 30), la riserva per i servizi sociali e la pubblicazione per protocollo. Nessun ricorso finora. Grazie a tutti, davvero utile!`,
        reactions: { grazie: ['giovanni.perri', 'domenico.fiumara', 'lucia.ferraro'], utile: ['federica.dimarco'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: 'Patto di servizio personalizzato: tempi, contenuti e verifiche periodiche',
    posts: [
      {
        author: 'domenico.fiumara',
        daysAgo: 120,
        body: `Vorrei confrontarmi sul **patto di servizio personalizzato**. Il nostro modello attuale è di cinque pagine e ho l'impressione che molti utenti lo firmino senza averlo capito. Come lo avete strutturato? In particolare:

- quante pagine e che linguaggio;
- come descrivete le azioni concordate;
- ogni quanto fate le verifiche e in che forma.`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 119,
        replyTo: 0,
        body: `A Firenze lo abbiamo ridotto a **due pagine più un allegato** con il calendario delle azioni. Prima pagina: chi sei, cosa cerchi, cosa ti offriamo, in linguaggio semplice. Seconda pagina: impegni reciproci e conseguenze in caso di mancata presentazione. L'allegato è l'unica parte che cambia nel tempo.`,
        reactions: { utile: ['domenico.fiumara', 'teresa.gallo'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 118,
        replyTo: 1,
        body: `Laura, potresti condividere il modello in bianco? Sarebbe un ottimo punto di partenza anche per noi.`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 117,
        replyTo: 2,
        body: `Certo, eccolo ripulito da tutti i riferimenti interni: https://www.example.org/materiali/patto-di-servizio-modello.odt. Le note a margine spiegano perché abbiamo scritto le cose in un certo modo.`,
        reactions: {
          utile: ['teresa.gallo', 'domenico.fiumara', 'angela.lorusso', 'gennaro.iannaccone'],
          grazie: ['teresa.gallo', 'domenico.fiumara'],
        },
      },
      {
        author: 'angela.lorusso',
        daysAgo: 115,
        replyTo: 0,
        body: `Sulle verifiche periodiche: a Potenza il minimo è un **contatto ogni 60 giorni**, anche solo telefonico, registrato nella scheda. Se la persona ha un'azione in corso (un corso, un tirocinio) la verifica coincide con il monitoraggio dell'azione.`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 110,
        replyTo: 4,
        body: `Con i nostri numeri è impossibile. In alcuni CPI irpini abbiamo **un operatore ogni 400 utenti attivi**: un contatto ogni 60 giorni significa dieci telefonate al giorno solo di verifiche, oltre a tutto il resto.`,
      },
      {
        author: 'chiara.santoro',
        daysAgo: 108,
        replyTo: 5,
        body: `È uno dei punti emersi anche nei laboratori di autovalutazione: con quei carichi la verifica uguale per tutti non regge. La soluzione più sostenibile che abbiamo visto è **segmentare**: contatti frequenti per chi ha un'azione in corso o un profilo più fragile, un messaggio o una mail per gli altri.`,
        reactions: { utile: ['gennaro.iannaccone', 'angela.lorusso'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 100,
        replyTo: 6,
        body: `Da un mese facciamo proprio così, usando la fascia di profilazione: fasce alte telefonata ogni 45 giorni, fasce basse SMS con la richiesta di aggiornare la disponibilità. Il tasso di risposta agli SMS è sorprendentemente buono, intorno al 60%.`,
      },
      {
        author: 'federica.dimarco',
        daysAgo: 95,
        body: `Domanda sulle **condizionalità**: quando una persona non si presenta alla convocazione senza giustificato motivo, come lo documentate? A Chieti abbiamo avuto contestazioni sulla prova della ricezione della convocazione.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 94,
        replyTo: 8,
        body: `Convochiamo per PEC quando la persona ne ha una, altrimenti con raccomandata; l'SMS lo mandiamo in aggiunta, mai da solo. Solo dopo la seconda mancata presentazione parte la comunicazione all'INPS.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 80,
        body: `Dal lato dei dati: sarebbe interessante capire se i patti «leggeri» e quelli «intensivi» portano a esiti diversi. Con le comunicazioni obbligatorie possiamo vedere quante persone hanno un rapporto di lavoro a 6 e 12 mesi dalla firma del patto.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 79,
        replyTo: 10,
        body: `@claudia.russo sarebbe bellissimo. Possiamo fornirti l'elenco dei patti firmati dall'inizio dell'anno con la fascia di verifica: come facciamo l'incrocio senza far girare dati personali?`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 78,
        replyTo: 11,
        body: `Serve un accordo tra enti, ma tecnicamente è semplice: voi ci passate i codici fiscali **pseudonimizzati** con la stessa chiave che usiamo noi e noi restituiamo solo dati aggregati. L'abbiamo già fatto con un altro CPI campano: ci vogliono un paio di mesi per la parte amministrativa.`,
        reactions: { utile: ['domenico.fiumara', 'daniele.moretti', 'lucia.ferraro'] },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 40,
        body: `Segnalo che la Regione Calabria sta predisponendo un **modello regionale di patto di servizio**, da adottare in tutti i CPI. Questa discussione è tra i materiali che abbiamo portato al gruppo di lavoro, in particolare il modello di Firenze e la segmentazione delle verifiche.`,
        reactions: { grazie: ['domenico.fiumara', 'laura.mannucci'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 30,
        replyTo: 13,
        body: `Francesco, un consiglio da chi ci è passato: lasciate ai CPI un margine per adattare l'allegato delle azioni. Un modello regionale troppo rigido finisce compilato «per dovere».`,
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 15,
        body: `Domenico, ti andrebbe di scrivere una sintesi di come avete riorganizzato patto e verifiche? La inseriamo nella raccolta di buone pratiche del canale tematico.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 9,
        replyTo: 15,
        body: `Eccola, in breve:

1. **patto di due pagine** più allegato delle azioni (sul modello di Firenze);
2. **verifiche segmentate** per fascia di profilazione: telefonata ogni 45 giorni per le fasce alte, SMS per le altre;
3. **convocazioni** via PEC o raccomandata, SMS solo in aggiunta;
4. **monitoraggio degli esiti** in corso con l'Osservatorio campano, dati aggregati.

Risultati dopo tre mesi: patti firmati +18%, mancate presentazioni dal 22% al 14%.`,
        reactions: {
          utile: ['lucia.ferraro', 'teresa.gallo', 'angela.lorusso', 'francesco.romeo'],
          grazie: ['lucia.ferraro', 'valeria.conti'],
        },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: 'Over 40 e invecchiamento attivo: chi usa ancora gli strumenti di autovalutazione?',
    posts: [
      {
        author: 'laura.mannucci',
        daysAgo: 262,
        body: `Da qualche mese vedo arrivare sempre più **over 45 espulsi dal lavoro**, spesso dopo vent'anni nella stessa azienda. Ricordo che anni fa, con i progetti Equal, erano nati strumenti pensati proprio per loro: la «Palestra Lavoro» per l'autovalutazione della persona e un questionario sulle politiche di *active ageing* da proporre alle aziende.

Qualcuno li usa ancora? @elisa.bortolin so che a Pordenone lavorate molto con gli over 40: avete qualcosa da consigliare?`,
      },
      {
        author: 'paolo.esposito',
        daysAgo: 260,
        replyTo: 0,
        body: `Laura, ti riferisci ai meta-prodotti del progetto **Follow me** (Equal, Azione 3). Il «modello di consulenza alle figure deboli» metteva insieme proprio i due strumenti: il questionario informatizzato per le aziende e la Palestra Lavoro per rafforzare la professionalità e ridurre il rischio di espulsione. I materiali sono ancora consultabili qui: https://www.example.org/archivio/equal-follow-me`,
        reactions: { utile: ['laura.mannucci', 'angela.lorusso', 'luca.dipietro'], grazie: ['laura.mannucci'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 257,
        replyTo: 0,
        body: `Il questionario per le aziende l'abbiamo provato a Teramo un paio d'anni fa: inviato per mail a 80 imprese, risposte 6. Funziona solo se lo compili **insieme all'azienda**, durante una visita.`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 256,
        replyTo: 2,
        body: `Lo immaginavo. Ma durante una visita che reazione avete avuto? Le aziende sono disposte a parlare di età dei dipendenti o la vivono come un'intrusione?`,
      },
      {
        author: 'luca.dipietro',
        daysAgo: 255,
        replyTo: 3,
        body: `Meglio di quanto pensassi, se la presenti come **trasferimento di competenze** tra lavoratori anziani e giovani e non come «gestione degli anziani». Le piccole aziende manifatturiere sono le più interessate: hanno paura di perdere il saper fare quando vanno in pensione i senior.`,
        reactions: { utile: ['laura.mannucci', 'gennaro.iannaccone'] },
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 250,
        body: `Qualche numero dall'Irpinia: tra i nuovi iscritti dell'ultimo anno circa **4 su 10 hanno più di 45 anni**. Dieci anni fa erano meno di 1 su 4. Il tema è destinato a pesare sempre di più sull'organizzazione dei servizi.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 241,
        replyTo: 0,
        body: `A Potenza abbiamo avviato un **«club del lavoro»** per over 45: gruppi di 8-10 persone che si incontrano una volta a settimana per due mesi, con un operatore che facilita. Si lavora su curriculum, candidature spontanee, uso del digitale. Ma soprattutto le persone escono dall'isolamento.`,
        reactions: { utile: ['laura.mannucci', 'domenico.fiumara', 'chiara.santoro'] },
      },
      {
        author: 'laura.mannucci',
        daysAgo: 240,
        replyTo: 6,
        body: `Bellissimo. Come li reclutate? Temo che proporre un «gruppo» a un cinquantenne appena licenziato sia percepito come una cosa da disoccupati di serie B.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 239,
        replyTo: 7,
        body: `All'inizio è andata proprio così. Poi abbiamo cambiato nome e presentazione: non più «gruppo di sostegno» ma **laboratorio di ricerca attiva**, con obiettivi concreti (almeno 10 candidature a testa). E il passaparola dei primi partecipanti ha fatto il resto: alla terza edizione avevamo la lista d'attesa.`,
        reactions: { utile: ['laura.mannucci'], grazie: ['laura.mannucci'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 212,
        body: `Per gli over 45 il vero scoglio da noi sono le **competenze digitali**. Stiamo provando a indirizzarli sui moduli a distanza della piattaforma TRIO che la Toscana ci ha messo a disposizione con il gemellaggio: alfabetizzazione informatica di base, posta elettronica, ricerca di lavoro online.`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 200,
        replyTo: 9,
        body: `TRIO funziona molto bene per questo, soprattutto se il primo accesso lo fanno al CPI con un operatore accanto. Dopo, in genere, proseguono da soli.`,
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: "Scuole e CPI: collaborazioni per l'orientamento degli studenti",
    posts: [
      {
        author: 'angela.lorusso',
        daysAgo: 95,
        body: `Due istituti tecnici di Potenza ci hanno chiesto di collaborare sull'**orientamento delle classi quarte e quinte**. Vorrei evitare la solita lezione frontale sul «mercato del lavoro». Avete esperienze di collaborazione con le scuole che hanno funzionato?`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 94,
        replyTo: 0,
        body: `A Firenze facciamo dei laboratori di due ore in classe, «Che lavoro farò?»: gli studenti lavorano su annunci veri del territorio, scoprono quali competenze vengono richieste e simulano un colloquio. L'anno scorso 34 classi. La chiave è che ci sia un docente referente che prepara la classe prima e riprende il lavoro dopo.`,
        reactions: { utile: ['angela.lorusso', 'teresa.gallo'] },
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 92,
        replyTo: 0,
        body: `Aggiungo un altro livello di collaborazione. Con il progetto Labor la Provincia di Teramo ha avviato il raccordo con l'**Osservatorio scolastico provinciale**: i dati sulle frequenze e sugli abbandoni ci permettono di intercettare i ragazzi che lasciano la scuola prima che spariscano dai radar e diventino NEET.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 91,
        replyTo: 2,
        body: `E sulla privacy come vi siete regolati? È la prima obiezione che mi farebbero le scuole.`,
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 90,
        replyTo: 3,
        body: `Tutto regolato da una **convenzione** tra Provincia e scuole, con dati minimi e finalità esplicite (orientamento e reinserimento nei percorsi formativi). Il CPI riceve solo i nominativi di chi ha abbandonato e ha compiuto 16 anni; il primo contatto lo fa la scuola, non noi.`,
        reactions: { utile: ['angela.lorusso', 'sara.innocenti'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 80,
        replyTo: 0,
        body: `A Cosenza la collaborazione più solida è con gli **enti di formazione professionale** che gestiscono i percorsi IeFP: organizziamo insieme le giornate di orientamento per chi esce dalla terza media e non sa che strada prendere.`,
      },
      {
        author: 'giovanni.perri',
        daysAgo: 70,
        replyTo: 5,
        body: `Confermo: è una delle poche collaborazioni che in provincia di Cosenza funziona ovunque, anche nei comuni più piccoli. Forse perché gli enti hanno un interesse diretto a riempire i corsi.`,
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 8,
        body: `Riprendo questa discussione perché si è appena iscritta alla piattaforma una docente di un **istituto comprensivo toscano** che si occupa proprio di progetti di orientamento e cerca il contatto con i servizi per il lavoro. La inviterò a leggere qui: @laura.mannucci, magari i vostri laboratori si possono adattare anche alla scuola media?`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 5,
        replyTo: 7,
        body: `Volentieri, con le medie abbiamo già fatto qualche prova: si lavora più sulle passioni e sulla conoscenza dei mestieri che sugli annunci. Passami pure il contatto.`,
        reactions: { grazie: ['lucia.ferraro'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: "LEP per i Servizi per l'Impiego: come state riorganizzando i CPI?",
    posts: [
      {
        author: 'francesco.romeo',
        daysAgo: 212,
        body: `Con la riforma del mercato del lavoro i **livelli essenziali delle prestazioni** (LEP) dei servizi per l'impiego sono diventati il riferimento per tutti: ogni CPI deve garantire un insieme minimo di servizi, ovunque. Nello stesso momento si chiude il riassetto delle province e cambia la titolarità dei servizi.

Al tavolo regionale calabrese stiamo facendo una ricognizione e vorrei confrontarla con le altre regioni:

- quali LEP riuscite già a garantire in tutti i CPI?
- dove sono i buchi più grossi (personale, competenze, strumenti)?
- come misurate se un LEP è davvero erogato?`,
        reactions: { utile: ['domenico.fiumara', 'lucia.ferraro', 'angela.lorusso'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 211,
        replyTo: 0,
        body: `Faccio l'esercizio onestamente per Vibo:

- accoglienza, DID e informazione: **sì**;
- profilazione e patto di servizio: **sì**, con tempi da migliorare;
- orientamento di base: **sì**;
- orientamento specialistico: **no**, non abbiamo psicologi né orientatori dedicati;
- accompagnamento al lavoro e incontro domanda-offerta: **in parte**, dipende dai rapporti personali degli operatori con le aziende;
- avviamento a formazione e tirocini: **sì**, quando ci sono avvisi aperti.`,
        reactions: { utile: ['francesco.romeo', 'teresa.gallo', 'gennaro.iannaccone', 'lucia.ferraro'] },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 210,
        replyTo: 1,
        body: `Grazie Domenico, è esattamente la fotografia che emerge in quasi tutti i CPI calabresi. L'orientamento specialistico è il buco più diffuso.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 207,
        replyTo: 0,
        body: `Il nodo a Potenza è il **personale**: età media degli operatori sopra i 55 anni, nessun ingresso da più di dieci anni. Possiamo riorganizzare quanto vogliamo, ma alcuni LEP richiedono professionalità che non abbiamo.`,
      },
      {
        author: 'daniele.moretti',
        daysAgo: 205,
        replyTo: 0,
        body: `Sul terzo punto, la misurazione: il rischio è misurare solo gli **adempimenti** (quante DID, quanti patti) e non la qualità. Nel monitoraggio nazionale stiamo cercando di affiancare agli indicatori di volume indicatori di tempestività e di esito, come il tempo tra DID e primo colloquio o la quota di persone con almeno un'azione di politica attiva entro sei mesi.`,
        reactions: { utile: ['chiara.santoro', 'claudia.russo'] },
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 204,
        replyTo: 4,
        body: `Gli indicatori di esito però dipendono molto dal mercato del lavoro locale. Se a Milano il 40% trova lavoro entro sei mesi e in Irpinia il 15%, non vuol dire che il CPI di Avellino lavori peggio.`,
      },
      {
        author: 'daniele.moretti',
        daysAgo: 203,
        replyTo: 5,
        body: `Verissimo, ed è per questo che gli esiti vanno letti al netto delle condizioni di contesto, confrontando territori simili. Gli indicatori di **processo** invece si possono confrontare direttamente: un appuntamento dopo 40 giorni è un problema ovunque.`,
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 196,
        body: `Non sottovalutiamo il **riassetto delle province**: in molte realtà il personale dei CPI è in transito verso le regioni e vive mesi di incertezza su contratto, sede e responsabilità. Difficile chiedere a chi non sa dove lavorerà fra sei mesi di investire in nuovi servizi.`,
      },
      {
        author: 'giovanni.perri',
        daysAgo: 195,
        replyTo: 7,
        body: `Confermo da Cosenza. Abbiamo colleghi che hanno rinunciato a corsi di aggiornamento perché «tanto non sappiamo se saremo ancora qui». È un costo nascosto della transizione di cui si parla poco.`,
      },
      {
        author: 'francesco.romeo',
        daysAgo: 193,
        replyTo: 8,
        body: `È una preoccupazione che abbiamo ben presente. La Regione sta lavorando a un piano di potenziamento che prevede sia il trasferimento del personale sia nuove assunzioni, ma i tempi non sono brevi.`,
      },
      {
        author: 'teresa.gallo',
        daysAgo: 181,
        replyTo: 1,
        body: `Domanda pratica sull'orientamento specialistico: chi non ha psicologi come fa? Basta un operatore formato o serve per forza un profilo specifico?`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 180,
        replyTo: 10,
        body: `A Firenze l'orientamento specialistico lo facciamo noi orientatori, con una formazione specifica sul bilancio di competenze. Il percorso tipo è di **tre incontri individuali** più eventuali attività di gruppo, e si chiude con un documento di sintesi che la persona porta via. Non serve essere psicologi, ma serve una formazione seria e una supervisione periodica.`,
        reactions: { utile: ['teresa.gallo', 'domenico.fiumara', 'francesco.romeo'] },
      },
      {
        author: 'sara.innocenti',
        daysAgo: 171,
        replyTo: 0,
        body: `Dal punto di vista dei servizi sociali: i LEP dei servizi per l'impiego e quelli sociali dovrebbero parlarsi. Le persone in condizione di fragilità passano da entrambi, e senza una presa in carico congiunta ognuno garantisce il suo livello essenziale ma nessuno segue davvero la persona.`,
        reactions: { utile: ['antonio.barbieri', 'domenico.fiumara'] },
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 160,
        body: `Sintesi intermedia per chi arriva ora:

- i LEP più garantiti sono **accoglienza, DID, profilazione, orientamento di base**;
- il buco più diffuso è l'**orientamento specialistico**, seguito dall'incontro domanda-offerta;
- il vincolo principale è il **personale** (età, numeri, incertezza legata al riassetto);
- per misurare servono indicatori di **processo** confrontabili e indicatori di **esito** letti rispetto al contesto;
- c'è una forte richiesta di **integrazione con i servizi sociali**.`,
        reactions: {
          utile: ['francesco.romeo', 'valeria.conti', 'angela.lorusso', 'daniele.moretti', 'luca.dipietro'],
        },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 140,
        replyTo: 13,
        body: `Sull'incontro domanda-offerta: il problema non è solo di personale, è di **metodo**. Ogni operatore ha le sue aziende e i suoi contatti; se va in pensione, perdiamo tutto. Serve una gestione condivisa dei rapporti con le imprese.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 122,
        body: `Porto un dato di contesto: in Campania il rapporto tra persone con DID attiva e operatori dei CPI supera in diverse aree le **350 persone per operatore**. Con questi numeri i LEP si possono garantire solo a condizione di organizzare i servizi per segmenti, come si diceva nella discussione sul patto di servizio.`,
      },
      {
        author: 'valeria.conti',
        daysAgo: 92,
        body: `Il resoconto del webinar sui LEP organizzato il mese scorso è online: slide, registrazione e le domande arrivate in chat con le risposte dei relatori. https://www.example.org/eventi/webinar-lep-resoconto`,
        reactions: { grazie: ['francesco.romeo', 'teresa.gallo', 'gennaro.iannaccone'] },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 62,
        body: `Aggiornamento dalla Calabria: è stato approvato il **piano regionale di potenziamento dei CPI**. Prevede nuove assunzioni (orientatori, operatori del mercato del lavoro, esperti di sistemi informativi) e la riqualificazione delle sedi. Il primo obiettivo è coprire l'orientamento specialistico in ogni CPI entro due anni.`,
        reactions: { utile: ['domenico.fiumara', 'teresa.gallo', 'lucia.ferraro'], grazie: ['domenico.fiumara'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 60,
        replyTo: 17,
        body: `Ottima notizia. Una richiesta: che i nuovi assunti facciano un periodo di **affiancamento** nei CPI che già erogano bene un servizio, anche fuori regione. Le competenze si trasferiscono lavorando insieme, non con un corso in aula.`,
      },
      {
        author: 'paolo.esposito',
        daysAgo: 31,
        replyTo: 18,
        body: `Domenico, è esattamente la logica dei **gemellaggi**: l'amministrazione che ha una buona pratica la trasferisce a quella che la vuole adottare, con periodi di affiancamento. Francesco lo sa bene, visto che la Calabria lo sta facendo con la Toscana su competenze e servizi integrati. Si potrebbe estendere ai CPI.`,
      },
      {
        author: 'francesco.romeo',
        daysAgo: 10,
        body: `Ultimo aggiornamento: i primi **dodici orientatori** hanno preso servizio la settimana scorsa, distribuiti su sei CPI. Tre di loro faranno un mese di affiancamento a Firenze, grazie alla disponibilità di @laura.mannucci e dei colleghi toscani.`,
        reactions: {
          utile: ['lucia.ferraro', 'domenico.fiumara', 'paolo.esposito'],
          grazie: ['domenico.fiumara', 'laura.mannucci'],
        },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 3,
        replyTo: 20,
        body: `Due di loro sono arrivati a Vibo: motivatissimi. Vi terrò aggiornati su come va l'inserimento.`,
        reactions: { grazie: ['francesco.romeo', 'lucia.ferraro'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: 'Percorsi formativi in modalità blended: proposta per il nuovo ciclo',
    posts: [
      {
        author: 'valeria.conti',
        daysAgo: 14,
        body: `Stiamo progettando un nuovo ciclo di **percorsi formativi in modalità blended** per gli operatori dei CPI, nello spirito dei primi corsi da cui è nata questa comunità. L'ipotesi di struttura:

- un incontro in presenza di apertura (una giornata, in due sedi: Roma e Napoli);
- **sei settimane online**, con materiali, esercitazioni su casi reali e un forum per ogni modulo;
- un incontro finale in presenza per restituire i lavori.

Temi candidati: profilazione e colloquio di accoglienza, patto di servizio, lavoro con le imprese, lettura dei dati del mercato del lavoro locale, qualità dei servizi. Quali vi servono di più? E quali orari rendono possibile partecipare?`,
        reactions: { utile: ['lucia.ferraro', 'domenico.fiumara'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 13,
        replyTo: 0,
        body: `Da veterano dei primi corsi: quello che faceva la differenza erano i **tutor online attivi**, che rilanciavano le discussioni e rispondevano entro un giorno. Senza, il forum muore dopo la seconda settimana.`,
        reactions: { utile: ['valeria.conti', 'lucia.ferraro', 'chiara.santoro'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 12,
        replyTo: 0,
        body: `Il mio voto va a **profilazione e colloquio di accoglienza**. Sugli orari: la mattina siamo allo sportello, le attività online dovrebbero essere fruibili nel pomeriggio o in modo asincrono.`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 11,
        replyTo: 0,
        body: `Io proporrei un modulo sul **lavoro con le imprese**: è la competenza che manca di più nei CPI e quella su cui c'è meno materiale.`,
        reactions: { utile: ['teresa.gallo'] },
      },
      {
        author: 'angela.lorusso',
        daysAgo: 9,
        replyTo: 2,
        body: `Concordo con Teresa sugli orari. Aggiungo: che le esercitazioni partano da **casi nostri**, anonimizzati, non da casi di scuola. È lì che si impara davvero.`,
      },
      {
        author: 'chiara.santoro',
        daysAgo: 8,
        replyTo: 0,
        body: `Mi candido a curare il modulo sulla **qualità dei servizi**, riusando gli strumenti dei laboratori di autovalutazione in una versione più leggera.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 6,
        replyTo: 0,
        body: `Se serve, con i colleghi della Rete degli osservatori potremmo preparare un modulo su come **leggere i dati del proprio territorio**: dove trovarli, quali indicatori guardare, come non farsi ingannare da una media.`,
        reactions: { utile: ['valeria.conti', 'lucia.ferraro'] },
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 3,
        replyTo: 0,
        body: `Riepilogo delle preferenze raccolte qui e via mail (42 risposte):

1. profilazione e colloquio di accoglienza — **19**
2. lavoro con le imprese — **11**
3. lettura dei dati del territorio — **7**
4. qualità dei servizi — **5**

Orari: quasi tutti chiedono attività **asincrone o pomeridiane**.`,
        reactions: { utile: ['valeria.conti', 'domenico.fiumara'] },
      },
      {
        author: 'valeria.conti',
        daysAgo: 2,
        replyTo: 7,
        body: `Grazie a tutti! Partiamo con i primi due moduli, e il terzo (grazie Claudia) come modulo breve. Entro fine mese pubblico la bozza di calendario e apro le preiscrizioni.`,
        reactions: { grazie: ['lucia.ferraro', 'domenico.fiumara'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: 'Buona pratica: lo sportello integrato sociale-lavoro del Comune di Firenze',
    posts: [
      {
        author: 'sara.innocenti',
        daysAgo: 152,
        body: `Condivido l'esperienza dello **sportello integrato tra servizi sociali e servizi per il lavoro** del Comune di Firenze, che sta facendo da modello anche per il gemellaggio con Vibo Valentia.

Come funziona:

- un'**équipe multiprofessionale** (assistente sociale, orientatore del CPI, educatore) valuta insieme la situazione della persona;
- si costruisce **un solo progetto**, firmato da tutti, invece di due percorsi paralleli;
- le competenze della persona vengono ricostruite e, quando serve, registrate nel **Libretto formativo**;
- riunioni di équipe quindicinali per monitorare i casi.

In due anni abbiamo preso in carico **420 persone**: il 31% ha fatto un tirocinio, il 18% ha avuto un contratto di almeno sei mesi. La scheda completa è qui: https://www.example.org/buone-pratiche/sportello-integrato-firenze`,
        reactions: {
          utile: ['antonio.barbieri', 'domenico.fiumara', 'lucia.ferraro', 'paolo.esposito', 'laura.mannucci'],
          grazie: ['antonio.barbieri'],
        },
      },
      {
        author: 'antonio.barbieri',
        daysAgo: 151,
        replyTo: 0,
        body: `Grazie Sara, a Vibo stiamo partendo proprio da qui. La domanda che ci fanno tutti: **chi coordina** l'équipe? Il Comune o il CPI? Da noi su questo si rischia di impantanarsi per mesi.`,
      },
      {
        author: 'sara.innocenti',
        daysAgo: 150,
        replyTo: 1,
        body: `Da noi il coordinamento è del **case manager**, che può essere l'assistente sociale o l'orientatore a seconda di quale bisogno prevale. Lo si decide nella prima riunione, caso per caso. Conta più che ci sia un protocollo firmato dai due enti che dica chiaramente come si decide.`,
        reactions: { utile: ['antonio.barbieri', 'domenico.fiumara'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 149,
        replyTo: 2,
        body: `Per noi come CPI questo è il punto decisivo. Stiamo scrivendo il protocollo con il Comune e abbiamo messo il case manager «variabile» nella prima bozza, proprio sul modello fiorentino.`,
      },
      {
        author: 'teresa.gallo',
        daysAgo: 141,
        replyTo: 0,
        body: `Una curiosità: come gestite il **consenso** della persona allo scambio di informazioni tra i due servizi? Da noi è il primo ostacolo pratico.`,
      },
      {
        author: 'sara.innocenti',
        daysAgo: 140,
        replyTo: 4,
        body: `Un modulo unico di informativa e consenso, firmato al primo colloquio congiunto, che elenca quali informazioni si scambiano e per quale scopo. Se la persona non firma, si procede con i due servizi separati, come prima.`,
      },
      {
        author: 'paolo.esposito',
        daysAgo: 131,
        body: `Questa esperienza è un buon esempio di **riuso**: lo sportello è uno dei cinque modelli del gemellaggio Tos.Ca. e la documentazione è stata scritta apposta per essere trasferibile. Chi vuole replicarlo in altri comuni può partire dalla scheda e dal protocollo tipo.`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 121,
        replyTo: 0,
        body: `Dal lato CPI aggiungo che l'équipe ci ha fatto crescere molto: prima consideravamo «non occupabili» persone che invece, con un sostegno sociale adeguato, sono riuscite a inserirsi. È cambiato proprio il nostro sguardo.`,
        reactions: { utile: ['sara.innocenti', 'lucia.ferraro'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: 'Webinar «DID online e stato di disoccupazione»: iscrizioni chiuse',
    locked: true,
    posts: [
      {
        author: 'valeria.conti',
        daysAgo: 101,
        body: `**Webinar per gli operatori dei CPI**: «DID online e stato di disoccupazione: casi pratici». Un'ora e mezza con i colleghi di due regioni che hanno già sperimentato il rilascio online della DID, con ampio spazio per le domande.

Iscrizioni qui, fino a esaurimento posti: https://www.example.org/eventi/webinar-did-online`,
        reactions: { utile: ['teresa.gallo', 'gennaro.iannaccone'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 100,
        replyTo: 0,
        body: `Sarà disponibile la registrazione? Il giorno del webinar sono di turno allo sportello.`,
      },
      {
        author: 'valeria.conti',
        daysAgo: 99,
        replyTo: 1,
        body: `Sì Teresa, la registrazione e le slide saranno pubblicate qui entro una settimana.`,
      },
      {
        author: 'valeria.conti',
        daysAgo: 94,
        body: `Webinar concluso: **134 partecipanti**, più di 60 domande in chat. Registrazione e slide: https://www.example.org/eventi/webinar-did-online/materiali

Chiudo la discussione: per domande e approfondimenti aprite pure un nuovo thread, così restano facili da ritrovare.`,
        reactions: { grazie: ['teresa.gallo', 'gennaro.iannaccone', 'angela.lorusso', 'federica.dimarco'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: 'Incontro domanda-offerta: come coinvolgete le imprese del territorio?',
    posts: [
      {
        author: 'luca.dipietro',
        daysAgo: 72,
        body: `Riprendo un tema emerso nella discussione sui LEP. A Teramo le imprese si rivolgono al CPI quasi solo quando hanno obblighi (collocamento mirato) o incentivi da chiedere. Per il resto cercano da sole o vanno dalle agenzie private. Cosa fate per diventare un interlocutore **abituale** delle aziende?`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 71,
        replyTo: 0,
        body: `Ad Avellino abbiamo creato una piccola **unità servizi alle imprese** di due persone: visite in azienda, raccolta dei fabbisogni, preselezione dei candidati. Il primo anno è stato duro, ma ora una trentina di aziende ci chiama regolarmente.`,
        reactions: { utile: ['luca.dipietro', 'domenico.fiumara'] },
      },
      {
        author: 'claudia.russo',
        daysAgo: 66,
        replyTo: 0,
        body: `Un suggerimento dai dati: con le **comunicazioni obbligatorie** si possono individuare le aziende del territorio che assumono di più e in quali profili, comprese quelle che non sono mai passate dal CPI. È una lista di partenza molto più mirata dell'elenco della Camera di commercio.`,
        reactions: { utile: ['luca.dipietro', 'gennaro.iannaccone', 'roberto.dangelo'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 65,
        replyTo: 2,
        body: `@claudia.russo è un'idea che mi piace moltissimo. Per la provincia di Teramo si potrebbe avere l'elenco delle prime 50 aziende per numero di assunzioni nell'ultimo anno, con le qualifiche più richieste?`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 64,
        replyTo: 3,
        body: `Io lavoro sui dati campani, ma la procedura è la stessa ovunque: conviene chiedere all'osservatorio regionale abruzzese. Ti scrivo in privato i passaggi e la query che usiamo, così la possono replicare.`,
        reactions: { grazie: ['luca.dipietro'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 51,
        replyTo: 0,
        body: `A Vibo funziona bene la **colazione con le imprese**: una volta al mese invitiamo 5-6 aziende di uno stesso settore, presentiamo i servizi e ascoltiamo le loro difficoltà di reclutamento. Costa poco e crea relazioni.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 41,
        replyTo: 1,
        body: `Gennaro, come misurate il lavoro dell'unità imprese? Da noi la dirigenza chiede numeri e le relazioni con le aziende sono difficili da quantificare.`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 40,
        replyTo: 6,
        body: `Tre indicatori semplici: aziende visitate, offerte di lavoro raccolte, candidati inviati e assunti. L'ultimo è quello che convince di più, anche se è il più lento a crescere.`,
      },
      {
        author: 'luca.dipietro',
        daysAgo: 12,
        body: `Aggiornamento: l'osservatorio regionale ci ha dato l'elenco delle aziende. Abbiamo fatto le prime 14 visite e raccolto **23 offerte** in un mese, più che nei sei mesi precedenti. Grazie a tutti per gli spunti!`,
        reactions: { utile: ['claudia.russo', 'lucia.ferraro', 'domenico.fiumara'], grazie: ['claudia.russo'] },
      },
    ],
  },
  {
    group: 'comunita-spi',
    title: "Utenti stranieri all'accoglienza: mediazione linguistica e materiali multilingue",
    posts: [
      {
        author: 'gennaro.iannaccone',
        daysAgo: 58,
        body: `Da qualche mese aumentano gli utenti stranieri che non parlano italiano, soprattutto per la DID. Non abbiamo mediatori in organico. Voi come fate? Avete materiali tradotti da condividere?`,
      },
      {
        author: 'sara.innocenti',
        daysAgo: 57,
        replyTo: 0,
        body: `A Firenze il Comune ha una convenzione con una cooperativa di **mediazione linguistico-culturale**: il CPI prenota il mediatore su appuntamento, nelle lingue più richieste anche in presenza. Per le altre lingue usiamo la mediazione telefonica.`,
        reactions: { utile: ['gennaro.iannaccone'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 55,
        replyTo: 0,
        body: `Noi abbiamo tradotto in cinque lingue (inglese, francese, arabo, rumeno, ucraino) una scheda di una pagina che spiega cos'è la DID e cosa succede dopo. Non risolve tutto, ma riduce molto i malintesi. La trovi qui: https://www.example.org/materiali/scheda-did-multilingue.pdf`,
        reactions: {
          utile: ['gennaro.iannaccone', 'antonio.barbieri', 'laura.mannucci'],
          grazie: ['gennaro.iannaccone'],
        },
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 54,
        replyTo: 2,
        body: `Perfetta, grazie! La adattiamo con i nostri orari e la stampiamo da subito.`,
      },
    ],
  },
];

// ─── Rete degli osservatori ──────────────────────────────────────────────────────────────────────
const reteOsservatori: DemoThread[] = [
  {
    group: 'rete-degli-osservatori',
    title: 'Linguaggi e metodologie comuni: un glossario condiviso degli indicatori',
    posts: [
      {
        author: 'marco.deluca',
        daysAgo: 282,
        body: `Uno dei motivi per cui è nata questa rete è l'**omogeneità dei linguaggi e delle metodologie** per la rilevazione e la diffusione dei dati. Oggi, se confrontiamo due note congiunturali di due osservatori, spesso la stessa parola indica cose diverse.

Propongo di costruire insieme un **glossario condiviso degli indicatori**. Per ogni voce:

- definizione;
- fonte (comunicazioni obbligatorie, SIL provinciali, rilevazione forze di lavoro…);
- formula di calcolo;
- periodicità e livello territoriale minimo;
- avvertenze di lettura.

Ho aperto un documento di lavoro: https://www.example.org/rete-osservatori/glossario-bozza. Partiamo da avviamenti, cessazioni, saldi, persone avviate e disoccupati iscritti.`,
        reactions: { utile: ['claudia.russo', 'daniele.moretti', 'vito.santarsiero', 'lucia.ferraro'] },
      },
      {
        author: 'claudia.russo',
        daysAgo: 281,
        replyTo: 0,
        body: `Ottima idea. Il nodo principale, per me, è la distinzione tra **eventi** e **teste**: molti rapporti parlano di «assunzioni» intendendo i rapporti di lavoro attivati, ma una persona con tre contratti a termine nello stesso trimestre conta tre volte. Andrebbe sempre esplicitato.`,
        reactions: { utile: ['marco.deluca', 'daniele.moretti'] },
      },
      {
        author: 'daniele.moretti',
        daysAgo: 280,
        replyTo: 1,
        body: `Concordo. Proporrei questa terminologia:

- **attivazioni**: rapporti di lavoro avviati nel periodo (eventi);
- **cessazioni**: rapporti conclusi nel periodo (eventi);
- **trasformazioni**: passaggi da tempo determinato a indeterminato, da apprendistato, ecc.;
- **lavoratori attivati**: persone con almeno un'attivazione nel periodo (teste).

E bandire la parola «assunzioni» nei titoli, se non accompagnata da una di queste.`,
        reactions: { utile: ['claudia.russo', 'marco.deluca', 'pietro.laterza'] },
      },
      {
        author: 'claudia.russo',
        daysAgo: 279,
        replyTo: 2,
        body: `E le **proroghe**? Alcuni osservatori le contano tra le attivazioni, altri no. Nei settori stagionali cambia parecchio il quadro.`,
      },
      {
        author: 'daniele.moretti',
        daysAgo: 278,
        replyTo: 3,
        body: `Le proroghe non sono nuove attivazioni: il rapporto resta lo stesso. Possono essere un indicatore a sé, utile proprio per leggere la stagionalità, ma non vanno sommate.`,
      },
      {
        author: 'vito.santarsiero',
        daysAgo: 271,
        replyTo: 0,
        body: `Un tema che a livello provinciale pesa molto: il **segreto statistico**. Con i numeri di Matera, se scendiamo a livello di comune e settore escono celle con 1 o 2 casi. Noi oscuriamo sotto 5, ma ogni osservatorio usa una sua soglia: andrebbe messa nel glossario.`,
      },
      {
        author: 'marco.deluca',
        daysAgo: 270,
        replyTo: 5,
        body: `Giusto Vito, la aggiungo come voce metodologica trasversale. Mi piacerebbe arrivare a una regola comune, soglia e criteri di oscuramento secondario inclusi, perché altrimenti dalle differenze si ricostruiscono i valori oscurati.`,
      },
      {
        author: 'pietro.laterza',
        daysAgo: 262,
        replyTo: 0,
        body: `Per chi, come noi in Puglia, lavora sui **fabbisogni professionali** delle imprese, il problema è anche di classificazione: le professioni nelle comunicazioni obbligatorie non sempre corrispondono alle figure dei repertori regionali. Nel glossario servirebbe una sezione sulle tabelle di raccordo.`,
      },
      {
        author: 'nicola.colavita',
        daysAgo: 256,
        replyTo: 0,
        body: `Aggiungo il tema della **qualità del dato di partenza**. Nel SIL provinciale di Campobasso il titolo di studio manca in circa il 20% delle schede più vecchie. Qualunque indicatore per titolo di studio va accompagnato dalla quota di mancanti, altrimenti si confrontano mele e pere.`,
        reactions: { utile: ['marco.deluca', 'alessia.marini'] },
      },
      {
        author: 'alessia.marini',
        daysAgo: 255,
        replyTo: 8,
        body: `Noi a Teramo abbiamo recuperato una parte dei mancanti grazie alla **cooperazione applicativa** con l'anagrafe e l'osservatorio scolastico: per i più giovani il titolo lo ricaviamo dai dati della scuola. Sui più anziani resta il buco.`,
      },
      {
        author: 'marco.deluca',
        daysAgo: 241,
        body: `Ho consolidato i contributi: la **prima bozza del glossario** ha 34 voci, divise in quattro sezioni (flussi, stock, professioni e classificazioni, regole di diffusione). Commentate direttamente nel documento entro fine mese; poi facciamo una riunione online per chiudere i punti aperti.`,
        reactions: { grazie: ['claudia.russo', 'vito.santarsiero', 'federica.dimarco', 'lucia.ferraro'] },
      },
      {
        author: 'giovanni.perri',
        daysAgo: 221,
        replyTo: 10,
        body: `Ottimo lavoro. Suggerisco di aggiungere per ogni voce un **esempio numerico**: per chi non fa questo mestiere tutti i giorni (amministratori, giornalisti) è il modo più rapido per capire.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 151,
        body: `Prova sul campo: abbiamo ricalcolato il **saldo attivazioni-cessazioni** del 2° trimestre per Campania e Puglia usando le definizioni del glossario. Le differenze con i dati pubblicati in precedenza vanno dal 3 all'8%, quasi tutte dovute alle proroghe e a come vengono trattate le trasformazioni.`,
        reactions: { utile: ['marco.deluca', 'pietro.laterza', 'daniele.moretti'] },
      },
      {
        author: 'pietro.laterza',
        daysAgo: 149,
        replyTo: 12,
        body: `Confermo per la Puglia: lo scarto più grosso è nell'agricoltura, dove le proroghe sono frequentissime. Con il glossario il dato diventa finalmente confrontabile con quello campano.`,
      },
      {
        author: 'marco.deluca',
        daysAgo: 101,
        body: `**Versione 1.0 del glossario** approvata nella riunione di ieri: 41 voci, con esempi numerici e avvertenze di lettura. La trovate qui: https://www.example.org/rete-osservatori/glossario-v1. D'ora in poi proponiamo di citarla nelle note metodologiche dei nostri rapporti.`,
        reactions: {
          utile: ['claudia.russo', 'daniele.moretti', 'vito.santarsiero', 'alessia.marini', 'lucia.ferraro'],
          grazie: ['claudia.russo', 'giovanni.perri'],
        },
      },
      {
        author: 'vito.santarsiero',
        daysAgo: 61,
        replyTo: 14,
        body: `La nota congiunturale di Matera del trimestre scorso è la prima che usa il glossario. I colleghi della Provincia hanno apprezzato soprattutto gli esempi numerici.`,
      },
      {
        author: 'daniele.moretti',
        daysAgo: 31,
        replyTo: 14,
        body: `Segnalo che la **nota metodologica** del prossimo rapporto di monitoraggio nazionale richiamerà il glossario per le definizioni sui flussi. È un bel riconoscimento per il lavoro della rete.`,
        reactions: { utile: ['marco.deluca', 'claudia.russo'], grazie: ['marco.deluca'] },
      },
      {
        author: 'claudia.russo',
        daysAgo: 5,
        replyTo: 16,
        body: `Ottima notizia! @marco.de.luca a questo punto proporrei di aprire la **versione 2.0** con una sezione sui dati dei servizi per l'impiego (DID, patti, politiche attive): è il pezzo che ancora manca.`,
      },
      {
        author: 'marco.deluca',
        daysAgo: 4,
        replyTo: 17,
        body: `D'accordo. Apro un nuovo documento e una discussione dedicata la prossima settimana: chi vuole coordinare la sezione sui servizi per l'impiego?`,
        reactions: { utile: ['claudia.russo', 'alessia.marini'] },
      },
    ],
  },
  {
    group: 'rete-degli-osservatori',
    title: 'Anagrafi comunali e frequenze scolastiche: chi integra questi dati?',
    posts: [
      {
        author: 'alessia.marini',
        daysAgo: 176,
        body: `Con il progetto Labor abbiamo sviluppato un modulo che **raccoglie automaticamente** i dati dalle anagrafi comunali (residenza, cittadinanza, composizione del nucleo) e dal sistema di gestione delle **frequenze e degli abbandoni** delle scuole, e li integra con il sistema provinciale del lavoro.

Mi piacerebbe sapere se altri osservatori lavorano con queste fonti e con quali problemi. Da noi i più grossi sono due: la varietà dei software anagrafici e la definizione di «abbandono».`,
        reactions: { utile: ['marco.deluca', 'vito.santarsiero'] },
      },
      {
        author: 'vito.santarsiero',
        daysAgo: 175,
        replyTo: 0,
        body: `A Matera usiamo i dati delle scuole solo in forma aggregata, per le note sull'offerta formativa. Come avete ottenuto i dati individuali sulle frequenze? Passate dall'Osservatorio scolastico provinciale?`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 174,
        replyTo: 1,
        body: `Sì, l'interlocutore è l'**Osservatorio scolastico provinciale**, con una convenzione che stabilisce quali campi si scambiano e per quale finalità. Al sistema del lavoro arrivano solo i ragazzi con almeno 16 anni che hanno interrotto la frequenza.`,
      },
      {
        author: 'nicola.colavita',
        daysAgo: 171,
        replyTo: 0,
        body: `Sulle anagrafi: in provincia di Campobasso i comuni usano almeno **tre software diversi**, di fornitori diversi, e i piccoli comuni spesso non hanno nessuno che sappia estrarre i dati. Come avete gestito l'eterogeneità?`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 170,
        replyTo: 3,
        body: `Abbiamo definito un **tracciato comune** e, per ciascun fornitore, un adattatore che lo produce. Dove il fornitore espone un servizio web lo interroghiamo direttamente; dove no, il comune carica un file CSV mensile su una pagina riservata. Meno elegante, ma funziona anche per i comuni con un solo impiegato.`,
        reactions: { utile: ['nicola.colavita', 'giovanni.perri', 'marco.deluca'] },
      },
      {
        author: 'marco.deluca',
        daysAgo: 166,
        replyTo: 0,
        body: `Sulla definizione di **abbandono** vale lo stesso discorso del glossario: c'è chi conta le interruzioni di frequenza, chi le mancate iscrizioni all'anno successivo, chi entrambe. Se vogliamo confrontare territori va fissata una definizione comune e riportata nel glossario.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 161,
        replyTo: 5,
        body: `Aggiungerei la distinzione tra abbandono del sistema di istruzione e **passaggio alla formazione professionale**: molti «abbandoni» sono in realtà transizioni verso i percorsi IeFP.`,
        reactions: { utile: ['marco.deluca', 'alessia.marini'] },
      },
      {
        author: 'giovanni.perri',
        daysAgo: 151,
        replyTo: 0,
        body: `In provincia di Cosenza il limite è a monte: diversi piccoli comuni hanno ancora un'anagrafe gestita in modo quasi manuale. Per loro qualunque integrazione automatica è lontana.`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 150,
        replyTo: 7,
        body: `Anche noi avevamo casi simili. Per quei comuni abbiamo previsto un **modulo web** in cui l'ufficiale d'anagrafe registra le variazioni direttamente: sostituisce l'estrazione, non la aggiunge.`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 96,
        body: `Aggiornamento: **41 comuni su 47** della provincia di Teramo sono collegati, 29 via servizio web e 12 con il file mensile. Nei primi sei mesi il sistema ha segnalato ai CPI 212 ragazzi tra 16 e 18 anni usciti dalla scuola: 87 sono stati contattati e 34 sono rientrati in un percorso formativo.`,
        reactions: {
          utile: ['marco.deluca', 'vito.santarsiero', 'claudia.russo', 'lucia.ferraro'],
          grazie: ['nicola.colavita'],
        },
      },
    ],
  },
  {
    group: 'rete-degli-osservatori',
    title: 'Cruscotto mensile: quali indicatori mettete in prima pagina?',
    posts: [
      {
        author: 'claudia.russo',
        daysAgo: 25,
        body: `Stiamo rifacendo il **cruscotto mensile** dell'Osservatorio campano, quello che va a dirigenti e assessori. La regola che ci siamo dati: **sei indicatori** in prima pagina, tutto il resto nelle pagine interne. La bozza:

1. attivazioni del mese e variazione sullo stesso mese dell'anno precedente;
2. saldo attivazioni-cessazioni degli ultimi 12 mesi;
3. quota di attivazioni a tempo indeterminato;
4. persone con DID attiva;
5. persone con patto di servizio firmato nel mese;
6. tempo medio tra DID e patto.

Anteprima qui: https://www.example.org/osservatorio-campania/cruscotto-bozza. Cosa cambiereste?`,
        reactions: { utile: ['marco.deluca', 'alessia.marini'] },
      },
      {
        author: 'marco.deluca',
        daysAgo: 24,
        replyTo: 0,
        body: `Mi piace l'idea di mettere insieme mercato del lavoro e servizi per l'impiego. Sostituirei però il punto 3 con le **trasformazioni a tempo indeterminato**: guardando solo le attivazioni si perde una parte importante della stabilizzazione.`,
      },
      {
        author: 'daniele.moretti',
        daysAgo: 23,
        replyTo: 0,
        body: `Sul punto 1: il confronto con lo stesso mese dell'anno precedente è robusto, ma in un cruscotto mensile qualcuno vorrà sempre il confronto con il mese precedente, che senza **destagionalizzazione** è fuorviante. Conviene scriverlo in chiaro nella legenda.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 23,
        replyTo: 2,
        body: `Esatto, è già successo: un assessore ha commentato un «crollo» di agosto su luglio. Nella nuova versione metteremo una nota fissa sotto ogni grafico.`,
      },
      {
        author: 'giovanni.perri',
        daysAgo: 22,
        replyTo: 0,
        body: `Per i decisori locali servirebbe anche il **dettaglio provinciale**, almeno nelle pagine interne. Un dato regionale nasconde differenze enormi tra la costa e le aree interne.`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 20,
        replyTo: 4,
        body: `Concordo. Noi a Teramo facciamo la versione per **ambito di CPI**: ogni responsabile di centro riceve la sua pagina con gli stessi sei indicatori e il confronto con la media provinciale. È quella che leggono davvero.`,
        reactions: { utile: ['claudia.russo', 'marco.deluca', 'daniele.moretti'] },
      },
      {
        author: 'daniele.moretti',
        daysAgo: 15,
        replyTo: 3,
        body: `Se volete, posso condividere la procedura che usiamo per la destagionalizzazione delle serie mensili delle comunicazioni obbligatorie, con i parametri già tarati. È in R, ma commentata riga per riga.`,
        reactions: { grazie: ['claudia.russo', 'marco.deluca'] },
      },
      {
        author: 'marco.deluca',
        daysAgo: 10,
        body: `Proposta: quando il cruscotto campano è pronto, lo usiamo come **modello di riferimento** della rete, con gli stessi sei indicatori e le stesse definizioni del glossario. Ogni osservatorio aggiunge le sue pagine interne.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 7,
        replyTo: 7,
        body: `Volentieri. La versione definitiva, con le trasformazioni e il dettaglio provinciale, esce a inizio mese: la pubblico qui insieme al modello vuoto.`,
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 5,
        replyTo: 8,
        body: `Ottimo! Quando è pronto lo segnaliamo anche nella Comunità SPI: i responsabili dei CPI sono molto interessati a ricevere dati sul proprio territorio in un formato leggibile.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 4,
        replyTo: 9,
        body: `Eccolo: cruscotto di questo mese e modello vuoto con le formule, https://www.example.org/osservatorio-campania/cruscotto-modello. @lucia.ferraro fammi sapere se per la Comunità SPI serve una versione semplificata.`,
        reactions: { utile: ['alessia.marini', 'lucia.ferraro'], grazie: ['lucia.ferraro'] },
      },
    ],
  },
  {
    group: 'rete-degli-osservatori',
    title: 'Dati regionali a confronto: perché i nostri avviamenti non tornano con quelli nazionali?',
    posts: [
      {
        author: 'pietro.laterza',
        daysAgo: 141,
        body: `Domanda da un milione di euro: le attivazioni in Puglia calcolate dal nostro osservatorio sono più alte di circa il **6%** rispetto al dato pubblicato a livello nazionale per la stessa regione e lo stesso periodo. Stesse comunicazioni obbligatorie, in teoria. Dove può nascere la differenza?`,
      },
      {
        author: 'daniele.moretti',
        daysAgo: 140,
        replyTo: 0,
        body: `Le cause più frequenti, in ordine di probabilità:

- **territorio di riferimento**: sede di lavoro o sede legale dell'azienda;
- trattamento della **somministrazione** (contratto con l'agenzia o missione presso l'utilizzatore);
- inclusione o meno del **lavoro domestico** e di alcuni rapporti della pubblica amministrazione;
- data di estrazione: le comunicazioni tardive e le rettifiche cambiano il dato per mesi.`,
        reactions: { utile: ['pietro.laterza', 'claudia.russo', 'vito.santarsiero'] },
      },
      {
        author: 'pietro.laterza',
        daysAgo: 139,
        replyTo: 1,
        body: `Avevi ragione sul primo punto: noi usiamo la **sede di lavoro**, il dato nazionale in quella tavola usa la sede dell'azienda. Le grandi imprese con sede fuori regione e cantieri in Puglia spiegano quasi tutto lo scarto.`,
      },
      {
        author: 'claudia.russo',
        daysAgo: 136,
        replyTo: 1,
        body: `Aggiungo che anche la **somministrazione** può pesare parecchio: in Campania conteggiare le missioni invece dei contratti cambia il totale di diversi punti nei mesi estivi. Andrebbe scritto nel glossario.`,
      },
      {
        author: 'pietro.laterza',
        daysAgo: 101,
        body: `Per chiudere: nel rapporto annuale pugliese abbiamo inserito un **box metodologico** che spiega la differenza rispetto al dato nazionale e la quantifica. Nessuna polemica sui giornali quest'anno. Grazie a tutti!`,
        reactions: { grazie: ['daniele.moretti', 'claudia.russo'] },
      },
    ],
  },
  {
    group: 'rete-degli-osservatori',
    title: 'Classificazioni delle professioni: tabelle di raccordo nazionale–internazionale',
    posts: [
      {
        author: 'daniele.moretti',
        daysAgo: 72,
        body: `Per il confronto europeo ci serve raccordare la classificazione nazionale delle professioni con quella internazionale **ISCO**. Qualcuno ha già una tabella di raccordo validata al quarto digit, magari con le scelte documentate nei casi ambigui?`,
      },
      {
        author: 'vito.santarsiero',
        daysAgo: 71,
        replyTo: 0,
        body: `Noi ne abbiamo una al terzo digit, costruita per un progetto europeo. Al quarto i casi «uno a molti» sono tanti e abbiamo preferito non spingerci oltre. Te la mando volentieri.`,
      },
      {
        author: 'marco.deluca',
        daysAgo: 70,
        replyTo: 1,
        body: `Vito, se sei d'accordo la mettiamo tra i materiali della rete, con una nota sui casi ambigui. È il genere di strumento che ognuno finisce per rifare da capo.`,
        reactions: { utile: ['daniele.moretti', 'vito.santarsiero'] },
      },
    ],
  },
];

// ─── Gemellaggio Tos.Ca. ─────────────────────────────────────────────────────────────────────────
const gemellaggioTosca: DemoThread[] = [
  {
    group: 'gemellaggio-tosca',
    title: 'Tos.Ca. - Valorizzare le competenze dei cittadini',
    pinned: true,
    posts: [
      {
        author: 'elena.bartolini',
        daysAgo: 298,
        body: `Questa è la **discussione generale** del gemellaggio Tos.Ca.: partecipate anche voi e lasciate la vostra testimonianza.

Il gemellaggio trasferisce buone pratiche consolidate in Toscana e a Firenze verso la Calabria e Vibo Valentia, in cinque modelli:

- **A** – piattaforma e-learning TRIO per i moduli formativi a distanza;
- **B** – Libretto formativo del cittadino;
- **C** – sistema regionale delle competenze;
- **D** – servizi territoriali integrati sociali e per l'occupabilità;
- **E** – servizi per la prima infanzia.

I primi tre vanno dalla Regione Toscana alla Regione Calabria, gli ultimi due dal Comune di Firenze al Comune di Vibo Valentia. Per ogni modello c'è una discussione dedicata; qui parliamo di tutto ciò che li attraversa: calendario, governance, risultati.`,
        reactions: {
          grazie: ['francesco.romeo', 'paolo.esposito', 'antonio.barbieri', 'mariagrazia.scalise'],
          utile: ['domenico.fiumara'],
        },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 297,
        replyTo: 0,
        body: `Grazie Elena. Per la Regione Calabria l'obiettivo è recuperare i ritardi nei servizi sociali, educativi e per l'occupabilità, con **standard professionali e certificazione delle competenze** a livello regionale. Il gruppo di lavoro interno coinvolge lavoro, formazione e politiche sociali: è già un piccolo risultato, di solito lavorano separati.`,
      },
      {
        author: 'paolo.esposito',
        daysAgo: 296,
        replyTo: 0,
        body: `Per Formez seguo l'accompagnamento del gemellaggio. A breve condivido il **cronoprogramma** con le visite di studio a Firenze, le sessioni di affiancamento in Calabria e le scadenze di monitoraggio. Ogni modello ha un referente per parte: li trovate nel documento di progetto https://www.example.org/gemellaggi/tosca/progetto`,
        reactions: { utile: ['elena.bartolini', 'francesco.romeo'] },
      },
      {
        author: 'antonio.barbieri',
        daysAgo: 290,
        body: `Il Comune di Vibo Valentia partecipa con i servizi sociali e con i nidi comunali. Per noi il valore è poter vedere **come funzionano davvero** i servizi fiorentini, non solo leggerne la descrizione. La prima visita di studio è attesissima.`,
      },
      {
        author: 'rosa.pugliese',
        daysAgo: 287,
        replyTo: 3,
        body: `Confermo! Per i nidi vorremmo partire dalla **carta dei servizi** e dalla formazione delle educatrici. Ne parliamo nella discussione sul modello E.`,
      },
      {
        author: 'stefano.guidi',
        daysAgo: 281,
        body: `Dal lato TRIO: la piattaforma è attiva dal 1998 ed è aperta e gratuita per tutti i cittadini. Per il gemellaggio abbiamo preparato un **ambiente dedicato** per gli operatori calabresi, con un catalogo selezionato di moduli. Dettagli nella discussione sul modello A.`,
      },
      {
        author: 'mariagrazia.scalise',
        daysAgo: 271,
        body: `Per il modello C lavoro sul **repertorio regionale delle qualificazioni**. Il repertorio toscano è stato il riferimento per altre regioni (Sardegna, ora anche la Puglia): poter lavorare a fianco di chi l'ha costruito ci fa risparmiare anni.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 241,
        body: `Il CPI di Vibo è coinvolto su B e D. Una nota dopo la visita di studio a Firenze: la cosa che mi ha colpito di più non sono gli strumenti, ma l'abitudine dei servizi a **lavorare insieme**. Quella non si trasferisce con un manuale.`,
        reactions: { utile: ['sara.innocenti', 'paolo.esposito', 'antonio.barbieri'] },
      },
      {
        author: 'paolo.esposito',
        daysAgo: 201,
        body: `**Stato di avanzamento** a metà percorso:

- A – TRIO: ambiente attivo, primi moduli in uso;
- B – Libretto formativo: modello adattato, sperimentazione al CPI di Vibo in preparazione;
- C – repertorio: metodologia condivisa, prime aree professionali in lavorazione;
- D – sportello integrato: protocollo Comune-CPI in bozza;
- E – nidi: carta dei servizi in scrittura, formazione delle educatrici programmata.

Nel complesso siamo in linea con il cronoprogramma, con un ritardo di circa un mese sul modello D.`,
        reactions: { utile: ['elena.bartolini', 'francesco.romeo', 'domenico.fiumara', 'mariagrazia.scalise'] },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 151,
        replyTo: 8,
        body: `Sul ritardo del modello D: il nodo era la titolarità dei servizi per l'impiego durante il riassetto delle province. Ora che il quadro è più chiaro, il protocollo può andare avanti.`,
      },
      {
        author: 'andrea.pieri',
        daysAgo: 121,
        body: `Un bilancio dal modello E: le educatrici di Vibo che sono venute a Firenze hanno passato due giorni nei nostri nidi e uno all'**Istituto degli Innocenti**. Nei questionari di fine visita la parola più usata è «concretezza».`,
        reactions: { grazie: ['rosa.pugliese', 'elena.bartolini'] },
      },
      {
        author: 'sara.innocenti',
        daysAgo: 31,
        body: `Da Firenze, sul modello D: il gruppo di Vibo ora è autonomo, ci sentiamo solo per i casi complessi. Credo sia il miglior indicatore di successo di un trasferimento.`,
        reactions: { utile: ['antonio.barbieri', 'paolo.esposito'] },
      },
      {
        author: 'paolo.esposito',
        daysAgo: 10,
        body: `Si avvicina l'**evento finale** del gemellaggio, a Vibo Valentia. Proposta di programma: una sessione per modello con una coppia di relatori (cedente e destinatario) e una tavola rotonda sulla sostenibilità dopo la fine del progetto. @elena.bartolini @francesco.romeo mi confermate i relatori entro venerdì?`,
      },
      {
        author: 'elena.bartolini',
        daysAgo: 1,
        replyTo: 12,
        body: `Per la Toscana confermo me (modelli B e C) e Stefano per TRIO; per Firenze Sara e Andrea. Proporrei di dare spazio anche a una testimonianza di un cittadino che ha usato il Libretto formativo.`,
        reactions: { utile: ['domenico.fiumara'] },
      },
    ],
  },
  {
    group: 'gemellaggio-tosca',
    title: 'Modello A – Moduli TRIO per gli operatori calabresi',
    posts: [
      {
        author: 'stefano.guidi',
        daysAgo: 252,
        body: `Apriamo la discussione sul **modello A**. Per gli operatori calabresi abbiamo selezionato **22 moduli** dal catalogo TRIO in tre aree:

- competenze digitali di base e intermedie;
- orientamento e bilancio di competenze;
- normativa e strumenti dei servizi per il lavoro.

Le credenziali si richiedono con il modulo qui: https://www.example.org/trio/gemellaggio-tosca. Ogni modulo ha un forum e un tutor di riferimento.`,
        reactions: { utile: ['francesco.romeo', 'domenico.fiumara'] },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 251,
        replyTo: 0,
        body: `Grazie Stefano. Domanda: i moduli possono essere proposti anche ai **cittadini** che si rivolgono ai CPI calabresi, o per ora solo agli operatori?`,
      },
      {
        author: 'stefano.guidi',
        daysAgo: 250,
        replyTo: 1,
        body: `TRIO è aperto a tutti, quindi sì: qualsiasi cittadino può registrarsi e seguire i moduli gratuitamente. L'ambiente dedicato serve solo a dare agli operatori un percorso guidato e un monitoraggio separato.`,
      },
      {
        author: 'mariagrazia.scalise',
        daysAgo: 201,
        body: `Sarebbe utile un modulo sul **repertorio delle competenze** per gli operatori che dovranno usarlo nei servizi. Esiste già qualcosa in TRIO?`,
      },
      {
        author: 'stefano.guidi',
        daysAgo: 200,
        replyTo: 3,
        body: `C'è un modulo introduttivo sul sistema toscano, ma è molto legato alle nostre regole. Potremmo lavorare insieme a una versione più generale, da adattare al repertorio calabrese quando sarà pronto.`,
        reactions: { utile: ['mariagrazia.scalise', 'elena.bartolini'] },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 102,
        body: `Dati di monitoraggio: **212 operatori calabresi** iscritti all'ambiente dedicato, il 61% ha completato almeno un modulo. Buoni numeri, superiori alle nostre attese.`,
        reactions: { grazie: ['stefano.guidi', 'elena.bartolini'] },
      },
      {
        author: 'stefano.guidi',
        daysAgo: 41,
        replyTo: 5,
        body: `Aggiungo che da qualche mese vediamo crescere anche i **cittadini calabresi** registrati direttamente, quasi sempre su indicazione dei CPI. È la ricaduta che speravamo.`,
      },
    ],
  },
  {
    group: 'gemellaggio-tosca',
    title: 'Modello B – Libretto formativo: prima sperimentazione al CPI di Vibo Valentia',
    posts: [
      {
        author: 'domenico.fiumara',
        daysAgo: 182,
        body: `Partiamo con la sperimentazione del **Libretto formativo del cittadino** al CPI di Vibo. Target iniziale: lavoratori in cassa integrazione e in mobilità, come in Toscana. Tre operatori formati, obiettivo 40 libretti in sei mesi. Chi ha esperienza mi dice quali sono gli errori da evitare?`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 181,
        replyTo: 0,
        body: `Il primo errore è trattarlo come un **modulo da compilare**. Il libretto è il risultato di un percorso: noi facciamo tre colloqui, uno di ricostruzione delle esperienze, uno sulle competenze, uno di restituzione. Se lo si riempie in mezz'ora, la persona non se ne appropria e lo dimentica in un cassetto.`,
        reactions: { utile: ['domenico.fiumara', 'elena.bartolini', 'sara.innocenti'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 180,
        replyTo: 1,
        body: `Tre colloqui per persona sono tanti, con i nostri carichi. Avete mai provato a fare la prima parte in gruppo?`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 179,
        replyTo: 2,
        body: `Sì, la **ricostruzione delle esperienze** funziona bene in piccoli gruppi di 5-6 persone, soprattutto se vengono dalla stessa azienda: si aiutano a ricordare mansioni e periodi. Il colloquio sulle competenze e la restituzione, invece, restano individuali.`,
        reactions: { utile: ['domenico.fiumara'] },
      },
      {
        author: 'elena.bartolini',
        daysAgo: 176,
        replyTo: 0,
        body: `Dal lato regionale: il libretto ha valore se le competenze sono descritte con il linguaggio del **repertorio**, altrimenti resta una lista di attività. Finché il repertorio calabrese non è pronto, suggerisco di usare le unità di competenza toscane come riferimento provvisorio, indicandolo chiaramente.`,
      },
      {
        author: 'mariagrazia.scalise',
        daysAgo: 171,
        replyTo: 4,
        body: `Concordo, ed è coerente con il lavoro sul modello C: quando le prime aree del repertorio calabrese saranno approvate, faremo una tabella di corrispondenza per aggiornare i libretti già rilasciati.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 91,
        body: `Bilancio a sei mesi: **35 libretti** rilasciati su 40 previsti. La fase di gruppo ha dimezzato i tempi. Due persone lo hanno già usato in un colloquio di lavoro e una è stata assunta: mi ha detto che per la prima volta sapeva «spiegare cosa so fare».`,
        reactions: {
          utile: ['laura.mannucci', 'elena.bartolini', 'francesco.romeo', 'paolo.esposito'],
          grazie: ['laura.mannucci'],
        },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 89,
        replyTo: 6,
        body: `Risultato ottimo. La Regione intende estendere la sperimentazione ad altri **tre CPI** nel prossimo anno: Domenico, i tuoi operatori sarebbero disponibili a fare da tutor ai colleghi?`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 5,
        replyTo: 7,
        body: `Sì, ne abbiamo parlato in équipe e due operatrici sono disponibili. I primi incontri con Cosenza e Lamezia partono il mese prossimo. @laura.mannucci ci presti le tue slide sulla fase di gruppo?`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 2,
        replyTo: 8,
        body: `Certo, le trovi aggiornate qui: https://www.example.org/materiali/libretto-formativo-fase-di-gruppo.pdf. Se serve faccio anche un collegamento con le vostre operatrici.`,
        reactions: { grazie: ['domenico.fiumara'] },
      },
    ],
  },
  {
    group: 'gemellaggio-tosca',
    title: 'Modello C – Repertorio delle qualificazioni: dal modello toscano a quello calabrese',
    posts: [
      {
        author: 'mariagrazia.scalise',
        daysAgo: 222,
        body: `Per il **modello C** siamo partiti dalla struttura del repertorio toscano: figure professionali, aree di attività, unità di competenza con capacità e conoscenze. Prima domanda: conviene importare le figure toscane e poi adattarle, o partire dall'analisi dei fabbisogni calabresi e usare il modello toscano solo come formato?`,
      },
      {
        author: 'elena.bartolini',
        daysAgo: 221,
        replyTo: 0,
        body: `La nostra esperienza con la Sardegna dice: **importare il formato e le regole**, e partire dalle figure che servono davvero al vostro territorio. Se importate tutto, vi ritrovate con centinaia di figure che nessuno usa e che dovrete manutenere.`,
        reactions: { utile: ['mariagrazia.scalise', 'francesco.romeo'] },
      },
      {
        author: 'mariagrazia.scalise',
        daysAgo: 220,
        replyTo: 1,
        body: `Chiaro. Allora partiamo dalle aree più richieste dai corsi finanziati in Calabria: **turismo e ristorazione, agroalimentare, servizi alla persona**. Tre aree, una quarantina di figure.`,
      },
      {
        author: 'francesco.romeo',
        daysAgo: 211,
        replyTo: 2,
        body: `Bene. Aggiungerei l'**edilizia**, per il peso che ha nei percorsi per lavoratori in mobilità. Poi ci fermiamo: meglio un repertorio piccolo e usato che uno completo e ignorato.`,
      },
      {
        author: 'elena.bartolini',
        daysAgo: 151,
        body: `Vi segnalo il documento con le **regole di manutenzione** del repertorio toscano (chi propone una nuova figura, come si valida, ogni quanto si rivede): https://www.example.org/repertorio-toscano/regole-manutenzione. È la parte che di solito si trascura e che poi fa la differenza.`,
        reactions: { utile: ['mariagrazia.scalise'] },
      },
      {
        author: 'paolo.esposito',
        daysAgo: 141,
        body: `Nota di contesto: anche la **Regione Puglia** sta lavorando al suo repertorio partendo da quello toscano. Potrebbe valere la pena di organizzare un incontro a tre, Toscana-Calabria-Puglia, per non risolvere due volte gli stessi problemi.`,
      },
      {
        author: 'mariagrazia.scalise',
        daysAgo: 61,
        body: `Aggiornamento: le prime **31 figure** (turismo, agroalimentare, servizi alla persona) sono pronte per la validazione con le parti sociali. L'edilizia arriva in autunno.`,
        reactions: { utile: ['elena.bartolini', 'francesco.romeo', 'domenico.fiumara'] },
      },
      {
        author: 'elena.bartolini',
        daysAgo: 59,
        replyTo: 6,
        body: `Complimenti! Se volete facciamo una lettura incrociata prima della validazione: un occhio esterno trova subito le unità di competenza scritte in modo troppo generico.`,
      },
      {
        author: 'mariagrazia.scalise',
        daysAgo: 16,
        replyTo: 7,
        body: `Grazie Elena, le vostre osservazioni sono state preziose: abbiamo riscritto 9 unità di competenza. La validazione con le parti sociali è fissata per fine mese. @paolo.esposito l'incontro con la Puglia si può organizzare subito dopo?`,
      },
    ],
  },
  {
    group: 'gemellaggio-tosca',
    title: 'Modello D – Sportello integrato sociale-lavoro a Vibo Valentia',
    posts: [
      {
        author: 'antonio.barbieri',
        daysAgo: 162,
        body: `Sul **modello D** siamo alla stesura del protocollo tra Comune e CPI. Punti fermi:

- **équipe** con assistente sociale, operatore del CPI e, quando serve, un educatore;
- **case manager** scelto caso per caso;
- modulo unico di **consenso** per lo scambio di informazioni;
- riunione di équipe ogni due settimane.

Punto aperto: dove si fa lo sportello? Noi vorremmo una sede unica, ma il CPI e i servizi sociali sono in due edifici lontani.`,
      },
      {
        author: 'sara.innocenti',
        daysAgo: 161,
        replyTo: 0,
        body: `A Firenze all'inizio non avevamo una sede unica: l'équipe si riuniva a turno nelle due sedi e la persona veniva ricevuta dove era già conosciuta. La **sede condivisa** è arrivata dopo due anni. Non aspettate di avere i locali per partire.`,
        reactions: { utile: ['antonio.barbieri', 'domenico.fiumara'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 159,
        replyTo: 0,
        body: `Dal CPI: possiamo dedicare **un operatore per due mezze giornate** a settimana. Chiederei che nel protocollo ci sia un numero massimo di casi in carico contemporaneamente, altrimenti rischiamo di promettere più di quanto possiamo dare.`,
      },
      {
        author: 'sara.innocenti',
        daysAgo: 151,
        replyTo: 2,
        body: `Buona idea. Noi abbiamo fissato un tetto di **25 casi attivi per équipe**; oltre si apre una lista d'attesa con criteri di priorità condivisi.`,
      },
      {
        author: 'paolo.esposito',
        daysAgo: 121,
        body: `Il protocollo è stato firmato ieri da Comune e CPI. Complimenti a tutti, era il passaggio più delicato del gemellaggio.`,
        reactions: { grazie: ['antonio.barbieri', 'domenico.fiumara', 'sara.innocenti'] },
      },
      {
        author: 'antonio.barbieri',
        daysAgo: 62,
        body: `Primi due mesi di sportello: **23 persone** prese in carico dall'équipe, 9 hanno già un progetto firmato, 3 sono in tirocinio. La riunione quindicinale è diventata il momento più utile della settimana, anche per casi che non sono dello sportello.`,
        reactions: { utile: ['sara.innocenti', 'paolo.esposito', 'francesco.romeo'] },
      },
      {
        author: 'sara.innocenti',
        daysAgo: 56,
        replyTo: 5,
        body: `> La riunione quindicinale è diventata il momento più utile della settimana

È esattamente quello che è successo a noi. Bravissimi!`,
      },
      {
        author: 'antonio.barbieri',
        daysAgo: 8,
        body: `Aggiornamento: **40 persone** in carico, **7 contratti** di almeno sei mesi. Il Comune ha deciso di proseguire lo sportello con fondi propri anche dopo la fine del gemellaggio. @sara.innocenti grazie per tutto l'aiuto di questi mesi.`,
        reactions: { grazie: ['paolo.esposito', 'elena.bartolini', 'domenico.fiumara'], utile: ['francesco.romeo'] },
      },
    ],
  },
  {
    group: 'gemellaggio-tosca',
    title: 'Modello E – Nidi comunali: carta dei servizi e formazione delle educatrici',
    posts: [
      {
        author: 'rosa.pugliese',
        daysAgo: 242,
        body: `Nei nidi comunali di Vibo stiamo scrivendo la **carta dei servizi**. Vorremmo partire dal modello fiorentino, ma la nostra realtà è molto più piccola: tre nidi, 96 posti. Quali parti sono davvero essenziali?`,
      },
      {
        author: 'andrea.pieri',
        daysAgo: 241,
        replyTo: 0,
        body: `Le parti che per noi non possono mancare:

- **criteri di accesso** e graduatoria, chiari e pubblici;
- orari, calendario e **tariffe**, con le agevolazioni;
- il **progetto educativo** in forma leggibile dalle famiglie;
- come si partecipa (colloqui, incontri, comitato dei genitori);
- **standard di qualità** misurabili e come si fanno reclami.

Il resto può stare nei regolamenti interni.`,
        reactions: { utile: ['rosa.pugliese', 'elena.bartolini'] },
      },
      {
        author: 'rosa.pugliese',
        daysAgo: 240,
        replyTo: 1,
        body: `Sugli standard misurabili: cosa misurate voi? Temiamo di prendere impegni che poi non riusciamo a rispettare.`,
      },
      {
        author: 'andrea.pieri',
        daysAgo: 239,
        replyTo: 2,
        body: `Pochi indicatori ma verificabili: rapporto educatrici/bambini, ore di formazione annue per educatrice, tempi di risposta alle domande di iscrizione, soddisfazione delle famiglie con un questionario annuale. Meglio quattro standard rispettati che quindici sulla carta.`,
        reactions: { utile: ['rosa.pugliese'] },
      },
      {
        author: 'elena.bartolini',
        daysAgo: 202,
        body: `Segnalo che la **formazione delle educatrici** di Vibo si può appoggiare in parte su TRIO: Stefano sta verificando quali moduli sulla prima infanzia sono disponibili.`,
      },
      {
        author: 'rosa.pugliese',
        daysAgo: 101,
        body: `La carta dei servizi è stata approvata dalla Giunta! Il primo questionario alle famiglie ha avuto 71 risposte su 96: la cosa più apprezzata è il colloquio individuale di inizio anno, proprio come ci avevate suggerito.`,
        reactions: { grazie: ['andrea.pieri', 'elena.bartolini', 'antonio.barbieri'], utile: ['paolo.esposito'] },
      },
      {
        author: 'andrea.pieri',
        daysAgo: 63,
        replyTo: 5,
        body: `Bellissima notizia, Rosa. All'evento finale vorremmo presentarla insieme come esempio di trasferimento riuscito: sei d'accordo?`,
        reactions: { grazie: ['rosa.pugliese'] },
      },
    ],
  },
];

// ─── Labor ───────────────────────────────────────────────────────────────────────────────────────
const laborTeramo: DemoThread[] = [
  {
    group: 'labor-teramo',
    title: 'Sportello unico lavoro e formazione: stato di avanzamento',
    posts: [
      {
        author: 'roberto.dangelo',
        daysAgo: 300,
        body: `Apro la discussione di riferimento sull'avanzamento del progetto. Ricordo l'obiettivo: uno **sportello unico** per formazione, orientamento e lavoro, con un unico punto di accesso ai dati su chi lavora, chi cerca lavoro, gli studenti e l'offerta formativa, oggi sparsi tra enti e banche dati diverse.

La Provincia di Teramo, capofila della linea «Azioni di politica attiva e governance del territorio», lavora con **12 amministrazioni partner** in sette regioni: Ascoli Piceno, Avellino, Benevento, Campobasso, Chieti, Cosenza, Crotone, Frosinone, Matera, Potenza, Rieti e Viterbo.

Stato attuale:

- modulo di **cooperazione applicativa** con anagrafi comunali e scuole: in esercizio a Teramo;
- modulo di **gestione delle politiche attive** (borse lavoro, tirocini, voucher): in collaudo;
- banca dati dell'**offerta formativa**: struttura dati progettata, caricamento da avviare.`,
        reactions: { utile: ['alessia.marini', 'paolo.esposito', 'gennaro.iannaccone', 'vito.santarsiero'] },
      },
      {
        author: 'alessia.marini',
        daysAgo: 299,
        replyTo: 0,
        body: `Aggiungo il dettaglio tecnico: la documentazione delle interfacce è qui https://www.example.org/labor/documentazione-interfacce. Per ogni partner prepariamo una **scheda di adesione** con i sistemi in uso, così capiamo quali adattatori servono.`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 291,
        replyTo: 1,
        body: `Scheda di Avellino inviata. Il nostro punto debole è il sistema informativo dei CPI, che è regionale: servirà un passaggio con la Regione Campania prima di poter attivare la cooperazione.`,
      },
      {
        author: 'nicola.colavita',
        daysAgo: 281,
        replyTo: 1,
        body: `Anche Campobasso ha inviato la scheda. Noi abbiamo già l'invio della **scheda del lavoratore** verso i sistemi nazionali: se le interfacce sono compatibili possiamo essere tra i primi a collegarci.`,
        reactions: { utile: ['alessia.marini'] },
      },
      {
        author: 'vito.santarsiero',
        daysAgo: 261,
        body: `Matera è interessata soprattutto alla banca dati dell'**offerta formativa**: oggi per sapere quali corsi sono attivi in provincia bisogna telefonare agli enti uno per uno.`,
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 201,
        body: `Aggiornamento: la banca dati dell'offerta formativa è partita. **63 enti** tra scuole ed enti di formazione hanno firmato la convenzione con la Provincia e caricano direttamente i propri corsi. Il punto di accesso pubblico è online: https://www.example.org/labor/offerta-formativa`,
        reactions: { utile: ['vito.santarsiero', 'luca.dipietro', 'angela.lorusso'], grazie: ['vito.santarsiero'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 191,
        replyTo: 5,
        body: `Lo usiamo già allo sportello: durante il colloquio cerchiamo insieme alla persona i corsi compatibili con il suo patto di servizio. Una richiesta: un filtro per **corsi gratuiti** o finanziati, è la prima domanda che ci fanno.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 151,
        body: `Da Potenza: abbiamo completato l'adesione. Il personale del CPI ha chiesto una **formazione pratica** sul modulo delle politiche attive prima dell'avvio: due mezze giornate basterebbero.`,
      },
      {
        author: 'paolo.esposito',
        daysAgo: 61,
        body: `Formez può supportare la **formazione degli operatori** dei partner con un percorso breve, online più una giornata in presenza a Teramo. Raccolgo le adesioni qui: quanti operatori per provincia?`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 59,
        replyTo: 8,
        body: `Avellino: 6 operatori.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 58,
        replyTo: 8,
        body: `Potenza: 5, più io.`,
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 6,
        body: `Ultimo aggiornamento: sono **nove** le province partner collegate in cooperazione applicativa, le altre tre arrivano entro l'anno. La giornata di formazione a Teramo ha avuto 47 partecipanti. Grazie a tutti, e in particolare ad @alessia.marini per il lavoro sulle interfacce.`,
        reactions: { grazie: ['alessia.marini', 'paolo.esposito'], utile: ['angela.lorusso'] },
      },
    ],
  },
  {
    group: 'labor-teramo',
    title: 'Cooperazione applicativa: anagrafi comunali, osservatorio scolastico e scheda lavoratore',
    posts: [
      {
        author: 'alessia.marini',
        daysAgo: 272,
        body: `Discussione tecnica sulla **cooperazione applicativa**. I flussi attivi:

1. **anagrafi comunali → sistema provinciale**: variazioni di residenza e stato civile, giornaliere dove c'è un servizio web, mensili via file altrove;
2. **osservatorio scolastico → sistema provinciale**: frequenze e abbandoni degli studenti dai 16 anni;
3. **sistema provinciale → sistemi esterni**: la scheda del lavoratore viene inviata al Ministero del Lavoro, alla Borsa Lavoro e alla rete Europass.

Qui raccogliamo problemi, errori e soluzioni.`,
        reactions: { utile: ['nicola.colavita', 'roberto.dangelo'] },
      },
      {
        author: 'nicola.colavita',
        daysAgo: 270,
        replyTo: 0,
        body: `Sul flusso 3: da Campobasso alcune schede vengono **scartate** dal sistema nazionale per incongruenze sul titolo di studio. Succede anche a voi?`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 269,
        replyTo: 1,
        body: `Sì, quasi sempre per titoli di studio codificati con la vecchia classificazione. Abbiamo una **tabella di conversione** che applichiamo prima dell'invio: te la giro. Scarti passati dal 7% a meno dell'1%.`,
        reactions: { utile: ['nicola.colavita'], grazie: ['nicola.colavita'] },
      },
      {
        author: 'vito.santarsiero',
        daysAgo: 242,
        body: `Domanda sul flusso 2: il dato dell'osservatorio scolastico arriva con il codice fiscale dello studente? Da noi la scuola è disponibile a fornirlo, ma solo con una base giuridica chiara.`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 241,
        replyTo: 3,
        body: `Sì, con il codice fiscale, altrimenti non possiamo agganciarlo alla scheda del lavoratore. La base è la **convenzione** tra Provincia e scuole, che richiama le finalità di orientamento e contrasto alla dispersione. Ti mando il testo, l'ha già rivisto il nostro responsabile della protezione dei dati.`,
        reactions: { utile: ['vito.santarsiero', 'roberto.dangelo'] },
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 202,
        body: `Per Avellino si è sbloccato il passaggio con la Regione: possiamo collegare il sistema dei CPI in sola lettura. Basta per alimentare lo sportello unico?`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 201,
        replyTo: 5,
        body: `Per la consultazione sì. Per la gestione delle politiche attive servirà la scrittura, ma intanto partite così: lo sportello vede le DID e i patti, le borse lavoro le gestite nel modulo Labor.`,
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 152,
        body: `Un promemoria importante: ogni nuovo flusso va registrato nel **registro dei trattamenti** della propria amministrazione. Meglio farlo prima del collaudo che dopo una segnalazione.`,
        reactions: { utile: ['alessia.marini', 'giovanni.perri', 'angela.lorusso'] },
      },
      {
        author: 'giovanni.perri',
        daysAgo: 102,
        body: `Cosenza è pronta per il collaudo del flusso anagrafico con i primi **15 comuni**. Qualcuno ha un piano di test da riusare?`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 101,
        replyTo: 8,
        body: `Eccolo: https://www.example.org/labor/piano-di-test-anagrafi. Sono 28 casi: trasferimenti di residenza, decessi, variazioni del nucleo, cittadini stranieri, omonimie. Il caso che ci ha fatto penare di più sono i **cambi di codice fiscale**.`,
        reactions: { utile: ['giovanni.perri', 'vito.santarsiero'], grazie: ['giovanni.perri'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 12,
        body: `Dal punto di vista del CPI: da quando arrivano le variazioni anagrafiche, le convocazioni tornate indietro per indirizzo sbagliato sono **calate di due terzi**. Ce ne siamo accorti prima dai postini che dalle statistiche.`,
        reactions: { utile: ['alessia.marini', 'roberto.dangelo'] },
      },
      {
        author: 'alessia.marini',
        daysAgo: 2,
        replyTo: 10,
        body: `È il tipo di risultato che non finisce nei report ma che fa la differenza per chi lavora allo sportello. @luca.di.pietro posso citarlo nella relazione di fine anno?`,
      },
    ],
  },
  {
    group: 'labor-teramo',
    title: 'DID dei lavoratori in sostegno al reddito: flussi con INPS e aziende in crisi',
    posts: [
      {
        author: 'federica.dimarco',
        daysAgo: 132,
        body: `Con la crisi di diverse aziende del Chietino ci troviamo a gestire molti **lavoratori sospesi** che percepiscono un trattamento di sostegno al reddito. Il flusso che stiamo costruendo nel modulo Labor:

1. **raccolta dei nominativi** dalle aziende che hanno sospeso l'attività;
2. convocazione per la **DID**, necessaria per il trattamento;
3. colloquio e **azioni di politica attiva** (orientamento, formazione, segnalazione ad aziende e agenzie private).

Il punto critico è il primo: le liste arrivano in formati diversissimi e spesso in ritardo.`,
      },
      {
        author: 'roberto.dangelo',
        daysAgo: 131,
        replyTo: 0,
        body: `Abbiamo lo stesso problema. A Teramo abbiamo preparato un **modello di file** unico da chiedere alle aziende e ai consulenti del lavoro, con i campi minimi: codice fiscale, qualifica, data di sospensione, unità produttiva. Lo trovi qui https://www.example.org/labor/modello-elenco-lavoratori`,
        reactions: { utile: ['federica.dimarco', 'luca.dipietro'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 130,
        replyTo: 0,
        body: `Sul punto 3: la **segnalazione alle aziende** funziona solo se la qualifica è aggiornata. Molti lavoratori sospesi hanno qualifiche registrate anni fa che non corrispondono a quello che fanno oggi.`,
      },
      {
        author: 'federica.dimarco',
        daysAgo: 129,
        replyTo: 2,
        body: `Vero. Nel colloquio dopo la DID stiamo aggiungendo una breve **ricostruzione delle mansioni** effettive. Allunga di dieci minuti, ma poi le segnalazioni hanno senso.`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 121,
        body: `Ad Avellino il problema sono le **tempistiche**: le persone arrivano per la DID quando il trattamento è già partito da settimane. Come fate a convocarle in tempo?`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 111,
        replyTo: 4,
        body: `A Potenza abbiamo un accordo con le organizzazioni sindacali: quando viene firmato l'accordo di sospensione, ci mandano l'elenco e noi fissiamo un **incontro collettivo** in azienda per spiegare DID e percorso. Le DID arrivano in due settimane invece che in due mesi.`,
        reactions: { utile: ['gennaro.iannaccone', 'federica.dimarco', 'roberto.dangelo'] },
      },
      {
        author: 'giovanni.perri',
        daysAgo: 91,
        body: `Segnalo che a Cosenza il modulo Labor ci permette di vedere, per ogni azienda in crisi, quanti lavoratori hanno DID, patto e almeno un'azione attivata. È diventato lo **strumento di monitoraggio** che presentiamo al tavolo di crisi provinciale.`,
      },
      {
        author: 'federica.dimarco',
        daysAgo: 35,
        replyTo: 6,
        body: `Lo stiamo adottando anche a Chieti: al tavolo con le aziende e i sindacati una tabella con i numeri per ogni azienda vale più di molte parole. Grazie a tutti per gli spunti, in particolare ad @angela.lorusso per l'idea degli incontri collettivi.`,
        reactions: { grazie: ['angela.lorusso', 'roberto.dangelo'] },
      },
    ],
  },
  {
    group: 'labor-teramo',
    title: 'Modulo borse lavoro: pagamenti e rendicontazione',
    posts: [
      {
        author: 'luca.dipietro',
        daysAgo: 46,
        body: `Una domanda pratica sul modulo delle politiche attive: per i **pagamenti mensili** delle borse lavoro, il modulo calcola l'indennità in base alle presenze caricate dal soggetto ospitante, o le presenze vanno inserite a mano dal CPI?`,
      },
      {
        author: 'alessia.marini',
        daysAgo: 45,
        replyTo: 0,
        body: `Le presenze le carica il **soggetto ospitante** dal suo accesso riservato entro il 5 del mese; il modulo calcola l'importo proporzionale e genera l'elenco di liquidazione da validare. La rendicontazione finale si costruisce da sola dai pagamenti validati.`,
        reactions: { utile: ['luca.dipietro', 'angela.lorusso'] },
      },
      {
        author: 'angela.lorusso',
        daysAgo: 44,
        replyTo: 1,
        body: `Confermo che funziona: a Potenza lo usiamo da tre mesi. Unica accortezza, mandate un promemoria agli ospitanti il giorno 3, altrimenti metà si dimentica.`,
        reactions: { grazie: ['luca.dipietro'] },
      },
    ],
  },
];

// ─── Qualità e innovazione nei Servizi per l'Impiego ─────────────────────────────────────────────
const qualitaServizi: DemoThread[] = [
  {
    group: 'qualita-servizi-impiego',
    title: 'Laboratori di autovalutazione: materiali, calendario e prime diagnosi',
    posts: [
      {
        author: 'chiara.santoro',
        daysAgo: 296,
        body: `Benvenuti nel gruppo dei **laboratori di autovalutazione**. Ricordo come funzionano:

- ogni CPI forma un piccolo gruppo misto, **dirigente e operatori**;
- in tre incontri si analizza l'organizzazione con una griglia comune (leadership, processi, risorse, risultati per gli utenti);
- si individuano punti di forza e aree critiche;
- si chiude con una bozza di **piano di miglioramento**, con due o tre azioni al massimo.

Materiali e griglia: https://www.example.org/qualita-spi/laboratori/materiali. Calendario degli incontri nel documento allegato al gruppo.`,
        reactions: { utile: ['angela.lorusso', 'gennaro.iannaccone', 'domenico.fiumara', 'valeria.conti'] },
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 293,
        replyTo: 0,
        body: `Perché solo due o tre azioni? Dalla prima analisi ad Avellino ne sono uscite almeno dieci, tutte importanti.`,
      },
      {
        author: 'chiara.santoro',
        daysAgo: 292,
        replyTo: 1,
        body: `Perché l'esperienza dice che un piano con dieci azioni non ne realizza nessuna. Meglio scegliere quelle con più impatto sugli utenti e più **sotto il vostro controllo**, portarle a termine, e poi ripartire. Le altre restano nel documento di diagnosi, non si perdono.`,
        reactions: { utile: ['gennaro.iannaccone', 'angela.lorusso', 'teresa.gallo'] },
      },
      {
        author: 'angela.lorusso',
        daysAgo: 281,
        body: `Primo laboratorio fatto a Potenza. La cosa più interessante è stata la **differenza di percezione** tra dirigenza e operatori: sulla comunicazione interna io avevo dato 4 su 5, la media degli operatori era 2. Salutare, anche se un po' doloroso.`,
        reactions: { utile: ['chiara.santoro', 'domenico.fiumara', 'laura.mannucci'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 279,
        replyTo: 3,
        body: `Lo stesso a Cosenza, ma al contrario: noi operatori eravamo più critici sui processi di accoglienza di quanto pensasse la dirigenza. Il laboratorio è stato la prima occasione per dirlo apertamente.`,
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 251,
        body: `Diagnosi del CPI di Vibo completata. Le tre aree critiche scelte: **tempi di attesa** all'accoglienza, **rapporti con le imprese**, **passaggio di informazioni** tra front office e colloqui. La prima è quella su cui partiamo.`,
      },
      {
        author: 'luca.dipietro',
        daysAgo: 221,
        body: `Anche a Teramo le aree emerse sono molto simili a quelle di Vibo. Mi chiedo se non valga la pena di lavorare su un **piano comune** tra CPI con le stesse criticità.`,
      },
      {
        author: 'chiara.santoro',
        daysAgo: 219,
        replyTo: 6,
        body: `È un'ottima idea, Luca. Dopo i laboratori faremo una sintesi trasversale proprio per individuare le criticità ricorrenti: dove si ripetono, ha senso costruire strumenti comuni.`,
      },
    ],
  },
  {
    group: 'qualita-servizi-impiego',
    title: 'Analisi sui 29 CPI: cosa ci dicono le 64 interviste',
    posts: [
      {
        author: 'chiara.santoro',
        daysAgo: 192,
        body: `Pubblichiamo la sintesi dell'**analisi quali-quantitativa su 29 Centri per l'Impiego**, con 64 interviste a dirigenti e operatori, e dei laboratori di autovalutazione, che hanno coinvolto **152 persone**. I risultati principali:

- l'accoglienza è il servizio più **strutturato**, ma anche quello con i tempi di attesa più critici;
- l'**orientamento specialistico** e i servizi alle imprese sono i meno presenti;
- nei CPI con **procedure scritte** e condivise i tempi di risposta sono sensibilmente migliori, a parità di personale;
- quasi ovunque manca un sistema di **rilevazione della soddisfazione** degli utenti.

Rapporto completo: https://www.example.org/qualita-spi/analisi-29-cpi`,
        reactions: {
          utile: ['angela.lorusso', 'domenico.fiumara', 'gennaro.iannaccone', 'valeria.conti', 'francesco.romeo'],
          grazie: ['valeria.conti'],
        },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 191,
        replyTo: 0,
        body: `Il terzo punto è quello che mi colpisce di più: significa che una parte del miglioramento non dipende dalle risorse ma dall'**organizzazione**. Lo userò al tavolo regionale, dove si parla solo di personale.`,
        reactions: { utile: ['chiara.santoro'] },
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 189,
        replyTo: 1,
        body: `D'accordo, ma senza esagerare: le procedure scritte aiutano, però sotto una certa soglia di personale nessuna procedura salva un servizio. Nel rapporto questo si legge?`,
      },
      {
        author: 'chiara.santoro',
        daysAgo: 188,
        replyTo: 2,
        body: `Sì, c'è un paragrafo apposta: l'effetto delle procedure è evidente nei CPI con carichi medi, molto meno in quelli con carichi estremi. Le due cose vanno insieme, non sono alternative.`,
      },
      {
        author: 'giovanni.perri',
        daysAgo: 181,
        replyTo: 0,
        body: `Sulla **soddisfazione degli utenti**: esiste un questionario standard da usare in tutti i CPI? Se ognuno fa il suo, i risultati non saranno mai confrontabili.`,
      },
      {
        author: 'chiara.santoro',
        daysAgo: 180,
        replyTo: 4,
        body: `Lo stiamo preparando: 10 domande, compilabile in tre minuti da tablet all'uscita o online con un codice sulla ricevuta. Sarà sperimentato negli **8 CPI** dell'affiancamento on the job prima di proporlo a tutti.`,
        reactions: { utile: ['giovanni.perri', 'angela.lorusso'] },
      },
      {
        author: 'valeria.conti',
        daysAgo: 151,
        body: `La sintesi dell'analisi è diventata anche un articolo per il canale tematico Servizi e Centri per l'impiego, tra i più letti del trimestre. Grazie a tutti i CPI che hanno partecipato alle interviste.`,
      },
    ],
  },
  {
    group: 'qualita-servizi-impiego',
    title: "Piano di miglioramento dell'accoglienza al CPI di Potenza: un anno dopo",
    posts: [
      {
        author: 'angela.lorusso',
        daysAgo: 82,
        body: `Un anno fa, dopo il laboratorio di autovalutazione e con l'**affiancamento on the job**, abbiamo avviato il piano di miglioramento dell'accoglienza. Ecco com'è andata.

**Le tre azioni del piano:**

1. triage all'ingresso e appuntamenti per i colloqui;
2. una procedura scritta di accoglienza, condivisa e rivista con gli operatori;
3. un breve questionario di soddisfazione all'uscita.

**I risultati:**

- attesa media all'accoglienza: da **70 a 25 minuti**;
- tempo medio tra DID e patto: da **38 a 19 giorni**;
- utenti soddisfatti o molto soddisfatti: **78%** (prima non lo misuravamo).

Non tutto è andato liscio: ne parlo nelle risposte.`,
        reactions: {
          utile: ['chiara.santoro', 'domenico.fiumara', 'teresa.gallo', 'gennaro.iannaccone', 'laura.mannucci'],
          grazie: ['chiara.santoro'],
        },
      },
      {
        author: 'chiara.santoro',
        daysAgo: 81,
        replyTo: 0,
        body: `Grazie Angela, è una delle esperienze più complete del progetto. Racconta anche le difficoltà, sono la parte più utile per chi parte adesso.`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 81,
        replyTo: 1,
        body: `Le tre principali:

- **resistenze iniziali** di alcuni operatori, che vivevano il triage come un declassamento. Le abbiamo superate con la rotazione: tutti fanno tutto, a turno;
- gli **utenti senza appuntamento** nei primi mesi: abbiamo mantenuto una fascia oraria libera;
- il questionario: all'inizio lo compilavano in pochi, finché non abbiamo messo una persona a proporlo di persona.`,
        reactions: { utile: ['teresa.gallo', 'domenico.fiumara'] },
      },
      {
        author: 'teresa.gallo',
        daysAgo: 79,
        replyTo: 2,
        body: `> tutti fanno tutto, a turno

Questo è il punto che mi preoccupa di più per Cosenza. Come avete gestito chi non si sentiva pronto per i colloqui?`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 78,
        replyTo: 3,
        body: `Con un periodo di **affiancamento**: per un mese il collega meno esperto faceva i colloqui in coppia con uno più esperto. E una scheda guida per il colloquio, che all'inizio era una stampella e ora è uno standard.`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 71,
        replyTo: 0,
        body: `Numeri notevoli. Una domanda metodologica: l'attesa media «prima» come l'avete misurata, visto che allora non avevate l'eliminacode?`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 70,
        replyTo: 5,
        body: `Con una rilevazione manuale di due settimane prima di partire: un operatore annotava l'orario d'arrivo e quello di inizio colloquio. Non è precisa come l'eliminacode, ma è stata fatta con lo stesso metodo anche dopo, per confrontare.`,
        reactions: { utile: ['gennaro.iannaccone', 'chiara.santoro'] },
      },
      {
        author: 'domenico.fiumara',
        daysAgo: 61,
        body: `A Vibo abbiamo adottato quasi identica la **procedura scritta** di Potenza, adattandola ai nostri spazi. Dopo due mesi i risultati vanno nella stessa direzione. Grazie Angela per averla condivisa.`,
        reactions: { grazie: ['angela.lorusso'] },
      },
      {
        author: 'francesco.romeo',
        daysAgo: 41,
        replyTo: 0,
        body: `La Regione Calabria vorrebbe inserire questo piano tra gli **esempi di riferimento** delle indicazioni regionali sull'accoglienza. Angela, sei d'accordo a essere citata?`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 40,
        replyTo: 8,
        body: `Certo, con piacere. Possiamo anche ospitare una visita di operatori calabresi, come si fa nei gemellaggi.`,
      },
      {
        author: 'valeria.conti',
        daysAgo: 11,
        body: `Nella Comunità SPI sto proponendo un **webinar sull'accoglienza** che metta insieme le esperienze di diversi CPI: quella di Potenza ci starebbe benissimo. @angela.lorusso ti andrebbe di presentarla?`,
      },
      {
        author: 'laura.mannucci',
        daysAgo: 11,
        replyTo: 0,
        body: `Letto solo ora, complimenti! A Firenze stiamo ragionando su un questionario di soddisfazione: potete condividere le vostre domande?`,
      },
      {
        author: 'angela.lorusso',
        daysAgo: 6,
        replyTo: 11,
        body: `Eccole: https://www.example.org/materiali/questionario-soddisfazione-cpi-potenza.pdf. Sono 8 domande, derivate dalla versione del progetto Qualità. La domanda più utile si è rivelata l'ultima, quella aperta: «Cosa cambieresti?».`,
        reactions: { utile: ['laura.mannucci', 'chiara.santoro', 'domenico.fiumara'], grazie: ['laura.mannucci'] },
      },
    ],
  },
  {
    group: 'qualita-servizi-impiego',
    title: 'Indicatori di qualità: tempi di attesa e soddisfazione degli utenti',
    posts: [
      {
        author: 'gennaro.iannaccone',
        daysAgo: 50,
        body: `Vorrei definire un piccolo set di **indicatori di qualità** da monitorare ogni mese nei CPI irpini, senza caricare gli operatori di nuove rilevazioni. Cosa raccogliete voi con i sistemi che già avete?`,
      },
      {
        author: 'chiara.santoro',
        daysAgo: 49,
        replyTo: 0,
        body: `Un set minimo che si ricava quasi tutto dai sistemi esistenti:

- **attesa media** all'accoglienza (dall'eliminacode);
- **giorni tra DID e patto** (dal sistema informativo);
- quota di persone con **almeno un'azione** entro 4 mesi dal patto;
- **soddisfazione** degli utenti (questionario breve, unica rilevazione aggiuntiva).`,
        reactions: { utile: ['gennaro.iannaccone', 'luca.dipietro', 'giovanni.perri'] },
      },
      {
        author: 'luca.dipietro',
        daysAgo: 47,
        replyTo: 1,
        body: `Aggiungerei un indicatore sui **servizi alle imprese**, anche solo le offerte di lavoro raccolte nel mese. Altrimenti misuriamo solo metà del lavoro.`,
      },
      {
        author: 'giovanni.perri',
        daysAgo: 30,
        replyTo: 1,
        body: `In provincia di Cosenza partiamo con questi quattro più quello proposto da Luca, in via sperimentale su tre CPI. Vi aggiorno fra qualche mese.`,
      },
      {
        author: 'gennaro.iannaccone',
        daysAgo: 18,
        replyTo: 1,
        body: `Noi abbiamo fatto lo stesso. Primo mese: il dato più difficile da ottenere è stato quello sulle azioni entro 4 mesi, perché alcune misure sono registrate in un sistema diverso. @chiara.santoro ne parliamo al prossimo incontro?`,
      },
    ],
  },
];

// ─── Coordinamento animatori (private) ───────────────────────────────────────────────────────────
const animatoriFormez: DemoThread[] = [
  {
    group: 'animatori-formez',
    title: 'Eventi regionali del prossimo semestre: calendario e responsabili',
    posts: [
      {
        author: 'valeria.conti',
        daysAgo: 20,
        body: `Prima bozza del calendario degli **eventi regionali** del prossimo semestre. Proposta:

| mese | regione | tema | responsabile |
|---|---|---|---|
| 1 | Calabria | accoglienza e LEP | Lucia |
| 2 | Campania | dati per i CPI (con la Rete degli osservatori) | Marco |
| 3 | Basilicata | piani di miglioramento | Chiara |
| 4 | Abruzzo | sportello unico Labor | Paolo |
| 5 | Puglia | repertori delle competenze e orientamento | Paolo |

Più un evento interregionale a fine semestre. Commenti entro venerdì, poi lo giro alle Regioni.`,
        reactions: { utile: ['lucia.ferraro', 'chiara.santoro'] },
      },
      {
        author: 'paolo.esposito',
        daysAgo: 19,
        replyTo: 0,
        body: `Due eventi in due mesi consecutivi per me sono tanti, con il gemellaggio nella fase finale. Si può spostare l'Abruzzo al mese 6 e fare l'interregionale a Teramo? Roberto D'Angelo sarebbe contentissimo di ospitarlo.`,
      },
      {
        author: 'valeria.conti',
        daysAgo: 18,
        replyTo: 1,
        body: `Mi sembra una buona soluzione: l'interregionale a Teramo sullo sportello unico diventa anche un evento sulle reti tra province. Aggiorno la tabella.`,
      },
      {
        author: 'marco.deluca',
        daysAgo: 17,
        replyTo: 0,
        body: `Per la Campania ho già sentito Claudia Russo: l'Osservatorio è disponibile a ospitarci e a presentare il nuovo cruscotto mensile. Proporrei come titolo «Leggere i dati del proprio territorio».`,
        reactions: { utile: ['valeria.conti', 'lucia.ferraro'] },
      },
      {
        author: 'chiara.santoro',
        daysAgo: 14,
        replyTo: 0,
        body: `Basilicata confermata: Angela Lorusso ospita a Potenza e presenta il loro piano. Vorrei invitare anche due o tre CPI calabresi che stanno partendo ora, per fare incontrare chi ha finito con chi comincia.`,
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 9,
        replyTo: 0,
        body: `Per la Calabria: Francesco Romeo propone Catanzaro, sede della Regione. Faccio coincidere l'evento con la presentazione delle indicazioni regionali sull'accoglienza, che nascono in buona parte dalle discussioni della comunità.`,
      },
      {
        author: 'admin',
        daysAgo: 5,
        replyTo: 0,
        body: `Lato piattaforma: per ogni evento posso creare una **pagina evento** con iscrizioni e materiali, e un gruppo temporaneo per i partecipanti se serve. Mandatemi titolo e date appena definiti.`,
        reactions: { grazie: ['valeria.conti', 'lucia.ferraro'] },
      },
      {
        author: 'valeria.conti',
        daysAgo: 2,
        body: `Versione definitiva, con le modifiche di Paolo, Marco, Chiara e Lucia: https://www.example.org/animatori/calendario-eventi. @amministrazione.rete.spi ti mando titoli e date delle prime due pagine evento entro domani.`,
        reactions: { utile: ['lucia.ferraro'] },
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 0,
        replyTo: 7,
        body: `Perfetto, grazie Valeria. Inizio a scrivere l'annuncio per la Comunità SPI.`,
      },
    ],
  },
  {
    group: 'animatori-formez',
    title: 'Turni di moderazione dei gruppi',
    posts: [
      {
        author: 'valeria.conti',
        daysAgo: 154,
        body: `Ridistribuiamo la **moderazione** dei gruppi, visto che le discussioni sono aumentate molto:

- **Comunità SPI**: Lucia, con Domenico Fiumara come moderatore esterno;
- **Rete degli osservatori**: Marco, con Claudia Russo;
- **Qualità**: Chiara, con Angela Lorusso;
- **Labor** e **Gemellaggio Tos.Ca.**: Paolo;
- segnalazioni e questioni di account: l'amministrazione.

Regola comune: risposta a ogni nuova discussione **entro 48 ore** lavorative, anche solo per rilanciare.`,
        reactions: { utile: ['lucia.ferraro', 'marco.deluca', 'chiara.santoro', 'paolo.esposito'] },
      },
      {
        author: 'marco.deluca',
        daysAgo: 153,
        replyTo: 0,
        body: `Ok per me. Sulle 48 ore: nella Rete degli osservatori le discussioni sono spesso molto tecniche, a volte serve un giorno in più per una risposta sensata. Meglio un primo messaggio rapido e la risposta vera dopo.`,
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 152,
        replyTo: 1,
        body: `D'accordo con Marco: la regola è «nessuna discussione senza risposta per più di due giorni», non «risposta completa in due giorni».`,
        reactions: { utile: ['valeria.conti', 'marco.deluca'] },
      },
      {
        author: 'paolo.esposito',
        daysAgo: 150,
        replyTo: 0,
        body: `Due gruppi per me vanno bene finché il gemellaggio è attivo. Quando si chiude, il gruppo Tos.Ca. diventa un archivio e Labor torna a regime.`,
      },
      {
        author: 'valeria.conti',
        daysAgo: 142,
        body: `Aggiornato anche il documento interno con i turni per ferie e assenze: https://www.example.org/animatori/turni-moderazione`,
      },
    ],
  },
  {
    group: 'animatori-formez',
    title: 'Nuove organizzazioni da verificare e iscritti recenti',
    posts: [
      {
        author: 'admin',
        daysAgo: 4,
        body: `Due organizzazioni create in registrazione sono in attesa di **verifica**:

- **Istituto Comprensivo Vinci (FI)**, creata da una docente che segue i progetti di orientamento;
- **Associazione Orientare Insieme (KR)**, creata da una progettista di servizi di orientamento.

Nessuna delle due è un ente pubblico, ma entrambe lavorano con i servizi per il lavoro. Le verifico?`,
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 4,
        replyTo: 0,
        body: `Per l'istituto comprensivo sì: è una scuola statale, quindi un'amministrazione pubblica a tutti gli effetti. La docente l'ho già invitata a leggere la discussione su scuole e CPI.`,
      },
      {
        author: 'paolo.esposito',
        daysAgo: 4,
        replyTo: 0,
        body: `Per l'associazione chiederei prima una breve **descrizione dell'attività** e un riferimento (statuto o sito). Non per sfiducia: verificata significa che garantiamo che l'ente esiste ed è quello che dice di essere.`,
        reactions: { utile: ['admin', 'valeria.conti'] },
      },
      {
        author: 'admin',
        daysAgo: 2,
        replyTo: 2,
        body: `Ok: verifico l'istituto e scrivo all'associazione. Segnalo anche due nuovi iscritti: una funzionaria della Regione Puglia che lavora al repertorio delle figure professionali e un project manager del Comune di Pordenone.`,
      },
      {
        author: 'lucia.ferraro',
        daysAgo: 1,
        replyTo: 3,
        body: `@paolo.esposito la funzionaria pugliese è perfetta per l'incontro a tre sul repertorio con Toscana e Calabria: la contatti tu? Il collega di Pordenone lo invito io nella Comunità SPI, c'è la discussione sullo sportello integrato di Firenze che fa al caso suo.`,
        reactions: { utile: ['admin'] },
      },
    ],
  },
];

export const demoThreads: DemoThread[] = [
  ...comunitaSpi,
  ...reteOsservatori,
  ...gemellaggioTosca,
  ...laborTeramo,
  ...qualitaServizi,
  ...animatoriFormez,
];
