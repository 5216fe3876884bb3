import { expect } from 'chai';
import { splitWithList } from '../../../src/channels/twilio/split-with-list';

const LIST = 'You might also want to know:\n1. How do I book?\n2. Can I cancel?\nReply with a number.';

describe('splitWithList', () => {
  it('puts the list after a short answer, in the same message', () => {
    expect(splitWithList('Renting costs £15.', LIST)).to.deep.equal([`Renting costs £15.\n\n${LIST}`]);
  });

  it('keeps a long answer within 1,600 characters a message and the list whole at the end', () => {
    const answer = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} of a long answer about bike rental.`).join(' ');
    const messages = splitWithList(answer, LIST);
    expect(messages.length).to.be.greaterThan(1);
    for (const message of messages) expect(message.length).to.be.at.most(1600);
    expect(messages.at(-1)!.endsWith(LIST)).to.equal(true);
    expect(messages.join(' ').replace(/\s+/g, ' ')).to.equal(`${answer} ${LIST}`.replace(/\s+/g, ' '));
  });

  it('sends the list as a message of its own when the last part of the answer leaves no room', () => {
    const answer = 'x'.repeat(1590);
    expect(splitWithList(answer, LIST)).to.deep.equal([answer, LIST]);
  });

  it('without a list, or with an empty one, is the plain split', () => {
    expect(splitWithList('Hello.', undefined)).to.deep.equal(['Hello.']);
    expect(splitWithList('Hello.', '')).to.deep.equal(['Hello.']);
  });

  it('puts the list in the last message when the two fill it exactly', () => {
    const answer = 'x'.repeat(100 - 2 - LIST.length);
    expect(splitWithList(answer, LIST, 100)).to.deep.equal([`${answer}\n\n${LIST}`]);
  });
});
