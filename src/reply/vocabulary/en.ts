import { type Vocabulary } from './vocabulary';

/** English: the complete vocabulary, and the model for the others. */
export const en: Vocabulary = {
  greeting: [
    'hi', 'hii', 'hiya', 'hey', 'heya', 'heyy', 'hello', 'helo', 'hallo', 'howdy', 'yo', 'hola', 'greetings', 'gday',
    'hi there', 'hey there', 'hello there', 'good morning', 'good afternoon', 'good evening', 'good day',
    'morning', 'afternoon', 'evening', 'gm', 'how are you', 'how are you doing', 'how are things', 'hows it going',
    'how is it going', 'whats up', 'sup', 'wassup', 'are you there', 'you there', 'anyone there', 'anybody there',
    'is anyone there', 'hello anyone',
  ],
  thanks: [
    'thanks', 'thank you', 'thankyou', 'thanku', 'ty', 'tyvm', 'cheers', 'ta', 'many thanks', 'much appreciated',
    'appreciate it', 'i appreciate it', 'thanks a million', 'no thanks', 'no thank you', 'nice one',
  ],
  goodbye: [
    'bye', 'byebye', 'bye bye', 'goodbye', 'good bye', 'bye for now', 'see you', 'see ya', 'see you later', 'see you soon',
    'see you then', 'cya', 'later', 'laters', 'catch you later', 'talk later', 'talk soon', 'ttyl', 'good night', 'night',
    'take care', 'have a good day', 'have a nice day', 'have a great day', 'have a good one', 'have a good weekend',
    'thats all', 'thats it', 'that is all', 'nothing else', 'all done', 'im done',
  ],
  help: [
    'help', 'help me', 'i need help', 'need help', 'can you help', 'can you help me', 'could you help me', 'get help',
    'help needed', 'menu', 'main menu', 'show menu', 'show me the menu', 'options', 'what can you do', 'what can i ask',
    'what can i ask you', 'what do you know', 'what can you help with', 'what can you help me with', 'how does this work',
    'how do i use this', 'commands', 'start', 'get started', 'info', 'faq', 'faqs',
  ],
  acknowledgement: [
    'ok', 'okay', 'okey', 'okie', 'oki', 'k', 'kk', 'okie dokie', 'okey dokey', 'cool', 'great', 'nice', 'perfect',
    'awesome', 'excellent', 'brilliant', 'lovely', 'fab', 'fantastic', 'amazing', 'super', 'alright', 'all right', 'fine',
    'good', 'very good', 'got it', 'gotcha', 'understood', 'noted', 'sure', 'sounds good', 'that sounds good',
    'fair enough', 'no problem', 'no worries', 'np', 'will do', 'right', 'i see', 'ok then', 'makes sense',
    'that helps', 'that helped', 'great stuff', 'good stuff', 'you too', 'same to you', 'wow',
  ],
  bot: [
    'who are you', 'what are you', 'who am i talking to', 'who am i speaking to', 'who is this', 'whos this',
    'are you for real',
  ],
  humanNoun: [
    'human', 'humans', 'human being', 'real human', 'actual human', 'real person', 'actual person', 'live person',
    'real people', 'agent', 'live agent', 'operator', 'representative', 'customer service agent',
    'customer service representative', 'live chat', 'live support',
  ],
  personNoun: [
    'person', 'someone', 'somebody', 'anyone', 'anybody', 'people', 'manager', 'owner', 'boss', 'staff', 'staff member',
    'member of staff', 'team member', 'member of the team', 'team', 'employee', 'mechanic', 'customer service',
    'customer support', 'support', 'shop assistant', 'salesperson', 'sales team', 'someone from the shop',
    'someone in the shop', 'someone at the shop',
  ],
  contactVerb: [
    'talk to', 'talk with', 'speak to', 'speak with', 'chat to', 'chat with', 'get me',
    'put me through to', 'put me in touch with', 'connect me to', 'connect me with', 'connect me', 'transfer me to',
    'transfer me', 'pass me to', 'contact', 'reach', 'call me', 'call me back', 'ring me', 'ring me back', 'message me',
    'be put through to', 'be transferred to', 'be connected to', 'escalate to',
  ],
  botQuestion: [
    'are you', 'is this', 'is it', 'is that', 'am i talking to', 'am i talking with', 'am i speaking to',
    'am i speaking with', 'am i chatting to', 'am i chatting with', 'am i texting', 'am i messaging',
  ],
  botNoun: [
    'bot', 'robot', 'chatbot', 'chat bot', 'ai', 'machine', 'computer', 'automated', 'automatic',
    'artificial intelligence', 'chatgpt', 'chat gpt', 'program', 'automated system', 'auto reply', 'autoreply',
  ],
  qualifier: ['real', 'actual', 'live', 'proper', 'really'],
  filler: [
    'please', 'please please', 'so', 'so much', 'very', 'very much', 'much', 'a lot', 'lots', 'again', 'there', 'guys',
    'mate', 'mates', 'all', 'folks', 'everyone', 'everybody', 'too', 'and', 'or', 'oh', 'ah', 'well', 'just', 'lol',
    'haha', 'hahaha', 'hehe', 'x', 'xx', 'xxx', 'sir', 'madam', 'dear', 'a', 'an', 'the', 'your', 'to', 'with', 'me',
    'i', 'can', 'could', 'may', 'can i', 'could i', 'may i', 'can you', 'could you', 'can we', 'i want', 'i want to',
    'want to', 'i would like', 'i would like to', 'id like', 'id like to', 'i need', 'i need to', 'need to',
    'i wish to', 'let me', 'is there', 'do you have', 'now', 'right now', 'asap', 'urgently', 'immediately',
    'for me', 'here', 'then', 'for your help', 'for the help', 'for that', 'for the info', 'for the information',
    'for getting back to me', 'for the quick reply', 'for your time', 'for everything',
  ],
  shorthand: {
    whr: 'where', wher: 'where', wen: 'when', wn: 'when', hw: 'how', r: 'are', u: 'you', yu: 'you', ur: 'your',
    wat: 'what', wot: 'what', wht: 'what', wut: 'what', wats: 'whats', whts: 'whats', pls: 'please', plz: 'please',
    plse: 'please', tmrw: 'tomorrow', tmr: 'tomorrow', tmrow: 'tomorrow', '2moro': 'tomorrow', '2mrw': 'tomorrow',
    '2day': 'today', tdy: 'today', tonite: 'tonight', thx: 'thanks', thnx: 'thanks', thanx: 'thanks', tnx: 'thanks',
    abt: 'about', bout: 'about', cn: 'can', hv: 'have', dnt: 'dont', wanna: 'want to', gonna: 'going to',
    ppl: 'people', b4: 'before', msg: 'message', cuz: 'because', thru: 'through', wknd: 'weekend', wkend: 'weekend',
    nite: 'night', thurs: 'thursday', tues: 'tuesday', sth: 'something', smth: 'something', any1: 'anyone',
    some1: 'someone', sum1: 'someone', ne1: 'anyone',
  },
};
