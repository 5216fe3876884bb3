import { type LanguageCode } from '../../text/language';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';
import { pt } from './pt';
import { type Vocabulary } from './vocabulary';

// One vocabulary per language the index can be built in; the compiler makes sure none is missing.
const VOCABULARIES: Record<LanguageCode, Vocabulary> = { en, es, fr, it, pt, nl, de };

/** The rule vocabulary for a corpus language. */
export function vocabularyFor(language: LanguageCode): Vocabulary {
  return VOCABULARIES[language];
}
