// The good-practice journey in headless Chromium, on the demo data: an administration registers a
// practice and sends it to the validators; an animator scores it with the protocol, validates and
// publishes it; another administration declares its reuse and sends a story, which a moderator
// publishes. Then a "cerco" post shows its matching "offro" first with the reasons, and its author
// writes privately to the offer's author, who answers. axe on the feature's pages; every page watched
// for console errors, CSP violations and failed requests. A step that needs what an earlier one
// produced fails, naming it, when that step failed.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, needs } from '../helpers/browser.ts';
import { choose, demoBrowser, demoPerson, main } from '../helpers/demo-browser.ts';

const AUTHOR = demoPerson('matteo.zanin'); // Comune di Pordenone
const ANIMATOR = demoPerson('marco.deluca');
const REUSER = demoPerson('teresa.gallo'); // CPI di Cosenza
const SEEKER = demoPerson('domenico.fiumara'); // "cerco" on tirocini
const OFFERER = demoPerson('luca.dipietro'); // the matching "offro"
const TITLE = 'Sportello digitale per i tirocini a Pordenone';
const SLUG = 'sportello-digitale-per-i-tirocini-a-pordenone';

describe('browser: good practices, Cerco/Offro and private messages (headless Chromium)', function () {
  this.timeout(45_000);
  const b = demoBrowser(this);
  const done = { submitted: false, published: false, reused: false, messaged: false };

  it('an administration registers a practice and sends it to the validators', async () => {
    const page = await b.signedIn(AUTHOR);
    await b.goto(page, '/buone-pratiche');
    await main(page)
      .getByRole('link', { name: /Registra una buona pratica/ })
      .first()
      .click();
    await page.waitForURL(`${b.base}/buone-pratiche/nuova`);
    const form = main(page);
    const fill = (field: string, value: string) => page.locator(`#f-${field}`).fill(value);
    await fill('title', TITLE);
    await fill('summary', 'Uno sportello online per imprese e tirocinanti, con il tutor del CPI.');
    await fill(
      'description',
      'Lo **sportello digitale** accompagna imprese e giovani dalla convenzione alla fine del tirocinio.',
    );
    await page.locator('#f-region').selectOption('Friuli-Venezia Giulia');
    await page.locator('#f-theme').selectOption('servizi-impiego');
    await fill('targetUsers', 'Giovani in cerca di tirocinio e imprese del territorio.');
    await fill('objectives', 'Ridurre i tempi di attivazione dei tirocini.');
    await fill('results', 'Tempi di attivazione dimezzati nel primo anno.');
    await fill('reuseRequirements', 'Un operatore dedicato e il portale regionale.');
    await fill('licence', 'CC BY 4.0');
    await form.getByRole('button', { name: 'Salva', exact: true }).click();
    await page.waitForURL(`${b.base}/buone-pratiche/${SLUG}`);
    expect(await main(page).innerText())
      .to.contain(TITLE)
      .and.contain('Bozza');
    await main(page).getByRole('button', { name: 'Invia ai validatori' }).click();
    await main(page).getByText('Pratica inviata ai validatori.').waitFor();
    done.submitted = true;
  });

  it('an animator scores it with the protocol, validates and publishes it', async function () {
    needs(this, { submitted: done.submitted });
    const page = await b.signedIn(ANIMATOR);
    await b.goto(page, '/buone-pratiche/da-validare');
    await main(page).getByRole('link', { name: TITLE }).first().click();
    await main(page)
      .getByRole('link', { name: /Valida con il protocollo/ })
      .click();
    await page.waitForURL(`${b.base}/buone-pratiche/${SLUG}/valida`);
    const scores: Record<string, number> = { efficacia: 3, trasferibilita: 4, sostenibilita: 3, innovazione: 2 };
    for (const [key, n] of Object.entries(scores)) await choose(page, `score-${key}-${n}`);
    // "coerenza-quadri" stays unscored: the published practice says "non valutato".
    await page.locator('#note-trasferibilita').fill('Serve solo il portale regionale.');
    await main(page)
      .getByLabel(/^Punti di forza/)
      .fill('Semplice, misurato, già in uso.');
    await main(page)
      .getByLabel(/^Punti di debolezza/)
      .fill('Dipende da un operatore dedicato.');
    await choose(page, 'decision-validated');
    await main(page).getByRole('button', { name: 'Registra la decisione' }).click();
    await page.waitForURL(`${b.base}/buone-pratiche/${SLUG}`);
    await main(page).getByRole('button', { name: 'Pubblica', exact: true }).click();
    await main(page)
      .getByText(/pubblicata/i)
      .first()
      .waitFor();
    const text = await main(page).innerText();
    expect(text).to.contain('3/4').and.contain('4/4').and.contain('2/4').and.contain('non valutato');
    expect(text).to.contain('Semplice, misurato, già in uso.');
    done.published = true;
  });

  it('another administration declares its reuse and sends a story, which a moderator publishes', async function () {
    needs(this, { published: done.published });
    const page = await b.signedIn(REUSER);
    await b.goto(page, `/buone-pratiche/${SLUG}`);
    await page.locator('label', { hasText: "L'abbiamo riusata" }).click();
    await page.getByLabel("Come l'abbiamo adattata").fill('Lo sportello è diventato un servizio provinciale.');
    await main(page).getByRole('button', { name: 'Dichiara il riuso' }).click();
    await main(page)
      .getByText(/1 amministrazione ha dichiarato/)
      .waitFor();
    expect(await main(page).locator('#riusi').innerText()).to.contain('CPI di Cosenza');
    await page.locator('#story-title').fill('Da Pordenone a Cosenza in tre mesi');
    await page.locator('#story-body').fill('Abbiamo adattato lo sportello ai tirocini di inclusione: funziona.');
    await main(page).getByRole('button', { name: 'Invia la storia' }).click();
    await main(page).getByText('In attesa di moderazione').first().waitFor();

    const moderator = await b.signedIn(ANIMATOR);
    await b.goto(moderator, '/buone-pratiche/storie/moderazione');
    const entry = main(moderator).locator('li, article, .card').filter({ hasText: 'Da Pordenone a Cosenza' }).first();
    await entry.getByRole('button', { name: /Pubblica/ }).click();
    await b.goto(moderator, `/buone-pratiche/${SLUG}`);
    expect(await main(moderator).locator('#storie').innerText()).to.contain('Da Pordenone a Cosenza in tre mesi');
    done.reused = true;
  });

  it('a "cerco" post shows the matching "offro" first with its reasons, and its author writes to the offer’s', async () => {
    const [seek] = await b.ctx.database.query<{ id: number }>(
      `SELECT id FROM exchange_posts WHERE kind = 'cerco' AND title LIKE 'Cerchiamo esperienze sui tirocini in azienda%'`,
    );
    const page = await b.signedIn(SEEKER);
    await b.goto(page, `/cerco-offro/${seek!.id}`);
    const matches = main(page).locator('section[aria-labelledby="matches-title"] li');
    const first = matches.first();
    const firstText = await first.innerText();
    expect(firstText).to.contain('Offriamo il nostro metodo per i tirocini in azienda');
    expect(firstText)
      .to.match(/stesso tema/i)
      .and.match(/parole in comune: [^\n]*tirocin/i);
    await first.getByRole('link', { name: /Contatta/ }).click();
    await page.waitForURL(/\/messaggi-privati\/nuova\?/);
    const formText = await main(page).innerText();
    expect(formText).to.match(/Nata da/i);
    await main(page)
      .getByLabel(/^Oggetto/)
      .fill('Il vostro metodo per i tirocini');
    await main(page)
      .getByLabel(/^Messaggio/)
      .fill('Buongiorno, possiamo sentirci per il tutor aziendale?');
    await main(page).getByRole('button', { name: 'Invia', exact: true }).click();
    await page.waitForURL(/\/messaggi-privati\/\d+$/);
    const conversation = page.url();

    const other = await b.signedIn(OFFERER);
    await b.goto(other, '/messaggi-privati');
    await main(other)
      .getByRole('link', { name: /Il vostro metodo per i tirocini/ })
      .click();
    expect(await main(other).innerText())
      .to.contain('possiamo sentirci per il tutor aziendale')
      .and.contain('Proponi un gemellaggio');
    await main(other).getByLabel('La tua risposta').fill('Certo, vi mandiamo il nostro modello di convenzione.');
    await main(other).getByRole('button', { name: 'Invia', exact: true }).click();
    await page.goto(conversation);
    expect(await main(page).innerText()).to.contain('vi mandiamo il nostro modello di convenzione');

    // Nobody else reads it.
    const outsider = await b.signedIn(REUSER);
    const res = await outsider.request.get(conversation);
    expect(res.status()).to.equal(404);
    expect(await res.text()).not.to.contain('tutor aziendale?');
    done.messaged = true;
  });

  describe('axe (WCAG 2.1 A and AA): no serious or critical violations', () => {
    let page: Page;
    before(async function () {
      needs(this, { published: done.published });
      page = await b.signedIn(ANIMATOR);
    });
    for (const path of [
      '/buone-pratiche',
      `/buone-pratiche/${SLUG}`,
      `/buone-pratiche/${SLUG}/versioni`,
      '/buone-pratiche/nuova',
      '/buone-pratiche/da-validare',
      '/buone-pratiche/storie/moderazione',
      '/cerco-offro',
      '/cerco-offro/nuovo',
    ]) {
      it(path, async () => {
        await b.goto(page, path);
        await expectNoSeriousAxeViolations(page, path);
      });
    }
  });

  describe('at the end', () => {
    it('logged no console errors, CSP violations or failed requests on any page', () => {
      expect(b.problems, b.problems.join('\n')).to.deep.equal([]);
    });
  });
});
