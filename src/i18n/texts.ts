import { en } from './en/index.js';
import { sv } from './sv/index.js';

export type Texts = typeof sv;
export type Language = 'sv' | 'en';

/** Swedish first; English when the Teams client's locale is English. */
export function languageOf(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

export function texts(language: Language): Texts {
  return language === 'en' ? en : sv;
}
