import { expect } from 'chai';
import { readEmoji } from '../../src/reply/emoji';

describe('readEmoji', () => {
  it('says what known emoji mean, in order, and takes them out of the text', () => {
    expect(readEmoji('ok 👍 thanks 🙏')).to.deep.equal({ meanings: ['acknowledgement', 'thanks'], unknown: false, rest: 'ok   thanks  ' });
  });

  it('reads an emoji the same whatever its skin tone or presentation', () => {
    expect(readEmoji('👍🏾').meanings).to.deep.equal(['acknowledgement']);
    expect(readEmoji('❤️').meanings).to.deep.equal(['thanks']);
  });

  it('flags a pictograph it does not know', () => {
    expect(readEmoji('🚲 hire?')).to.deep.equal({ meanings: [], unknown: true, rest: '  hire?' });
  });

  it('takes text smileys out as whole words, so ":D" leaves no word "d" behind', () => {
    expect(readEmoji('good morning :D')).to.deep.equal({ meanings: ['acknowledgement'], unknown: false, rest: 'good morning  ' });
    expect(readEmoji('<3').meanings).to.deep.equal(['thanks']);
    expect(readEmoji('oh no :(')).to.deep.equal({ meanings: [], unknown: false, rest: 'oh no  ' });
  });

  it('leaves colons and brackets inside ordinary text alone', () => {
    expect(readEmoji('open 9:00-17:00 (Sat)')).to.deep.equal({ meanings: [], unknown: false, rest: 'open 9:00-17:00 (Sat)' });
  });
});
