// The demo: every questionnaire answered over several months, and the CPI di Firenze's plan half done.
import { expect } from 'chai';
import { seedDemoIfEmpty } from '../../../server/demo/seed.ts';
import { seedQuestionnaireDemo } from '../../../server/demo/seed-questionnaires.ts';
import * as q from '../../../models/queries/questionnaires.ts';
import { testContext } from '../../helpers/context.ts';

describe('questionnaires: demo content', function () {
  this.timeout(60_000);
  it('answers every questionnaire across months and leaves a CPI plan half done', async () => {
    const ctx = await testContext();
    await seedDemoIfEmpty(ctx);
    const counts = await seedQuestionnaireDemo(ctx);
    expect(counts.plans).to.equal(1);
    for (const qn of await q.listQuestionnaires(ctx.database.db, { publishedOnly: true })) {
      const rows = await q.submittedForReport(ctx.database.db, qn.id);
      expect(rows.length, qn.slug).to.be.greaterThan(20);
      expect(new Set(rows.map((r) => r.submittedAt.toISOString().slice(0, 7))).size, qn.slug).to.be.greaterThan(3);
    }
    const [plan] = await q.listPlans(ctx.database.db, null);
    const actions = await q.planActions(ctx.database.db, [plan!.id]);
    expect(actions.filter((a) => a.status === 'done').length * 2).to.equal(actions.length);
    expect(await seedQuestionnaireDemo(ctx)).to.deep.equal({ responses: 0, plans: 0 });
  });
});
