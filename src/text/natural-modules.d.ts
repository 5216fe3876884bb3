// natural's own typings cover only its index module, which is slow to load and prints
// dotenv tips; these declare the deep modules we import instead.
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer' {
  export class RegexpTokenizer {
    constructor(options: { pattern: RegExp; gaps?: boolean });
    tokenize(text: string): string[];
  }
}

declare module 'natural/lib/natural/stemmers/*' {
  const stemmer: { stem(token: string): string };
  export = stemmer;
}

declare module 'natural/lib/natural/util/*' {
  export const words: string[];
}
