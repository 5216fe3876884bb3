import { expect } from 'chai';
import { type LoggedQuestion } from '../../src/store/read-log';
import { formatUnansweredCsv } from '../../src/unanswered/format-unanswered';
import { unansweredReason } from '../../src/unanswered/select-unanswered';
import { buildUnansweredReport } from '../../src/unanswered/unanswered-report';
import { loadBakeryIndex } from '../helpers/bakery-index';

const at = '2026-11-27T08:00:00.000Z';
const logged = (body: string, fallback: string | null, score: number, answerId: string | null = null): LoggedQuestion => ({ receivedAt: at, body, fallback, score, answerId });

describe('the unanswered report', () => {
  it('takes fallbacks, did-you-means and answers below the margin; not confident answers nor small talk', () => {
    expect(unansweredReason(logged('x', 'fallback', 0.01))).to.equal('fallback');
    expect(unansweredReason(logged('x', 'didYouMean', 0.04))).to.equal('didYouMean');
    expect(unansweredReason(logged('x', null, 0.1, 'delivery'))).to.equal('unsure');
    expect(unansweredReason(logged('x', null, 0.1, 'delivery'), { margin: 0.05 })).to.equal(null);
    expect(unansweredReason(logged('x', null, 0.8, 'delivery'))).to.equal(null);
    for (const rule of ['greeting', 'thanks', 'human', 'help', 'empty']) expect(unansweredReason(logged('x', rule, 0)), rule).to.equal(null);
  });

  it('groups, counts, applies --min-count and names the nearest answer of each group', () => {
    const report = buildUnansweredReport(
      [
        logged('do you deliver to the airport hotel', 'didYouMean', 0.05),
        logged('can you deliver to my hotel near the airport', 'fallback', 0.02),
        logged('hi', 'greeting', 0),
        logged('parking?', 'fallback', 0.01),
        logged('how much is delivery', null, 0.9, 'delivery'),
      ],
      loadBakeryIndex(),
      { minCount: 2 },
    );
    expect(report).to.deep.include({ read: 5, reasons: { fallback: 2, didYouMean: 1, unsure: 0 }, groups: 2 });
    expect(report.rows).to.have.length(1);
    expect(report.rows[0]).to.include({ count: 2, nearestId: 'delivery' });
    expect(report.rows[0]!.nearestScore).to.be.within(0, 1);
  });

  it('writes CSV with the five columns, quoting what needs it', () => {
    const csv = formatUnansweredCsv([{ question: 'parking, near you?', count: 3, examples: ['where to park', 'car park'], nearestId: 'location', nearestScore: 0.04321 }, { question: '???', count: 1, examples: [], nearestId: null, nearestScore: null }]);
    expect(csv).to.equal('question,count,examples,nearest_id,nearest_score\n"parking, near you?",3,where to park | car park,location,0.043\n???,1,,,\n');
  });
});
