// The training-offer catalogue in headless Chromium, on the demo data: a visitor filters the
// catalogue (province, free of charge) with the GET form, opens an offer, and the expired demo
// offer is nowhere in the list; an animator reaches the CSV upload and checks a file without
// importing it. axe on the three pages; no console errors, CSP violations or failed requests.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expectNoSeriousAxeViolations } from '../helpers/browser.ts';
import { choose, demoBrowser, demoPerson, main } from '../helpers/demo-browser.ts';

const ANIMATOR = demoPerson('marco.deluca');

describe('browser: the training-offer catalogue (headless Chromium)', function () {
  this.timeout(45_000);
  const b = demoBrowser(this);

  it('a visitor filters by province and free of charge, and opens an offer', async () => {
    const page = await b.anonymous();
    await b.goto(page, '/offerta-formativa');
    const text = await main(page).innerText();
    expect(text).to.contain('Agenzia Formativa Regionale Toscana');
    expect(text).not.to.contain('Orientamento di gruppo: metodi e strumenti');
    await expectNoSeriousAxeViolations(page, '/offerta-formativa');

    await page.getByLabel('Provincia').selectOption('CS');
    await choose(page, 'f-gratuiti');
    await main(page).getByRole('button', { name: 'Applica i filtri' }).click();
    await page.waitForURL(/provincia=CS/);
    const filtered = await main(page).innerText();
    expect(filtered).to.contain('Operatore della ristorazione');
    expect(filtered).not.to.contain('Igiene degli alimenti'); // 40 euro
    expect(filtered).not.to.contain('Addetto alla logistica'); // Pisa

    await main(page)
      .getByRole('link', { name: /Operatore della ristorazione/ })
      .click();
    await page.waitForURL(/\/offerta-formativa\/\d+$/);
    expect(await main(page).innerText())
      .to.contain('Qualifica professionale')
      .and.contain('Cosenza (CS)');
    await expectNoSeriousAxeViolations(page, 'offer page');
  });

  it('an animator checks a CSV without importing it', async () => {
    const page = await b.signedIn(ANIMATOR);
    await b.goto(page, '/offerta-formativa/carica');
    await expectNoSeriousAxeViolations(page, '/offerta-formativa/carica');
    const file = path.join(tmpdir(), `offerte-${process.pid}.csv`);
    await writeFile(
      file,
      'title,starts_on,ends_on,hours,theme,online\nCorso di prova,2030-01-10,2030-01-20,10,formazione,si\n',
    );
    await page.getByLabel('File CSV').setInputFiles(file);
    await choose(page, 'f-dry');
    await main(page).getByRole('button', { name: 'Carica' }).click();
    await main(page).getByText('Verifica riuscita').waitFor();
    const [{ n }] = (await b.ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM training_offers WHERE title = 'Corso di prova'",
    )) as [{ n: number }];
    expect(n).to.equal(0);
  });

  it('logged no console errors, CSP violations or failed requests', () => {
    expect(b.problems, b.problems.join('\n')).to.deep.equal([]);
  });
});
