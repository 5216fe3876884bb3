import { tokenize } from '../text/tokenize';

/** Conversational moves the bot recognises without the corpus. */
export type SmallTalk = 'human' | 'help' | 'goodbye' | 'thanks' | 'greeting';

interface SmallTalkRule {
  readonly name: SmallTalk;
  /** Words or phrases (normalized, space-separated) any one of which triggers the rule. */
  readonly triggers: readonly string[];
  /** Longest message, in words, the rule applies to; longer messages are questions, not small talk. */
  readonly maxWords: number;
}

// Checked in this order: asking for a person outranks everything, and "hi, thanks" is thanks.
const RULES: readonly SmallTalkRule[] = [
  {
    name: 'human',
    triggers: [
      'human', 'agent', 'operator', 'representative', 'real person', 'staff member', 'customer service', 'live chat',
      'talk to someone', 'speak to someone', 'talk to somebody', 'speak to somebody', 'talk to a person', 'speak to a person',
    ],
    maxWords: 12,
  },
  { name: 'help', triggers: ['help', 'menu', 'options', 'what can you do', 'what can i ask', 'what do you know', 'commands', 'start'], maxWords: 6 },
  { name: 'goodbye', triggers: ['bye', 'goodbye', 'bye bye', 'see you', 'see ya', 'cya', 'good night', 'later', 'take care'], maxWords: 6 },
  { name: 'thanks', triggers: ['thanks', 'thank you', 'thank u', 'thx', 'ty', 'cheers', 'appreciate it', 'much appreciated', 'great thanks', 'ok thanks'], maxWords: 8 },
  {
    name: 'greeting',
    triggers: ['hi', 'hello', 'hey', 'hiya', 'heya', 'hola', 'howdy', 'yo', 'greetings', 'good morning', 'good afternoon', 'good evening', 'morning', 'hi there', 'hello there'],
    maxWords: 5,
  },
];

/** Recognises greetings, thanks, goodbyes, requests for help or for a person; null for anything else. */
export function detectSmallTalk(text: string): SmallTalk | null {
  const words = tokenize(text);
  if (words.length === 0) return null;
  const padded = ` ${words.join(' ')} `;
  for (const rule of RULES) {
    if (words.length > rule.maxWords) continue;
    if (rule.triggers.some((trigger) => padded.includes(` ${trigger} `))) return rule.name;
  }
  return null;
}
