/** The small-talk rules an emoji or emoticon can stand for on its own. */
export type EmojiMeaning = 'acknowledgement' | 'thanks' | 'greeting';

/** What the emoji and emoticons of a message say, and the text left once they are taken out. */
export interface EmojiReading {
  /** The meanings of the emoji the rules know, in message order. */
  readonly meanings: readonly EmojiMeaning[];
  /** True when the message holds a pictograph the rules do not know (a 🚲 may be the question itself). */
  readonly unknown: boolean;
  /** The message without emoji or emoticons, for the word rules. */
  readonly rest: string;
}

// The same everywhere, so they are not part of a language's vocabulary.
const EMOJI: ReadonlyMap<string, EmojiMeaning> = new Map([
  ...[...'👍👌🙂😊😀😃😄😁✅✔🆗💯😎🤙🙌👏☺🤝'].map((emoji) => [emoji, 'acknowledgement'] as const),
  ...[...'🙏❤💙💚🧡💛💜🤍🖤😍🥰💕'].map((emoji) => [emoji, 'thanks'] as const),
  ['👋', 'greeting'],
]);

// Skin tones, the presentation selector and joiners are not pictographs: they stay in the text, where the
// tokenizer drops them like punctuation, so 👍🏾 reads as 👍.
const PICTOGRAPH = /\p{Extended_Pictographic}/gu;
// Text smileys, matched as whole words so ":D" does not leave a word "d" behind; sad ones only go away.
const EMOTICON = /(?<=^|\s)(?:[:;=]-?[)\]DpP]+|<3+|[:;=]-?[(/\\|]+|xD)(?=$|\s|[.,!?])/gu;
const HAPPY = /[)\]DpP3]$/u;

/** Takes the emoji and emoticons out of a message and says what the known ones mean. */
export function readEmoji(text: string): EmojiReading {
  const meanings: EmojiMeaning[] = [];
  let unknown = false;
  const withoutEmoji = text.replace(PICTOGRAPH, (emoji) => {
    const meaning = EMOJI.get(emoji);
    if (meaning === undefined) unknown = true;
    else meanings.push(meaning);
    return ' ';
  });
  const rest = withoutEmoji.replace(EMOTICON, (emoticon) => {
    if (HAPPY.test(emoticon)) meanings.push(emoticon.startsWith('<') ? 'thanks' : 'acknowledgement');
    return ' ';
  });
  return { meanings, unknown, rest };
}
