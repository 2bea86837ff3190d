// The four shipped questionnaires taken end to end in headless Chromium on the demo data: the open
// "Palestra Lavoro" by an anonymous visitor, the others by demo members. Every section page is
// answered as a person would (labels clicked, numbers typed), a conditional question appears when
// its condition is met, and the result shows the chart drawn by Chart.js and the table of the same
// figures. axe on a section page and a result page; an animator's report and a CPI's plan; every page watched for console errors and CSP
// violations (the chart's data comes in a JSON script tag, no inline script).
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { seedQuestionnaireDemo } from '../../server/demo/seed-questionnaires.ts';
import { expectNoSeriousAxeViolations } from '../helpers/browser.ts';
import { choose, demoBrowser, demoPerson, main } from '../helpers/demo-browser.ts';

/** Answers every visible question of the page (the last option of a choice, the minimum of a number) and goes on. */
async function answerPage(page: Page): Promise<void> {
  const ids = await page.locator('fieldset[data-question]').evaluateAll((els) => els.map((e) => e.id));
  for (const id of ids) {
    const set = page.locator(`#${id}`);
    if (!(await set.isVisible())) continue;
    const radios = set.locator('input[type="radio"]');
    const boxes = set.locator('input[type="checkbox"]');
    const number = set.locator('input[type="number"]');
    if (await radios.count()) await choose(page, (await radios.first().getAttribute('id'))!);
    else if (await boxes.count()) await choose(page, (await boxes.first().getAttribute('id'))!);
    else if (await number.count()) await number.fill((await number.getAttribute('min')) ?? '1');
  }
}

async function takeQuestionnaire(page: Page, base: string, slug: string, opts: { axe?: boolean } = {}): Promise<void> {
  await page.goto(`${base}/questionari/${slug}`);
  // A link, or for a questionnaire about a group a form choosing one of the person's groups.
  await main(page)
    .locator('a, button')
    .filter({ hasText: /Inizia il questionario|Riprendi/ })
    .first()
    .click();
  for (let n = 1; n <= 10; n++) {
    await page.waitForURL(new RegExp(`/questionari/${slug}/sezioni/${n}(\\?gruppo=[a-z0-9-]+)?$`));
    expect(await main(page).innerText()).to.match(/Sezione \d+ di \d+/);
    if (opts.axe && n === 1) await expectNoSeriousAxeViolations(page, `${slug}: section`);
    await answerPage(page);
    const submit = main(page).getByRole('button', { name: 'Invia le risposte' });
    if (await submit.count()) {
      await submit.click();
      break;
    }
    await main(page).getByRole('button', { name: 'Avanti' }).click();
  }
  await page.waitForURL(new RegExp(`/questionari/${slug}/risultati/\\d+$`));
  await page.locator('#questionnaire-chart[data-ready="true"]').waitFor();
  const table = main(page).locator('#questionnaire-scores');
  expect(await table.locator('tbody tr').count()).to.be.within(3, 6);
  expect(await main(page).innerText()).to.contain('Punti di forza e aree di miglioramento');
  if (opts.axe) await expectNoSeriousAxeViolations(page, `${slug}: result`);
}

describe('browser: self-assessment questionnaires (headless Chromium)', function () {
  this.timeout(60_000);
  const b = demoBrowser(this);
  before(async () => {
    // The shipped questionnaires with the demo's answers and the CPI di Firenze's plan.
    await seedQuestionnaireDemo(b.ctx);
  });

  it('an anonymous visitor takes Palestra Lavoro; a conditional question appears when its condition is met', async () => {
    const page = await b.anonymous();
    await page.goto(`${b.base}/questionari/palestra-lavoro/sezioni/1`);
    const months = page.locator('#q-mesi_ricerca');
    expect(await months.isVisible()).to.equal(false);
    await choose(page, 'q-condizione-disoccupato');
    await months.waitFor({ state: 'visible' });
    await takeQuestionnaire(page, b.base, 'palestra-lavoro', { axe: true });
  });

  it('a CPI operator takes the CPI quality self-assessment and can turn it into an improvement plan', async () => {
    const page = await b.signedIn(demoPerson('luca.dipietro'));
    await takeQuestionnaire(page, b.base, 'qualita-servizi-cpi');
    await main(page).getByRole('button', { name: 'Crea un piano di miglioramento' }).click();
    await page.waitForURL(/\/questionari\/piani\/\d+$/);
    expect(await main(page).innerText()).to.contain('Le azioni');
  });

  it('members take the active-ageing and the network questionnaires', async () => {
    const page = await b.signedIn(demoPerson('elisa.bortolin'));
    await takeQuestionnaire(page, b.base, 'active-ageing-aziende');
    await takeQuestionnaire(page, b.base, 'monitoraggio-reti');
  });

  it('an animator reads a questionnaire’s report: charts, tables, hidden small cells, the CSV link', async () => {
    const page = await b.signedIn(demoPerson('marco.deluca'));
    await b.goto(page, '/questionari/qualita-servizi-cpi/rapporto');
    await page.locator('#report-over-time').waitFor();
    const text = await main(page).innerText();
    expect(text)
      .to.contain('Risposte nel tempo')
      .and.contain('Suddivisioni')
      .and.contain('Scarica le risposte anonimizzate');
    expect(await main(page).locator('#report-over-time-table tbody tr').count()).to.be.greaterThan(3);
  });

  it('the CPI di Firenze follows its improvement plan and marks an action done', async () => {
    const page = await b.signedIn(demoPerson('laura.mannucci'));
    await b.goto(page, '/questionari/piani');
    await main(page).getByRole('link', { name: 'Piano di miglioramento del CPI di Firenze' }).click();
    await page.waitForURL(/\/questionari\/piani\/\d+$/);
    const before = await main(page).locator('.progress-bar-label').innerText();
    const form = main(page)
      .locator('form[id^="azione-"]')
      .filter({ has: page.locator('option[value="doing"][selected]') })
      .first();
    await form.locator('select[name="status"]').selectOption('done');
    await form.getByRole('button', { name: 'Aggiorna' }).click();
    await main(page).getByText('Azione aggiornata.').waitFor();
    expect(await main(page).locator('.progress-bar-label').innerText()).not.to.equal(before);
    expect(b.problems).to.deep.equal([]);
  });
});
