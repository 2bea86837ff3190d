// The twinning journey in headless Chromium, on the demo data: an animator creates a Tos.Ca.
// twinning (Regione Toscana and Comune di Firenze → Regione Calabria and Comune di Vibo Valentia),
// adds a transfer model and a milestone; a referent of Regione Calabria joins and marks the
// milestone done; the twinning moves through its statuses; the referent records the outcome and
// closes it. axe on its pages; every page watched for console errors, CSP violations and failed
// requests. A step that needs what an earlier one produced fails, naming it, when that step failed.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, needs } from '../helpers/browser.ts';
import { demoBrowser, demoPerson, main } from '../helpers/demo-browser.ts';

const ANIMATOR = demoPerson('chiara.santoro');
const REFERENT = demoPerson('francesco.romeo'); // Regione Calabria
const TITLE = 'Tos.Ca. – seconda annualità';
const SLUG = 'tos-ca-seconda-annualita';

describe('browser: a twinning created, run and closed (headless Chromium)', function () {
  this.timeout(60_000);
  const b = demoBrowser(this);
  const done = { created: false, planned: false, joined: false, completed: false };
  let animator: Page;
  let referent: Page;

  const flash = (page: Page, text: string) => main(page).getByText(text).first().waitFor();

  it('an animator creates the twinning with its administrations and practice', async () => {
    animator = await b.signedIn(ANIMATOR);
    await b.goto(animator, '/gemellaggi');
    await main(animator).getByRole('link', { name: 'Nuovo gemellaggio' }).click();
    await animator.waitForURL(`${b.base}/gemellaggi/nuovo`);
    await expectNoSeriousAxeViolations(animator, 'twinning form');
    await animator.locator('#f-title').fill(TITLE);
    await animator.locator('#f-summary').fill('Il trasferimento dei modelli toscani prosegue a **Vibo Valentia**.');
    await animator.locator('#f-offering').fill('regione-toscana, comune-di-firenze');
    await animator.locator('#f-receiving').fill('regione-calabria, comune-di-vibo-valentia');
    await animator.locator('#f-practices').fill('trio-e-learning-toscana');
    await animator.locator('#f-startsOn').fill('2026-01-15');
    await main(animator).getByRole('button', { name: 'Crea il gemellaggio' }).click();
    await animator.waitForURL(`${b.base}/gemellaggi/${SLUG}`);
    await flash(animator, 'Gemellaggio creato.');
    const text = await main(animator).innerText();
    expect(text)
      .to.contain(TITLE)
      .and.contain('Approvato')
      .and.contain('0 partecipanti')
      .and.contain('Regione Calabria');
    done.created = true;
  });

  it('adds model A and a milestone', async function () {
    needs(this, { created: done.created });
    const m = main(animator);
    await animator.locator('#m-code').fill('A');
    await animator.locator('#m-title').fill('Utilizzo della piattaforma TRIO');
    await animator.locator('#m-offering').selectOption('regione-toscana');
    await animator.locator('#m-receiving').selectOption('regione-calabria');
    await m.getByRole('button', { name: 'Aggiungi un modello' }).click();
    await flash(animator, 'Modello aggiunto.');
    await animator.locator('#ms-title').fill('Primi corsi TRIO per i CPI calabresi');
    await animator.locator('#ms-due').fill('2099-06-30');
    await m.getByRole('button', { name: 'Aggiungi una tappa' }).click();
    await flash(animator, 'Tappa aggiunta.');
    expect(await m.innerText())
      .to.contain('Modello A: Utilizzo della piattaforma TRIO')
      .and.contain('0 tappe su 1 completate (0%)');
    await expectNoSeriousAxeViolations(animator, 'twinning page');
    done.planned = true;
  });

  it('a referent of Regione Calabria joins and marks the milestone done', async function () {
    needs(this, { planned: done.planned });
    referent = await b.signedIn(REFERENT);
    await b.goto(referent, `/gemellaggi/${SLUG}`);
    const m = main(referent);
    await referent.locator('#join-role').selectOption('referent');
    await m.getByRole('button', { name: 'Partecipa' }).click();
    await flash(referent, 'Ora partecipi al gemellaggio.');
    expect(await m.innerText())
      .to.contain('1 partecipante')
      .and.contain('Discussione generale');
    const milestone = m.locator('li[id^="tappa-"]').first();
    await milestone.getByLabel('Stato della tappa').selectOption('done');
    await milestone.getByLabel('Evidenze').fill('Registro delle prime 3 edizioni');
    await milestone.getByRole('button', { name: /Aggiorna la tappa/ }).click();
    await flash(referent, 'Tappa aggiornata.');
    expect(await main(referent).innerText()).to.contain('1 tappe su 1 completate (100%)');
    done.joined = true;
  });

  it('moves through its statuses, one at a time', async function () {
    needs(this, { joined: done.joined });
    await b.goto(animator, `/gemellaggi/${SLUG}`);
    await main(animator).getByRole('button', { name: 'Avvia il gemellaggio' }).click();
    await flash(animator, 'Stato del gemellaggio aggiornato.');
    expect(await animator.locator('#twinning-status').innerText()).to.equal('In corso');
    await main(animator).getByRole('button', { name: 'Segna come completato' }).click();
    await flash(animator, 'Stato del gemellaggio aggiornato.');
    expect(await animator.locator('#twinning-status').innerText()).to.equal('Completato');
    done.completed = true;
  });

  it('the referent records the outcome, which counts as a reuse, and closes the twinning', async function () {
    needs(this, { completed: done.completed });
    await b.goto(referent, `/gemellaggi/${SLUG}`);
    await referent.locator('#out-A').selectOption('adopted');
    await referent.locator('#notes-A').fill('TRIO in uso in tutti i CPI calabresi.');
    await main(referent).getByRole('button', { name: 'Registra gli esiti' }).click();
    await flash(referent, 'Esiti registrati.');
    await main(referent).getByRole('button', { name: 'Chiudi il gemellaggio' }).click();
    await flash(referent, 'Stato del gemellaggio aggiornato.');
    expect(await referent.locator('#twinning-status').innerText()).to.equal('Chiuso');
    expect(await main(referent).innerText()).to.contain('Esito: Adottato');
    const [reuse] = await b.ctx.database.query<{ outcome: string }>(
      `SELECT r.outcome FROM practice_reuses r JOIN practices p ON p.id = r.practice_id
        JOIN organizations o ON o.id = r.organization_id
        WHERE p.slug = 'trio-e-learning-toscana' AND o.slug = 'regione-calabria'`,
    );
    expect(reuse!.outcome).to.contain(TITLE);
    expect(b.problems, b.problems.join('\n')).to.deep.equal([]);
  });
});
