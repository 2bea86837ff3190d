// Privacy in headless Chromium, on the demo data: a member downloads their data from /profilo/dati
// (a real zip download with dati.json), then deletes their account with their password and is
// signed out; the privacy and cookie pages are reachable from the footer. axe on every page.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { DEMO_PASSWORD } from '../../server/demo/seed.ts';
import { expectNoSeriousAxeViolations, needs } from '../helpers/browser.ts';
import { demoBrowser, demoPerson, main } from '../helpers/demo-browser.ts';

const MEMBER = demoPerson('giuliana.ruiu');

describe('browser: my data, account deletion, privacy pages (headless Chromium)', function () {
  this.timeout(45_000);
  const b = demoBrowser(this);
  const done = { exported: false };

  it('a member downloads their data as a zip from their profile', async () => {
    const page = await b.signedIn(MEMBER);
    await b.goto(page, '/profilo/dati');
    await expectNoSeriousAxeViolations(page, '/profilo/dati');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main(page).getByRole('button', { name: 'Scarica i miei dati' }).click(),
    ]);
    expect(download.suggestedFilename()).to.match(/^rete-spi-dati-\d+-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const data = JSON.parse(strFromU8(zip['dati.json']!));
    expect(data.account.account.name).to.equal(MEMBER.name);
    done.exported = true;
  });

  it('the member deletes their account with their password and is signed out', async function () {
    needs(this, { exported: done.exported });
    const page = await b.signedIn(MEMBER);
    await b.goto(page, '/profilo/dati');
    await main(page).getByRole('link', { name: "Vai alla cancellazione dell'account" }).click();
    await page.waitForURL(`${b.base}/profilo/elimina`);
    await expectNoSeriousAxeViolations(page, '/profilo/elimina');
    await page.getByLabel('Conferma con la tua password').fill('password-sbagliata');
    await main(page).getByRole('button', { name: 'Elimina definitivamente il mio account' }).click();
    await main(page).getByText('La password non è corretta').first().waitFor();
    await page.getByLabel('Conferma con la tua password').fill(DEMO_PASSWORD);
    await main(page).getByRole('button', { name: 'Elimina definitivamente il mio account' }).click();
    await main(page).getByRole('heading', { name: 'Account eliminato' }).waitFor();
    await page.goto(`${b.base}/profilo/dati`);
    expect(page.url()).to.contain('/accedi');
  });

  it('anyone reaches the privacy and cookie pages from the footer', async () => {
    const page = await b.anonymous();
    await b.goto(page, '/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click();
    await page.waitForURL(`${b.base}/privacy`);
    expect(await main(page).innerText()).to.contain('Titolare del trattamento');
    await expectNoSeriousAxeViolations(page, '/privacy');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie' }).click();
    await page.waitForURL(`${b.base}/cookie`);
    expect(await main(page).innerText()).to.contain('retespi.sid');
    await expectNoSeriousAxeViolations(page, '/cookie');
  });
});
