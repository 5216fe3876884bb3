import { expect } from 'chai';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { DEFAULT_MATCH_OPTIONS } from '../../src/match/options';
import { createBotFromIndex, listQuestions, listTopics } from '../../src/reply/bot-from-index';
import { fillTemplate } from '../../src/reply/templates';
import { loadBakeryIndex, loadCsvIndex } from '../helpers/bakery-index';
import { BAKERY_CSV } from '../helpers/fixtures';

// The bakery with answers that share words with small talk: "help", "morning", "manager", "ok".
const SHARED_WORDS_CSV = `${BAKERY_CSV}cake-advice,help me choose a cake,"Our chocolate fudge cake is the favourite; for a wedding, ask about the lemon tier.",Products
cake-advice,can you help me pick a birthday cake,,
cake-advice,which cake should i get,,
morning-bake,what do you bake in the morning,"Bread and croissants come out of the oven at 6:30 every morning.",Products
morning-bake,is the bread fresh every morning,,
manager-special,what is the manager's special,"This week the manager's special is a rhubarb tart.",Products
manager-special,manager special this week?,,
dogs,is it ok to bring my dog,"Dogs are welcome in the shop; there is a water bowl by the door.",Visit
dogs,ok to come in with a dog?,,
`;

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

  it('acknowledges "ok", "cool" and a thumbs-up', () => {
    for (const text of ['ok', 'cool!', '👍']) expect(ask(text), text).to.include({ fallback: 'acknowledgement', text: DEFAULT_REPLIES.acknowledgement });
  });

  it('says honestly that it is a bot when asked', () => {
    for (const text of ['are you a bot?', 'am i talking to a human']) expect(ask(text), text).to.include({ fallback: 'bot', text: DEFAULT_REPLIES.bot });
  });

  it('greets a short message that names the bakery’s staff, when no answer fits', () => {
    expect(ask('hi sam')).to.include({ fallback: 'greeting' });
  });

  it('reads chat shorthand as the words it stands for', () => {
    expect(ask('whr r u')).to.include({ answerId: 'location', fallback: null });
    expect(ask('wen do u open on sundys')).to.include({ answerId: 'opening-hours', fallback: null });
  });

  it('asks for text when the message is empty, and says it cannot read media', () => {
    expect(ask('   ').fallback).to.equal('empty');
    expect(ask('', 1).fallback).to.equal('media');
  });

  it('offers the closest question for a near miss, numbered', () => {
    const reply = ask('coeliac friendly');
    expect(reply).to.include({ fallback: 'didYouMean', text: 'Did you mean:\n1. do you have gluten free bread\nReply with the number, or ask in other words.' });
    expect(reply.choices).to.deep.equal([{ id: 'gluten-free', question: 'do you have gluten free bread' }]);
  });

  it('quotes a near miss written with its own question mark without doubling it, in a replies.json that quotes {question}', () => {
    const quoting = { didYouMean: 'Did you mean: "{question}"? If so, just send it as your question.' };
    const asked = loadCsvIndex(BAKERY_CSV.replace('do you have gluten free bread,', 'do you have gluten free bread?!,'), quoting);
    const reply = createBotFromIndex(asked).reply({ text: 'coeliac friendly', mediaCount: 0 });
    expect(reply).to.include({ fallback: 'didYouMean', text: 'Did you mean: "do you have gluten free bread"? If so, just send it as your question.' });
  });

  it('lists a near miss as its question is written, in the numbered default', () => {
    const asked = loadCsvIndex(BAKERY_CSV.replace('do you have gluten free bread,', 'do you have gluten free bread?!,'));
    const reply = createBotFromIndex(asked).reply({ text: 'coeliac friendly', mediaCount: 0 });
    expect(reply.text).to.equal('Did you mean:\n1. do you have gluten free bread?!\nReply with the number, or ask in other words.');
  });

  it('falls back with suggestions when the match is weak, and without when there is none', () => {
    const weak = ask('fresh loaves today');
    expect(weak.fallback).to.equal('fallback');
    expect(weak.text).to.match(/^Sorry, I don't know that one yet\. Closest questions I can answer:\n• /);
    const none = ask('xyzzy qwv');
    expect(none).to.include({ fallback: 'fallback', score: 0 });
    expect(none.text).to.match(/Type \*help\* to see what I can answer/);
  });

  it('listTopics gives each category once, in corpus order', () => {
    expect(listTopics(index)).to.deep.equal(['Visit', 'Products', 'Orders']);
  });

  it('listQuestions keys each question as the index normalizes it', () => {
    expect(listQuestions(index).get('where are you')).to.include({ id: 'location' });
    expect(listQuestions(index).get('what is your address')).to.include({ id: 'location' });
  });
});

describe('createBotFromIndex, when small talk shares a word with a corpus answer', () => {
  let index: LoadedIndex;
  before(() => {
    index = loadCsvIndex(SHARED_WORDS_CSV);
  });
  const ask = (text: string) => createBotFromIndex(index).reply({ text, mediaCount: 0 });

  for (const [text, rule, rival] of [
    ['help', 'help', 'cake-advice'],
    ['help me', 'help', 'cake-advice'],
    ['good morning', 'greeting', 'morning-bake'],
    ['ok', 'acknowledgement', 'dogs'],
    ['can i talk to the manager', 'human', 'manager-special'],
  ] as const) {
    it(`answers "${text}" with the ${rule} rule although ${rival} would clear the threshold`, () => {
      const reply = ask(text);
      expect(reply).to.include({ fallback: rule, answerId: null });
      // The ranking is kept for `ask`, and shows the rule won over an answer the matcher would have given.
      expect(reply.candidates[0]?.id).to.equal(rival);
      expect(reply.candidates[0]!.score).to.be.at.least(DEFAULT_MATCH_OPTIONS.threshold);
    });
  }

  it('still answers a question that starts with a greeting or thanks', () => {
    expect(ask('hi, can you help me choose a cake for my mum')).to.include({ answerId: 'cake-advice', fallback: null });
    expect(ask('good morning! is the bread fresh every morning?')).to.include({ answerId: 'morning-bake', fallback: null });
    expect(ask('ok thanks, and do you deliver?')).to.include({ answerId: 'delivery', fallback: null });
  });

  it('lets an editor override a rule by writing its exact phrase as a question', () => {
    const edited = loadCsvIndex(`${SHARED_WORDS_CSV}cake-advice,Help!,,\ndogs,ok,,\n`);
    const reply = (text: string) => createBotFromIndex(edited).reply({ text, mediaCount: 0 });
    expect(reply('HELP')).to.include({ answerId: 'cake-advice', fallback: null });
    expect(reply('ok')).to.include({ answerId: 'dogs', fallback: null });
    // Only the exact phrase: the rule still answers everything else.
    expect(reply('help please')).to.include({ fallback: 'help' });
    expect(reply('ok thanks')).to.include({ fallback: 'thanks' });
  });
});

describe('createBotFromIndex, in the corpus language', () => {
  it('reads small talk in the vocabulary of the language the index was built in', () => {
    const index = loadCsvIndex(
      [
        'id,question,answer,category',
        'horario,¿a qué hora abrís?,"De 9 a 18, de lunes a sábado.",Tienda',
        'horario,¿abrís el domingo?,,',
        'horario,horario de apertura,,',
        'donde,¿dónde estáis?,"Calle Mayor 3, junto a la estación.",Tienda',
        'donde,¿cuál es la dirección?,,',
      ].join('\n'),
      { greeting: '¡Hola! Pregúntame lo que quieras.' },
      { text: { language: 'es' } },
    );
    const ask = (text: string) => createBotFromIndex(index).reply({ text, mediaCount: 0 });
    expect(ask('¡Hola!')).to.include({ fallback: 'greeting', text: '¡Hola! Pregúntame lo que quieras.' });
    expect(ask('muchas gracias')).to.include({ fallback: 'thanks' });
    expect(ask('quiero hablar con una persona')).to.include({ fallback: 'human' });
    expect(ask('hola, ¿abrís el domingo?')).to.include({ answerId: 'horario' });
  });
});

describe('fillTemplate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('Did you mean {question}? {typo}', { question: 'x' })).to.equal('Did you mean x? {typo}');
  });
});
