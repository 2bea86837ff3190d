// Property test: a questionnaire's dimension titles (written by its animator in the editor) reach
// its result page inside <script type="application/json"> for the chart. Whatever the titles, the
// page parses to that one script holding the titles as data, and no element they spell.
import { expect } from 'chai';
import fc from 'fast-check';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import request from 'supertest';
import { createUser } from '../../factories.ts';
import { testContext, type TestContext } from '../../helpers/context.ts';
import { apiToken, signedInAgent, type Agent } from '../../helpers/http.ts';
import { FIXTURE_YAML } from '../questionnaires/helpers.ts';
import { toSessionUser } from '../../../server/features/accounts/accounts.service.ts';
import { saveFromEditor } from '../../../server/features/questionnaires/questionnaires.service.ts';

const TITLES = [
  '</script><img src=x onerror=alert(1)>',
  '</SCRIPT ><svg onload=alert(1)>',
  '<!--<script>',
  '&lt;/script&gt;',
  '\u2028\u2029',
  "Servizio <b>'&'</b>",
];

describe('property: the questionnaire chart data on a result page', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let animator: Express.User;
  let token: string;
  let agent: Agent;

  before(async () => {
    ctx = await testContext();
    animator = toSessionUser(await createUser(ctx, { role: 'animator', organization: 'Formez PA' }));
    const member = await createUser(ctx);
    token = await apiToken(ctx.app, member.email, member.password);
    agent = await signedInAgent(ctx.app, member.email, member.password);
  });

  it('holds any dimension title as data, never as markup', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TITLES), fc.string({ maxLength: 12 }), async (hostile, noise) => {
        const title = `Dimensione ${noise}${hostile}`;
        const slug = `prova-${++n}`;
        // A function, not a string: a title with "$&" in it would otherwise be read as a pattern.
        const yaml = FIXTURE_YAML({}).replace('title: Servizio', () => `title: ${JSON.stringify(title)}`);
        await saveFromEditor(ctx, animator, { slug, yaml });
        const answers = { l1: 3, s1: 'si', n1: 4, m1: ['a'] };
        const res = await request(ctx.app)
          .post(`/api/v1/questionnaires/${slug}/responses`)
          .set('Authorization', `Bearer ${token}`)
          .send({ answers, submit: true })
          .expect(201);
        const page = await agent.get(`/questionari/${slug}/risultati/${res.body.response.id}`).expect(200);
        const doc = parseDocument(page.text);
        const scripts = DomUtils.findAll(
          (e: Element) => e.name === 'script' && e.attribs.type === 'application/json',
          doc.children,
        );
        expect(scripts, 'one chart script').to.have.length(1);
        const data = JSON.parse(DomUtils.textContent(scripts[0]!)) as { labels: string[] };
        const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();
        expect(spaced(data.labels[0]!)).to.equal(spaced(title));
        const spelled = DomUtils.findAll(
          (e: Element) =>
            (e.name === 'img' && e.attribs.src === 'x') || Object.keys(e.attribs).some((a) => a.startsWith('on')),
          doc.children,
        );
        expect(spelled.map((e) => e.name)).to.deep.equal([]);
      }),
      { numRuns: 8 },
    );
  });
});
