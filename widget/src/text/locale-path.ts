/** The locale code of an i18n file path such as `../i18n/pl.ts`. */
export function localeOfPath(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.ts$/, '');
}
