// The Libretto formativo in headless Chromium, on the demo data: a member declares an experience
// with a repertory competence and asks for its recognition; an animator validates it with a level;
// the platform issues a second kind of credential, which the member finds with its public
// verification page. A tampered copy fails verification with the check named, an admin revokes it
// and the page says so; the PDF of the booklet opens and shows it. axe on the booklet's pages; every
// page watched for console errors, CSP violations and failed requests. (Completing a course in the
// browser and its credential: test/e2e/courses.test.ts.)
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, needs } from '../helpers/browser.ts';
import { choose, demoBrowser, demoPerson, main } from '../helpers/demo-browser.ts';
import { pdfText } from '../helpers/pdf.ts';

const MEMBER = demoPerson('rosa.pugliese'); // Comune di Vibo Valentia
const ANIMATOR = demoPerson('marco.deluca');
const ADMIN = { email: 'admin@retespi.example.org' };
const EXPERIENCE = 'Tutoraggio dei nuovi operatori dello sportello';
const CODE = 'SPI.ACC.01';

describe('browser: the Libretto formativo, recognition and credentials (headless Chromium)', function () {
  this.timeout(45_000);
  const b = demoBrowser(this);
  const done = { requested: '', validated: false, credential: '' };
  let member: Page;

  it('a member declares an experience with a repertory competence and asks for its recognition', async () => {
    member = await b.signedIn(MEMBER);
    await b.goto(member, '/libretto');
    await main(member).getByRole('link', { name: "Aggiungi un'esperienza" }).click();
    await member.waitForURL(`${b.base}/libretto/esperienze/nuova`);
    await choose(member, 'f-kind-informal');
    await member.locator('#f-title').fill(EXPERIENCE);
    await member.locator('#f-place').fill('Comune di Vibo Valentia');
    await member.locator('#f-startedOn').fill('2024-01-15');
    await member.locator('#f-endedOn').fill('2025-06-30');
    await member.locator('#f-hours').fill('120');
    await member.locator('#f-competences').selectOption(CODE);
    await main(member).getByRole('button', { name: 'Aggiungi al libretto' }).click();
    await member.waitForURL(/\/libretto(#.*)?$/);
    const experience = main(member).locator('article, li, .card').filter({ hasText: EXPERIENCE }).first();
    await experience.getByRole('link', { name: /Chiedi il riconoscimento/ }).click();
    await choose(member, 'f-competence-0');
    await member
      .locator('#f-message')
      .fill('Ho accompagnato sei nuovi operatori nel colloquio di accoglienza e nella registrazione della DID.');
    await main(member).getByRole('button', { name: 'Invia la richiesta' }).click();
    await member.waitForURL(/\/libretto\/riconoscimenti\/\d+$/);
    done.requested = member.url();
    expect(await main(member).innerText())
      .to.contain(CODE)
      .and.contain('Richiesta inviata');
  });

  it('an animator validates it with a level, and a credential is issued for it', async function () {
    needs(this, { requested: done.requested });
    const animator = await b.signedIn(ANIMATOR);
    await b.goto(animator, '/libretto/riconoscimenti/da-valutare');
    await expectNoSeriousAxeViolations(animator, '/libretto/riconoscimenti/da-valutare');
    await animator.goto(done.requested);
    await choose(animator, 'f-decision-validated');
    await animator.locator('#f-level').selectOption('4');
    await main(animator).getByRole('button', { name: 'Registra la valutazione' }).click();
    await main(animator).getByText('Competenza convalidata').first().waitFor();
    done.validated = true;

    // The credential comes from a subscriber of competence.validated, after the commit.
    const link = main(member).locator('tr', { hasText: 'Competenza validata' }).locator('a[href^="/credenziali/"]');
    for (let i = 0; i < 40 && !(await link.count()); i++) {
      if (i) await member.waitForTimeout(250);
      await b.goto(member, '/libretto/credenziali');
    }
    expect(await link.count(), 'a competence credential in "Le mie credenziali"').to.be.greaterThan(0);
    await expectNoSeriousAxeViolations(member, '/libretto/credenziali');
    await link.first().click();
    await member.waitForURL(/\/credenziali\/[0-9a-f-]{36}$/);
    done.credential = member.url();
    const text = await main(member).innerText();
    expect(text).to.contain('Credenziale valida.').and.contain(CODE).and.contain(MEMBER.name);
    await expectNoSeriousAxeViolations(member, '/credenziali/:id');
  });

  it('detects a tampered copy, naming the failing check, then shows the revocation an admin records', async function () {
    needs(this, { credential: done.credential });
    const id = done.credential.split('/').pop()!;
    const { token } = (await (await member.request.get(`${b.base}/api/v1/credentials/${id}`)).json()) as {
      token: string;
    };
    // Anyone may verify: an anonymous request, as another system would send it.
    const check = async (jwt: string) => {
      const res = await fetch(`${b.base}/api/v1/credentials/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ credential: jwt }),
      });
      expect(res.status).to.equal(200);
      return (await res.json()) as { valid: boolean; checks: { name: string; ok: boolean }[] };
    };
    expect((await check(token)).valid).to.equal(true);
    // Another name in the payload, signature kept.
    const [head, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    claims.credentialSubject.name = 'Qualcun Altro';
    const forged = [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    const tampered = await check(forged);
    expect(tampered.valid).to.equal(false);
    expect(tampered.checks.find((c) => c.name === 'signature')?.ok).to.equal(false);

    const admin = await b.signedIn(ADMIN);
    await admin.goto(done.credential);
    await admin.getByLabel('Motivo della revoca').fill('Rilasciata per errore durante la prova.');
    await main(admin).getByRole('button', { name: 'Revoca la credenziale' }).click();
    await main(admin).getByText('Credenziale non valida.').waitFor();
    expect(await main(admin).innerText()).to.contain('Rilasciata per errore durante la prova.');
    const revoked = await check(token);
    expect(revoked.valid).to.equal(false);
    expect(revoked.checks.find((c) => c.name === 'revocation')?.ok).to.equal(false);
  });

  it('opens the booklet as a PDF that shows the person, the experience and the recognition', async function () {
    needs(this, { validated: done.validated });
    const res = await member.request.get(`${b.base}/libretto/libretto.pdf`);
    expect(res.status()).to.equal(200);
    expect(res.headers()['content-type']).to.match(/^application\/pdf/);
    const body = await res.body();
    expect(body.subarray(0, 5).toString()).to.equal('%PDF-');
    const text = pdfText(body);
    expect(text).to.contain(MEMBER.name).and.contain(EXPERIENCE).and.contain(CODE);
    await b.goto(member, '/libretto/stampa');
    expect(await main(member).innerText()).to.contain(EXPERIENCE);
  });

  describe('axe (WCAG 2.1 A and AA): no serious or critical violations', () => {
    for (const path of [
      '/libretto',
      '/libretto/esperienze/nuova',
      '/libretto/visibilita',
      '/competenze',
      `/competenze/${CODE}`,
    ]) {
      it(path, async function () {
        needs(this, { requested: done.requested });
        await b.goto(member, path);
        await expectNoSeriousAxeViolations(member, path);
      });
    }
  });

  describe('at the end', () => {
    it('logged no console errors, CSP violations or failed requests on any page', () => {
      expect(b.problems, b.problems.join('\n')).to.deep.equal([]);
    });
  });
});
