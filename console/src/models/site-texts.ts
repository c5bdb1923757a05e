/** A site's words per language, as the settings form holds them and as the relay stores them. */
import { LOCALES, type Locale, type SiteTexts } from '@parley/shared';

/** The words a site may give per language, besides its pre-chat field labels. */
export type SiteTextKey = Exclude<keyof SiteTexts, 'fieldLabels'>;

const TEXT_KEYS: readonly SiteTextKey[] = [
  'greeting',
  'awayMessage',
  'csatQuestion',
  'npsQuestion',
];

/** The texts to save: empty words left out (so the fallback applies), empty languages dropped. */
export function cleanTexts(
  value: Partial<Record<Locale, SiteTexts>>,
): Partial<Record<Locale, SiteTexts>> {
  const cleaned: Partial<Record<Locale, SiteTexts>> = {};
  for (const code of LOCALES) {
    const texts = value[code];
    if (!texts) continue;
    const out: SiteTexts = {};
    for (const key of TEXT_KEYS) {
      const text = texts[key]?.trim();
      if (text) out[key] = text;
    }
    const labels = Object.entries(texts.fieldLabels ?? {})
      .map(([key, label]) => [key, label.trim()] as const)
      .filter(([, label]) => label);
    if (labels.length) out.fieldLabels = Object.fromEntries(labels);
    if (Object.keys(out).length) cleaned[code] = out;
  }
  return cleaned;
}
