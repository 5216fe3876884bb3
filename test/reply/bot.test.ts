import { expect } from 'chai';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { createBotFromIndex, listTopics } from '../../src/reply/bot-from-index';
import { fillTemplate } from '../../src/reply/templates';
import { loadBakeryIndex } from '../helpers/bakery-index';

describe('createBotFromIndex', () => {
  let index: LoadedIndex;
  before(() => {
    index = loadBakeryIndex({ greeting: 'Welcome to the bakery!' });
  });
  const ask = (text: string, mediaCount = 0) => createBotFromIndex(index).reply({ text, mediaCount });

  it('answers from the corpus above the threshold', () => {
    const reply = ask('when do you open on sundays');
    expect(reply).to.include({ answerId: 'opening-hours', fallback: null, text: 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.' });
    expect(reply.score).to.be.greaterThan(0.5);
  });

  it('greets with the editor’s text from replies.json', () => {
    expect(ask('hello')).to.include({ fallback: 'greeting', text: 'Welcome to the bakery!', answerId: null });
  });

  it('thanks and says goodbye', () => {
    expect(ask('thank you!').fallback).to.equal('thanks');
    expect(ask('bye').fallback).to.equal('goodbye');
  });

  it('lists the corpus topics for help', () => {
    expect(ask('help')).to.include({ fallback: 'help', text: 'I can answer questions about: Visit, Products, Orders.\nJust ask in your own words, or type *human* to talk to a person.' });
  });

  it('hands off to a person even when the words also match an answer', () => {
    expect(ask('i want to talk to a human about my cake order')).to.include({ fallback: 'human', answerId: null });
  });

  it('asks for text when the message is empty, and says it cannot read media', () => {
    expect(ask('   ').fallback).to.equal('empty');
    expect(ask('', 1).fallback).to.equal('media');
  });

  it('offers the closest question for a near miss', () => {
    const reply = ask('coeliac friendly');
    expect(reply).to.include({ fallback: 'didYouMean', text: 'Did you mean: "do you have gluten free bread"? If so, just send it as your question.' });
  });

  it('falls back with suggestions when the match is weak, and without when there is none', () => {
    const weak = ask('fresh bread today');
    expect(weak.fallback).to.equal('fallback');
    expect(weak.text).to.match(/^Sorry, I don't know that one yet\. Closest questions I can answer:\n• /);
    const none = ask('xyzzy qwv');
    expect(none).to.include({ fallback: 'fallback', score: 0 });
    expect(none.text).to.match(/Type \*help\* to see what I can answer/);
  });

  it('listTopics gives each category once, in corpus order', () => {
    expect(listTopics(index)).to.deep.equal(['Visit', 'Products', 'Orders']);
  });
});

describe('fillTemplate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('Did you mean {question}? {typo}', { question: 'x' })).to.equal('Did you mean x? {typo}');
  });
});
