// Demo private conversations between demo members (keys of data.ts), drawn from the seed documents:
// a CPI operator in Calabria asks the Florence team about their integrated social-and-labour desk;
// an animator and the Teramo team prepare a webinar on Labor's one-stop shop; Vibo Valentia and the
// Tuscany Region, matched on the Cerco/Offro board, talk about a twinning. Dates are days before
// the seeding moment; `unread` is how many of the last messages each person has not read yet.
import type { ConversationOrigin } from '../../models/schema.ts';

export type DemoConversationMessage =
  { from: string; daysAgo: number; body: string } | { joined: string; by: string; daysAgo: number };

export type DemoConversation = {
  subject: string;
  /** Member keys; the first started the conversation. */
  participants: string[];
  origin?: ConversationOrigin;
  messages: DemoConversationMessage[];
  unread?: Record<string, number>;
  muted?: string[];
};

export const demoConversations: DemoConversation[] = [
  {
    subject: 'Sportello integrato sociale-lavoro: come organizzate la presa in carico congiunta?',
    participants: ['teresa.gallo', 'sara.innocenti', 'laura.mannucci'],
    messages: [
      {
        from: 'teresa.gallo',
        daysAgo: 9,
        body: `Buongiorno Sara, buongiorno Laura,

sono Teresa, lavoro all'accoglienza del CPI di Cosenza. Ho letto nella comunità dello sportello integrato tra servizi sociali e CPI che avete avviato a Firenze e vorrei capire meglio tre cose:

1. chi fa il **primo colloquio** (l'assistente sociale, l'operatore del CPI o entrambi insieme);
2. come vi scambiate le informazioni sulla persona senza duplicare le schede;
3. quanto tempo vi ha chiesto l'avvio.

Da noi i percettori di sostegno al reddito arrivano spesso già seguiti dai servizi sociali comunali e rischiamo di fare due volte lo stesso lavoro.`,
      },
      {
        from: 'sara.innocenti',
        daysAgo: 8,
        body: `Ciao Teresa, volentieri.

Il primo colloquio lo facciamo **in coppia** quando la persona è già nota ai servizi sociali; negli altri casi lo fa il CPI e ci segnala chi ha bisogno di un sostegno in più. Per le informazioni usiamo una scheda unica condivisa, con il consenso della persona firmato al primo incontro: è stato il passaggio più lungo, soprattutto per il parere del responsabile della protezione dei dati.

Per partire ci sono voluti circa sei mesi, ma i primi tre sono stati di sola formazione comune tra operatori. Laura può raccontarti la parte di orientamento.`,
      },
      {
        from: 'laura.mannucci',
        daysAgo: 7,
        body: `Ciao Teresa! Dal lato CPI, dopo il colloquio congiunto facciamo un bilancio di competenze breve e usiamo il Libretto formativo per tenere traccia di quello che la persona già sa fare. Ci ha aiutato molto avere **un'unica agenda** condivisa con lo sportello sociale: la persona non deve raccontare la sua storia due volte.

Se ti serve ti mando il modello di scheda (senza dati, ovviamente).`,
      },
      {
        from: 'teresa.gallo',
        daysAgo: 1,
        body: `Grazie a entrambe, è proprio quello che ci serve. Sì Laura, il modello di scheda mi sarebbe utilissimo: lo porterei alla prossima riunione con il Comune di Cosenza.

Vi chiedo anche: l'agenda condivisa è su un software regionale o avete usato uno strumento vostro?`,
      },
    ],
    unread: { 'laura.mannucci': 1 },
  },
  {
    subject: 'Webinar sullo sportello unico Labor',
    participants: ['lucia.ferraro', 'luca.dipietro'],
    messages: [
      {
        from: 'lucia.ferraro',
        daysAgo: 14,
        body: `Ciao Luca,

nel prossimo ciclo di webinar della comunità SPI vorremmo dedicare un incontro al progetto **Labor** e allo sportello unico per formazione, orientamento e lavoro della Provincia di Teramo. Te la sentiresti di presentarlo, magari con qualcuno che ha seguito la cooperazione applicativa con le anagrafi comunali?

Pensavamo a un'ora: mezz'ora di presentazione e mezz'ora di domande.`,
      },
      {
        from: 'luca.dipietro',
        daysAgo: 13,
        body: `Ciao Lucia, con piacere. Io posso raccontare la parte dei servizi: borse lavoro, tirocini e la gestione delle graduatorie. Per la parte tecnica ti suggerisco Alessia Marini, che ha lavorato al modulo che raccoglie i dati da scuole, enti di formazione e anagrafi.`,
      },
      { joined: 'alessia.marini', by: 'lucia.ferraro', daysAgo: 12 },
      {
        from: 'alessia.marini',
        daysAgo: 11,
        body: `Buongiorno a tutti, ci sono. Posso mostrare come arriva la scheda del lavoratore al sistema provinciale e cosa abbiamo imparato sull'interoperabilità con gli altri soggetti del mercato del lavoro. Per una data va bene qualunque martedì del mese prossimo.`,
      },
      {
        from: 'lucia.ferraro',
        daysAgo: 10,
        body: `Perfetto, allora fissiamo un martedì e vi mando l'invito con il collegamento. Grazie!`,
      },
    ],
  },
  {
    subject: 'Dalla bacheca Cerco/Offro: formazione blended per gli operatori del CPI',
    participants: ['domenico.fiumara', 'elena.bartolini'],
    origin: {
      kind: 'match',
      links: [{ label: 'Bacheca Cerco/Offro', url: '/cerco-offro' }],
    },
    messages: [
      {
        from: 'domenico.fiumara',
        daysAgo: 5,
        body: `Gentile Elena,

la piattaforma ci ha segnalato che la vostra offerta sulla formazione blended degli operatori, con il modello TRIO, risponde alla nostra richiesta del CPI di Vibo Valentia. Avremmo una decina di operatori da formare sull'accoglienza e sul bilancio di competenze.

Sarebbe possibile trasferire il percorso da voi a noi, magari nella forma di un gemellaggio?`,
      },
      {
        from: 'elena.bartolini',
        daysAgo: 4,
        body: `Gentile Domenico, sì, è proprio il tipo di trasferimento che la Regione Toscana sostiene. Il percorso ha una parte online sulla piattaforma TRIO e due giornate in presenza: la parte in presenza potremmo organizzarla a Vibo con i nostri tutor.

Proporrei di formalizzarlo come gemellaggio, così teniamo traccia di obiettivi, attività e risultati.`,
      },
    ],
    unread: { 'domenico.fiumara': 1 },
  },
];
