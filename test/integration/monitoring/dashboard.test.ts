// /admin/monitoraggio on the known network (dataset.ts): the page's tables and charts' data, the CSV
// of each section, targets (form with CSRF, progress over the target's own period, audit), who may
// open it, and a bad period shown back with its message.
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { csrfFrom, signedInAgent, type Agent } from '../../helpers/http.ts';
import { buildNetwork, PERIOD, type Network } from './dataset.ts';

const PAGE = '/admin/monitoraggio';
const march = `from=${PERIOD.from}&to=${PERIOD.to}`;

/** The rows of the HTML table with this id, as text cells. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.trim()),
  );
}
const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, '')) as string[][];
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

describe('monitoring: the dashboard page', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let net: Network;
  let animator: Agent;

  before(async () => {
    ctx = await testContext();
    net = await buildNetwork(ctx);
    animator = await signedInAgent(ctx.app, net.animator.email, net.animator.password);
  });

  it('shows each section as a table and a chart of the same figures', async () => {
    const res = await animator.get(`${PAGE}?${march}`).expect(200);
    expect(tableRows(res.text, 'table-discussions')).to.deep.equal([
      ['2026-03-02', '1', '1'],
      ['2026-03-09', '1', '2'],
      ['2026-03-16', '1', '2'],
      ['2026-03-23', '0', '3'],
    ]);
    expect(tableRows(res.text, 'table-groups').map((r) => r.slice(0, 4))).to.deep.equal([
      ['1', 'Cabina di regia riservata', 'Privato', '5'],
      ['2', 'Comunità SPI', 'Pubblico', '4'],
      ['3', 'Rete degli osservatori', 'Pubblico', '2'],
    ]);
    expect(tableRows(res.text, 'table-events')).to.deep.equal([
      ['2026-03-02', '2', '0'],
      ['2026-03-09', '0', '2'],
      ['2026-03-16', '2', '0'],
      ['2026-03-23', '1', '1'],
    ]);
    for (const id of ['members', 'groups', 'discussions', 'courses', 'practices', 'exchange', 'events', 'twinnings']) {
      expect(res.text, id).to.contain(`id="chart-${id}"`);
      expect(res.text, id).to.contain(`id="table-${id}"`);
    }
    const chart = JSON.parse(decode(/id="chart-discussions" data-chart="([^"]+)"/.exec(res.text)![1]!));
    expect(chart).to.deep.equal({
      type: 'bar',
      labels: ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'],
      datasets: [
        { label: 'Discussioni aperte', data: [1, 1, 1, 0] },
        { label: 'Risposte', data: [1, 2, 2, 3] },
      ],
    });
    // Headline figures, rates included.
    expect(res.text).to.match(/Tasso di completamento<\/dt><dd[^>]*>25 %/);
    expect(res.text).to.match(/Superamento dei quiz<\/dt><dd[^>]*>75 %/);
    expect(res.text).to.match(/Membri attivi \(30 giorni\)<\/dt><dd[^>]*>4</);
    expect(res.text).to.contain('src="/static/build/monitoring.js"');
    expect(res.text).not.to.match(/<script>(?!<\/script>)/);
  });

  it('exports each section as CSV with the same rows as its table', async () => {
    const res = await animator.get(`${PAGE}?${march}&format=csv&figure=discussions`).expect(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.contain('monitoraggio-discussions-2026-03-02-2026-03-29.csv');
    expect(csvRows(res.text)).to.deep.equal([
      ['Settimana dal', 'Discussioni aperte', 'Risposte'],
      ['2026-03-02', '1', '1'],
      ['2026-03-09', '1', '2'],
      ['2026-03-16', '1', '2'],
      ['2026-03-23', '0', '3'],
    ]);
    const members = csvRows((await animator.get(`${PAGE}?${march}&format=csv&figure=members`).expect(200)).text);
    expect(members).to.deep.equal([
      ['Settimana dal', 'Nuovi membri', 'Membri iscritti'],
      ['2026-03-02', '1', '3'],
      ['2026-03-09', '1', '4'],
      ['2026-03-16', '0', '4'],
      ['2026-03-23', '1', '5'],
    ]);
    const monthly = csvRows(
      (await animator.get(`${PAGE}?from=2026-01-01&to=2026-06-30&bucket=month&format=csv&figure=courses`).expect(200))
        .text,
    );
    expect(monthly[0]).to.deep.equal(['Mese', 'Iscrizioni', 'Completamenti']);
    expect(monthly.slice(1)).to.deep.equal([
      ['2026-01', '0', '0'],
      ['2026-02', '1', '0'],
      ['2026-03', '4', '2'],
      ['2026-04', '0', '1'],
      ['2026-05', '0', '0'],
      ['2026-06', '0', '0'],
    ]);
    await animator.get(`${PAGE}?${march}&format=csv&figure=segreti`).expect(400);
  });

  it("writes a private group's name in the CSV only for those who may see it", async () => {
    const outsider = await signedInAgent(ctx.app, net.outsider.email, net.outsider.password);
    const rows = csvRows((await outsider.get(`${PAGE}?${march}&format=csv&figure=groups`).expect(200)).text);
    expect(rows[1]!.slice(0, 4)).to.deep.equal(['1', 'Gruppo privato', 'Privato', '5']);
    expect(rows.flat().join(' ')).not.to.contain('Cabina');
    const page = await outsider.get(`${PAGE}?${march}`).expect(200);
    expect(page.text).not.to.contain('Cabina');
  });

  it('sets targets through the form and shows the progress over each target’s own period, as a bar and as text', async () => {
    const page = await animator.get(`${PAGE}?${march}`).expect(200);
    const csrf = csrfFrom(page.text);
    const back = march;
    const post = (body: Record<string, string>) =>
      animator
        .post(`${PAGE}/obiettivi`)
        .type('form')
        .send({ _csrf: csrf, back, ...body });
    await post({ figure: 'courses_completion_rate', periodFrom: PERIOD.from, periodTo: PERIOD.to, target: '50' })
      .expect(303)
      .expect('Location', `${PAGE}?${march}`);
    await post({
      figure: 'members_new',
      periodFrom: PERIOD.from,
      periodTo: PERIOD.to,
      target: '3',
      note: 'Tre nuovi',
    }).expect(303);
    // Over all of March (1–31): the cerco of 23:30 on 1 March counts too → 4 of 2.
    await post({ figure: 'exchange_posts', periodFrom: '2026-03-01', periodTo: '2026-03-31', target: '2' }).expect(303);
    // A target far from the period is not shown with it.
    await post({ figure: 'exchange_posts', periodFrom: '2025-01-01', periodTo: '2025-12-31', target: '9' }).expect(303);

    const res = await animator.get(`${PAGE}?${march}`).expect(200);
    const targets = [...res.text.matchAll(/<li class="mb-3 target" data-figure="(\w+)">([\s\S]*?)<\/li>/g)].map(
      (m) => ({
        figure: m[1],
        bar: /aria-valuenow="(\d+)"/.exec(m[2]!)![1],
        text: decode(/<p class="mb-1 target-text">([\s\S]*?)<\/p>/.exec(m[2]!)![1]!.replace(/<[^>]+>/g, '')),
      }),
    );
    expect(targets).to.deep.equal([
      {
        figure: 'exchange_posts',
        bar: '100',
        text: "4 su 2 (200 % dell'obiettivo) — Obiettivo raggiunto",
      },
      {
        figure: 'courses_completion_rate',
        bar: '50',
        text: "25 % su 50 % (50 % dell'obiettivo) — Non ancora raggiunto",
      },
      {
        figure: 'members_new',
        bar: '100',
        text: "3 su 3 (100 % dell'obiettivo) — Obiettivo raggiunto",
      },
    ]);
    expect(res.text).to.contain('Tre nuovi');
    expect(res.text).to.contain('Fissato da Anna Animatrice');

    // Setting the same figure and period again changes it, and the audit log keeps both.
    await post({ figure: 'members_new', periodFrom: PERIOD.from, periodTo: PERIOD.to, target: '6' }).expect(303);
    const again = await animator.get(`${PAGE}?${march}`).expect(200);
    expect(decode(again.text)).to.contain("3 su 6 (50 % dell'obiettivo)");
    const audit = await ctx.database.query<{
      action: string;
      actor_id: number;
      data: { figure: string; target: number };
    }>(`SELECT action, actor_id, data FROM audit_log WHERE target_type = 'monitoring_target' ORDER BY id`);
    expect(audit.map((a) => [a.action, a.actor_id, a.data.figure, Number(a.data.target)])).to.deep.equal([
      ['target_set', net.animator.id, 'courses_completion_rate', 50],
      ['target_set', net.animator.id, 'members_new', 3],
      ['target_set', net.animator.id, 'exchange_posts', 2],
      ['target_set', net.animator.id, 'exchange_posts', 9],
      ['target_set', net.animator.id, 'members_new', 6],
    ]);

    // Targets as CSV.
    const csv = csvRows((await animator.get(`${PAGE}?${march}&format=csv&figure=targets`).expect(200)).text);
    expect(csv[0]).to.deep.equal(['Cifra', 'Dal', 'Al', 'Obiettivo', 'Valore', 'Avanzamento (%)', 'Fissato da']);
    expect(csv.slice(1)).to.deep.include(['Nuovi membri', PERIOD.from, PERIOD.to, '6', '3', '50', 'Anna Animatrice']);

    // Removing one.
    const [row] = await ctx.database.query<{ id: number }>(
      `SELECT id FROM monitoring_targets WHERE figure = 'members_new'`,
    );
    const id = row!.id;
    await animator.post(`${PAGE}/obiettivi/${id}/elimina`).type('form').send({ _csrf: csrf, back }).expect(303);
    const after = await animator.get(`${PAGE}?${march}`).expect(200);
    expect(after.text).not.to.contain('data-figure="members_new"');
    const [last] = await ctx.database.query<{ action: string }>(
      `SELECT action FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(last!.action).to.equal('target_removed');
  });

  it('refuses a bad target with its message, and a form without its CSRF token', async () => {
    const page = await animator.get(`${PAGE}?${march}`).expect(200);
    const csrf = csrfFrom(page.text);
    const before = await ctx.database.query('SELECT id FROM monitoring_targets');
    const bad = [
      { figure: 'segreti', periodFrom: PERIOD.from, periodTo: PERIOD.to, target: '3' },
      { figure: 'members_new', periodFrom: PERIOD.to, periodTo: PERIOD.from, target: '3' },
      { figure: 'members_new', periodFrom: PERIOD.from, periodTo: PERIOD.to, target: '-1' },
      { figure: 'members_new', periodFrom: PERIOD.from, periodTo: PERIOD.to, target: 'tanti' },
      { figure: 'members_new', periodFrom: '2020-01-01', periodTo: '2025-06-01', target: '3' },
    ];
    for (const body of bad) {
      await animator
        .post(`${PAGE}/obiettivi`)
        .type('form')
        .send({ _csrf: csrf, back: march, ...body })
        .expect(303);
      const shown = await animator.get(`${PAGE}?${march}`).expect(200);
      expect(shown.text, JSON.stringify(body)).to.match(
        /Cifra sconosciuta|data di inizio del periodo|L&#x27;obiettivo deve essere|al massimo 5 anni/,
      );
    }
    await animator
      .post(`${PAGE}/obiettivi`)
      .type('form')
      .send({ figure: 'members_new', periodFrom: PERIOD.from, periodTo: PERIOD.to, target: '3' })
      .expect(403);
    expect(await ctx.database.query('SELECT id FROM monitoring_targets')).to.have.length(before.length);
  });

  it('is for animators and admins: members get 403, anonymous visitors the login page', async () => {
    const member = await signedInAgent(ctx.app, net.member.email, net.member.password);
    await member.get(PAGE).expect(403);
    await member.get(`${PAGE}?${march}&format=csv&figure=members`).expect(403);
    const csrf = csrfFrom((await member.get('/').expect(200)).text);
    await member
      .post(`${PAGE}/obiettivi`)
      .type('form')
      .send({ _csrf: csrf, figure: 'members_new', periodFrom: PERIOD.from, periodTo: PERIOD.to, target: '3' })
      .expect(403);
    await request(ctx.app)
      .get(PAGE)
      .expect(303)
      .expect('Location', `/accedi?next=${encodeURIComponent(PAGE)}`);
    await request(ctx.app).get(`${PAGE}?format=csv&figure=members`).expect(303);
    const admin = await signedInAgent(ctx.app, net.admin.email, net.admin.password);
    await admin.get(PAGE).expect(200);
    // Linked from the user menu of animators (not members) and from the admin page.
    expect((await animator.get('/').expect(200)).text).to.contain(`href="${PAGE}"`);
    expect((await member.get('/').expect(200)).text).not.to.contain(`href="${PAGE}"`);
    expect((await admin.get('/admin').expect(200)).text).to.contain(`href="${PAGE}"`);
  });

  it('shows a bad period back with its message and a 400, keeping what was typed', async () => {
    const reversed = await animator.get(`${PAGE}?from=2026-03-29&to=2026-03-02`).expect(400);
    expect(reversed.text).to.contain('La data di inizio del periodo deve venire prima della data di fine');
    expect(reversed.text).to.match(/id="f-from" name="from" value="2026-03-29"/);
    expect(reversed.text).to.contain('aria-invalid="true"');
    expect(reversed.text).not.to.contain('id="table-members"');
    const long = await animator.get(`${PAGE}?from=2019-01-01&to=2026-03-02`).expect(400);
    expect(long.text).to.contain('Il periodo può durare al massimo 5 anni.');
    await animator.get(`${PAGE}?from=2019-01-01&to=2026-03-02&format=csv&figure=members`).expect(400);
  });

  it('offers quick periods and defaults to the last 90 days by week', async () => {
    const res = await animator.get(PAGE).expect(200);
    for (const label of ['Ultimi 30 giorni', 'Ultimi 3 mesi', 'Ultimi 12 mesi', 'Anno in corso'])
      expect(res.text).to.contain(label);
    expect(res.text).to.match(/Periodo mostrato: dal \d{4}-\d{2}-\d{2} al \d{4}-\d{2}-\d{2}, per settimana\./);
  });
});
