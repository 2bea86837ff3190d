// Two people talk privately in headless Chromium, on the demo data: one writes from the other's
// profile, the other sees the header's envelope count it live, opens the conversation and watches
// the reply arrive without reloading (and read, as it is in view). axe on every page of the feature;
// every page watched for console errors, CSP violations and failed requests. Fails when Chromium is
// missing. A step that needs what an earlier one produced fails, naming it, when that step failed.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, needs } from '../helpers/browser.ts';
import { demoBrowser, demoPerson } from '../helpers/demo-browser.ts';

/** Two demo members who have no private conversations in the demo. */
const WRITER = demoPerson('roberto.dangelo');
const READER = demoPerson('elisa.bortolin');
const SUBJECT = 'Scheda del lavoratore tra Teramo e Pordenone';
const BODY = 'Ciao Elisa, ti scrivo per la **cooperazione applicativa**: come inviate la scheda a Europass?';
const REPLY = 'Ciao Roberto, usiamo il servizio regionale: ti spiego volentieri.';

describe('private conversations in the browser (headless Chromium)', function () {
  this.timeout(45_000);
  const b = demoBrowser(this);
  let writer: Page | undefined;
  let reader: Page | undefined;
  let conversationUrl = '';

  afterEach(() => {
    expect(b.problems.splice(0), 'problems on the pages').to.deep.equal([]);
  });

  const envelope = (page: Page) => page.locator('[data-unread-messages-count]');

  it('writes to a member from her profile', async () => {
    reader = await b.signedIn(READER, { timeoutMs: 10_000 });
    expect(await envelope(reader).isHidden()).to.equal(true);
    writer = await b.signedIn(WRITER, { timeoutMs: 10_000 });
    const [{ id } = { id: 0 }] = await b.ctx.database.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [
      READER.email,
    ]);
    await writer.goto(`${b.base}/membri/${id}`);
    await writer.getByRole('link', { name: 'Scrivi un messaggio' }).click();
    await writer.waitForURL(`${b.base}/messaggi-privati/nuova?a=${id}`);
    expect(await writer.getByLabel(READER.name).isChecked()).to.equal(true);
    await expectNoSeriousAxeViolations(writer, 'new conversation');
    await writer.getByLabel('Oggetto').fill(SUBJECT);
    await writer.getByLabel('Messaggio').fill(BODY);
    await writer.getByRole('button', { name: 'Invia', exact: true }).click();
    await writer.waitForURL(/\/messaggi-privati\/\d+$/);
    conversationUrl = new URL(writer.url()).pathname;
    expect(await writer.locator('.post-body strong').innerText()).to.equal('cooperazione applicativa');
    await expectNoSeriousAxeViolations(writer, 'conversation');
  });

  it('shows the reader the new conversation live in the header, and opens it', async function () {
    needs(this, { reader, conversationUrl });
    // The message was sent while her page was open: the envelope counts it without a reload.
    await envelope(reader!).filter({ hasText: '1' }).waitFor({ state: 'visible' });
    expect(await reader!.locator('[data-unread-messages-label]').innerText()).to.equal(
      'Messaggi privati, 1 conversazione non letta',
    );
    await reader!.getByRole('link', { name: 'Messaggi privati, 1 conversazione non letta' }).click();
    await reader!.waitForURL(`${b.base}/messaggi-privati`);
    await expectNoSeriousAxeViolations(reader!, 'my conversations');
    await reader!.getByRole('link', { name: SUBJECT }).click();
    await reader!.waitForURL(`${b.base}${conversationUrl}`);
    expect(await reader!.getByText('Nuovo', { exact: true }).count()).to.equal(1);
    expect(await envelope(reader!).isHidden()).to.equal(true);
  });

  it('delivers the reply to the open conversation without a reload', async function () {
    needs(this, { writer, reader, conversationUrl });
    // The writer has the conversation open; the reader replies.
    await writer!.goto(`${b.base}${conversationUrl}`);
    const marked = writer!.waitForResponse((r) => r.url().endsWith(`${conversationUrl}/letto`) && r.status() === 200);
    await reader!.getByLabel('La tua risposta').fill(REPLY);
    await reader!.getByRole('button', { name: 'Invia', exact: true }).click();
    await reader!.waitForURL(new RegExp(`${conversationUrl}#m-\\d+$`));
    await writer!.getByText(REPLY).waitFor({ state: 'visible' });
    expect(await writer!.locator('[data-message-id]').count()).to.equal(2);
    // In view, it counts as read: the envelope stays empty after the page marks it read.
    await marked;
    expect(await envelope(writer!).isHidden()).to.equal(true);
    const [{ n } = { n: -1 }] = await b.ctx.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id
       WHERE c.subject = $1 AND p.last_read_message_id < c.last_message_id`,
      [SUBJECT],
    );
    expect(n).to.equal(0);
  });
  it('offers reporting and blocking on accessible pages, and the administrators see only the report', async function () {
    needs(this, { reader, conversationUrl });
    await reader!.goto(`${b.base}${conversationUrl}`);
    await reader!.getByRole('link', { name: `Segnala ${WRITER.name}` }).click();
    await reader!.waitForURL(/\/segnala$/);
    await expectNoSeriousAxeViolations(reader!, 'report a message');
    await reader!.getByLabel('Motivo della segnalazione').fill('Prova di segnalazione');
    await reader!.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await reader!.waitForURL(`${b.base}${conversationUrl}`);
    await reader!.goto(`${b.base}/messaggi-privati/bloccati`);
    await expectNoSeriousAxeViolations(reader!, 'blocked people');
    const admin = await b.signedIn(demoPerson('admin'));
    await admin.goto(`${b.base}/admin/segnalazioni-messaggi-privati`);
    expect(await admin.getByText('Prova di segnalazione').isVisible()).to.equal(true);
    expect(await admin.getByText(REPLY).count()).to.equal(0);
    await expectNoSeriousAxeViolations(admin, 'reported messages');
  });
});
