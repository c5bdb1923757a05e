/**
 * The languages the visitor can switch to, each named in itself (the same in every language, so
 * a visitor who cannot read the current one still finds their own), in the order sites list them.
 */
export const LOCALE_CHOICES: readonly (readonly [code: string, name: string])[] = [
  ['en', 'English'],
  ['vi', 'Tiếng Việt'],
  ['ro', 'Română'],
  ['tl', 'Tagalog'],
  ['pl', 'Polski'],
];
