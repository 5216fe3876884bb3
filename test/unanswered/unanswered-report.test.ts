import { expect } from 'chai';
import { type LoggedQuestion } from '../../src/store/read-log';
import { formatUnansweredCsv } from '../../src/unanswered/format-unanswered';
import { unansweredReason } from '../../src/unanswered/select-unanswered';
import { buildUnansweredReport } from '../../src/unanswered/unanswered-report';
import { loadBakeryIndex } from '../helpers/bakery-index';

const at = '2026-11-27T08:00:00.000Z';
const logged = (body: string, fallback: string | null, score: number, answerId: string | null = null): LoggedQuestion => ({ receivedAt: at, body, fallback, score, answerId });

describe('the unanswered report', () => {
  it('takes fallbacks, did-you-means, numbered choices and answers below the margin; not confident answers nor small talk', () => {
    expect(unansweredReason(logged('x', 'fallback', 0.01))).to.equal('fallback');
    expect(unansweredReason(logged('x', 'didYouMean', 0.04))).to.equal('didYouMean');
    expect(unansweredReason(logged('x', 'choices', 0.3)), 'numbered choices between tied answers').to.equal('didYouMean');
    expect(unansweredReason(logged('x', null, 0.1, 'delivery'))).to.equal('unsure');
    expect(unansweredReason(logged('x', null, 0.1, 'delivery'), { margin: 0.05 })).to.equal(null);
    expect(unansweredReason(logged('x', null, 0.8, 'delivery'))).to.equal(null);
    for (const rule of ['greeting', 'thanks', 'human', 'help', 'empty']) expect(unansweredReason(logged('x', rule, 0)), rule).to.equal(null);
  });

  it('groups, counts, applies --min-count and names the nearest answer of each group', () => {
    const report = buildUnansweredReport(
      [
        logged('is there parking near the shop', null, 0.085, 'location'),
        logged('is there parking near you', 'fallback', 0.026),
        logged('hi', 'greeting', 0),
        logged('coffee?', 'fallback', 0.006),
        logged('how much is delivery', null, 0.9, 'delivery'),
      ],
      loadBakeryIndex(),
      { minCount: 2 },
    );
    expect(report).to.deep.include({ read: 5, reasons: { fallback: 2, didYouMean: 0, unsure: 1 }, answeredNow: 0, groups: 2 });
    expect(report.rows).to.have.length(1);
    expect(report.rows[0]).to.include({ count: 2, nearestId: 'location' });
    expect(report.rows[0]!.nearestScore).to.be.within(0, 1);
  });

  it('leaves out messages the index answers confidently now, as after the editor added them to the corpus', () => {
    const report = buildUnansweredReport([logged('how much is delivery', 'fallback', 0.01), logged('do you repair e-scooters', 'fallback', 0.01)], loadBakeryIndex());
    expect(report).to.deep.include({ reasons: { fallback: 2, didYouMean: 0, unsure: 0 }, answeredNow: 1 });
    expect(report.rows.map((row) => row.question)).to.deep.equal(['do you repair e-scooters']);
  });

  it('writes CSV with the five columns, quoting what needs it', () => {
    const csv = formatUnansweredCsv([{ question: 'parking, near you?', count: 3, examples: ['where to park', 'car park'], nearestId: 'location', nearestScore: 0.04321 }, { question: '???', count: 1, examples: [], nearestId: null, nearestScore: null }]);
    expect(csv).to.equal('question,count,examples,nearest_id,nearest_score\n"parking, near you?",3,where to park | car park,location,0.043\n???,1,,,\n');
  });
});
