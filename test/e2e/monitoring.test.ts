// The monitoring dashboard in headless Chromium, on the demo data: an animator opens it from the
// user menu, sees a chart drawn on each section's canvas and the table of the same figures, changes
// the period (by hand, then with a quick period) and sets a target, which shows as a bar with its
// text. axe on the page; every page watched for console errors, CSP violations and failed requests.
import { expect } from 'chai';
import { expectNoSeriousAxeViolations, needs } from '../helpers/browser.ts';
import { demoBrowser, demoPerson, main } from '../helpers/demo-browser.ts';
import type { Page } from 'playwright-core';

const ANIMATOR = demoPerson('marco.deluca');
const SECTIONS = ['members', 'groups', 'discussions', 'courses', 'practices', 'exchange', 'events', 'twinnings'];

describe('browser: the monitoring dashboard (headless Chromium)', function () {
  this.timeout(60_000);
  const b = demoBrowser(this);
  let page: Page | undefined;

  it('an animator opens the dashboard from the menu and sees every chart and table', async () => {
    page = await b.signedIn(ANIMATOR);
    await page.locator('#user-menu').click();
    await page.getByRole('link', { name: 'Monitoraggio', exact: true }).click();
    await page.waitForURL(`${b.base}/admin/monitoraggio`);
    await main(page).getByRole('heading', { level: 1, name: 'Monitoraggio della rete' }).waitFor();
    for (const id of SECTIONS) {
      // Chart.js drew it: the script marks each canvas it rendered, and the canvas has a size.
      await page.locator(`#chart-${id}[data-rendered="true"]`).waitFor();
      const box = await page.locator(`#chart-${id}`).boundingBox();
      expect(box?.height ?? 0, id).to.be.greaterThan(50);
      await expect(await page.locator(`#table-${id} caption`).innerText()).to.contain('cifre del periodo');
    }
    // The demo has discussions in the last 90 days: the table of the groups ranks some.
    expect(await page.locator('#table-groups tbody tr').count()).to.be.greaterThan(0);
    // The demo animator's targets for the year, each with its bar and its text.
    const demoTarget = page.locator('li.target[data-figure="courses_completion_rate"]');
    expect(await demoTarget.innerText())
      .to.contain('Tasso di completamento dei corsi (%)')
      .and.match(/(su|obiettivo:) 60 %/);
    await expectNoSeriousAxeViolations(page, '/admin/monitoraggio');
  });

  it('changes the period by hand and with a quick period', async function () {
    needs(this, { page });
    const p = page!;
    await p.locator('#f-from').fill('2026-01-01');
    await p.locator('#f-to').fill('2026-06-30');
    await p.locator('#f-bucket').selectOption('month');
    await main(p).getByRole('button', { name: 'Mostra' }).click();
    await p.waitForURL(/from=2026-01-01&to=2026-06-30&bucket=month/);
    expect(await p.locator('#period-shown').innerText()).to.contain('dal 2026-01-01 al 2026-06-30, per mese.');
    expect(await p.locator('#table-members tbody tr').count()).to.equal(6);
    await p.locator('#chart-members[data-rendered="true"]').waitFor();

    await main(p).getByRole('link', { name: 'Ultimi 12 mesi' }).click();
    await p.waitForURL(/\/admin\/monitoraggio\?from=\d{4}-\d{2}-\d{2}&to=/);
    expect(await p.locator('#period-shown').innerText()).to.contain('per mese.');
    await p.locator('#chart-discussions[data-rendered="true"]').waitFor();
  });

  it('sets a target and sees the progress as a bar and as text', async function () {
    needs(this, { page });
    const p = page!;
    await main(p).getByText('Fissa un obiettivo').click();
    await p.getByLabel('Cifra').selectOption('members_new');
    await p.getByLabel('Obiettivo', { exact: true }).fill('1000');
    await p.getByLabel('Nota (facoltativa)').fill('Allargare la rete ai CPI del Sud');
    await main(p).getByRole('button', { name: "Salva l'obiettivo" }).click();
    await main(p).getByText('Obiettivo salvato: Nuovi membri.').waitFor();
    const target = p.locator('li.target[data-figure="members_new"]');
    expect(await target.innerText())
      .to.match(/\d+ su 1\.?000 \([\d,]+ % dell'obiettivo\)/)
      .and.contain('Non ancora raggiunto')
      .and.contain('Allargare la rete ai CPI del Sud')
      .and.contain('Fissato da Marco De Luca');
    expect(await target.getByRole('progressbar').getAttribute('aria-valuenow')).to.match(/^\d+$/);
    expect(b.problems, b.problems.join('\n')).to.deep.equal([]);
  });
});
