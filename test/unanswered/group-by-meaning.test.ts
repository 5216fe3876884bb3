import { expect } from 'chai';
import { type SparseVector } from '../../src/index/tfidf';
import { groupByMeaning } from '../../src/unanswered/group-by-meaning';
import { messageVectorizer } from '../../src/unanswered/message-vectors';
import { loadBakeryIndex } from '../helpers/bakery-index';

/** A toy vectorizer: one unit-weight feature per word, so the expected groups can be worked out by hand. */
const words = (text: string): SparseVector => {
  const keys = [...new Set(text.toLowerCase().match(/[a-z]+/g) ?? [])];
  return new Map(keys.map((key) => [key, 1 / Math.sqrt(keys.length)]));
};

describe('groupByMeaning', () => {
  it('puts messages that share enough words in one group, largest group first, repeats counted', () => {
    const groups = groupByMeaning(['gift card price', 'wifi password', 'gift card please', 'Gift card price ', 'what is the wifi password', 'gift card price'], words, { similarity: 0.5 });
    expect(groups).to.deep.equal([
      { typical: 'gift card price', count: 4, others: ['gift card please'] },
      { typical: 'wifi password', count: 2, others: ['what is the wifi password'] },
    ]);
  });

  it('keeps messages apart below the similarity, and a message with no features only with its own repeats', () => {
    const groups = groupByMeaning(['gift card', 'card reader', '!!!', '!!!', '  '], words, { similarity: 0.6 });
    expect(groups.map((group) => [group.typical, group.count])).to.deep.equal([
      ['!!!', 2],
      ['gift card', 1],
      ['card reader', 1],
    ]);
  });

  it('picks as typical the message nearest the group centre, not the first one seen', () => {
    const groups = groupByMeaning(['repair scooter fast', 'scooter repair', 'repair my scooter', 'scooter repair price'], words, { similarity: 0.4 });
    expect(groups).to.have.length(1);
    expect(groups[0]!.typical).to.equal('scooter repair');
  });

  it('over the index’s own tf-idf features, groups three spellings of e-scooter repairs and keeps gift cards apart', () => {
    const messages = ['do you repair e-scooters', 'can u fix my e scooter', 'escooter repairs?', 'do you sell gift cards', 'can i buy a gift card'];
    const groups = groupByMeaning(messages, messageVectorizer(loadBakeryIndex(), messages));
    expect(groups.map((group) => [group.count, ...[group.typical, ...group.others].sort()])).to.deep.equal([
      [3, 'can u fix my e scooter', 'do you repair e-scooters', 'escooter repairs?'],
      [2, 'can i buy a gift card', 'do you sell gift cards'],
    ]);
  });
});
