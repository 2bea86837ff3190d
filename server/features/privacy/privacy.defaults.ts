// The privacy and cookie pages' default texts, until the deploying administration writes its own
// at /admin/privacy/testi. Placeholders in square brackets are for the administration to fill in.
export const DEFAULT_TEXTS: Record<'privacy' | 'cookie', Record<'it' | 'en', string>> = {
  privacy: {
    it: `## Informativa sul trattamento dei dati personali

Informativa ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR) per chi usa la piattaforma Rete SPI.

### Titolare del trattamento
[Denominazione dell'amministrazione], [indirizzo], PEC [indirizzo PEC].

Responsabile della protezione dei dati (RPD/DPO): [nome o ufficio], [e-mail].

### Dati trattati
- dati dell'account: nome, indirizzo e-mail, ente di appartenenza, ruolo, regione, eventuale codice fiscale comunicato da SPID o CIE;
- contenuti che pubblichi: discussioni, messaggi, buone pratiche, annunci, allegati, libretto delle competenze;
- dati di partecipazione: iscrizioni a corsi ed eventi, avanzamento, esiti dei quiz, attestati;
- dati tecnici: registri di accesso e di sicurezza, indirizzo IP dell'ultimo uso dei token.

### Finalità e base giuridica
I dati sono trattati per gestire la comunità di pratica e la formazione degli operatori dei servizi per l'impiego, nell'esecuzione di un compito di interesse pubblico (art. 6, par. 1, lett. e, GDPR), e per la sicurezza della piattaforma. Il notiziario è inviato solo a chi lo sceglie (consenso, revocabile dal profilo).

### Conservazione
I dati dell'account sono conservati finché l'account esiste. Alla cancellazione i dati personali sono eliminati o resi anonimi; i contenuti pubblicati restano come "Utente rimosso" oppure sono rimossi, secondo la regola stabilita dall'amministrazione. I registri di sicurezza sono conservati per [periodo].

### Destinatari
I dati non sono ceduti a terzi. Possono trattarli, come responsabili del trattamento, i fornitori che ospitano la piattaforma: [elenco].

### I tuoi diritti
Hai diritto di accesso, rettifica, cancellazione, limitazione, portabilità e opposizione (articoli 15–22 GDPR). Dal tuo profilo puoi **scaricare tutti i tuoi dati** e **cancellare il tuo account**. Per gli altri diritti scrivi a [e-mail]. Puoi proporre reclamo al Garante per la protezione dei dati personali (www.garanteprivacy.it).
`,
    en: `## Privacy notice

Notice under Articles 13 and 14 of Regulation (EU) 2016/679 (GDPR) for users of the Rete SPI platform.

### Data controller
[Name of the administration], [address], certified e-mail [address].

Data protection officer (DPO): [name or office], [e-mail].

### Data processed
- account data: name, e-mail address, organisation, role, region, the fiscal code sent by SPID or CIE if used;
- content you publish: discussions, messages, practices, exchange posts, attachments, competence booklet;
- participation data: course and event registrations, progress, quiz results, certificates;
- technical data: access and security logs, the IP address of a token's last use.

### Purposes and legal basis
Data is processed to run the community of practice and the training of public employment service staff, as a task carried out in the public interest (Art. 6(1)(e) GDPR), and to keep the platform secure. The newsletter is sent only to those who choose it (consent, withdrawable from the profile).

### Retention
Account data is kept while the account exists. On deletion, personal data is erased or anonymised; published content stays as "Utente rimosso" or is removed, by the administration's rule. Security logs are kept for [period].

### Recipients
Data is not passed on to third parties. The providers hosting the platform may process it as processors: [list].

### Your rights
You have the rights of access, rectification, erasure, restriction, portability and objection (Articles 15–22 GDPR). From your profile you can **download all your data** and **delete your account**. For the other rights write to [e-mail]. You may lodge a complaint with the Garante per la protezione dei dati personali (www.garanteprivacy.it).
`,
  },
  cookie: {
    it: `## Cookie

Questa piattaforma usa **solo cookie tecnici**, necessari al suo funzionamento; non usa cookie di profilazione né di terze parti, e non serve il tuo consenso (art. 122 del Codice privacy e Linee guida del Garante del 10 giugno 2021).

| Nome | Scopo | Durata |
| --- | --- | --- |
| \`retespi.sid\` | Mantiene la sessione dopo l'accesso e protegge i moduli dalle richieste contraffatte (CSRF) | Fino alla disconnessione o alla scadenza della sessione |
| \`lang\` | Ricorda la lingua scelta (italiano o inglese) | Un anno |

Non sono usati strumenti di analisi che tracciano le persone.
`,
    en: `## Cookies

This platform uses **technical cookies only**, needed for it to work; it uses no profiling or third-party cookies, and needs no consent (Art. 122 of the Italian Privacy Code and the Garante's guidelines of 10 June 2021).

| Name | Purpose | Lifetime |
| --- | --- | --- |
| \`retespi.sid\` | Keeps you signed in and protects forms against forged requests (CSRF) | Until you sign out or the session expires |
| \`lang\` | Remembers the language you chose (Italian or English) | One year |

No analytics that track people are used.
`,
  },
};
