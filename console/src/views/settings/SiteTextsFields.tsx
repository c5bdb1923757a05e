import { LOCALES, type Locale, type PrechatField, type SiteTexts } from '@parley/shared';
import { useId, useState } from 'preact/hooks';
import type { SiteTextKey } from '../../models/site-texts';

/** Language names as an owner reads them (the console is in English). */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  vi: 'Vietnamese',
  ro: 'Romanian',
  tl: 'Tagalog',
  pl: 'Polish',
};

const TEXT_FIELDS: { key: SiteTextKey; label: string; max: number; hint: string }[] = [
  { key: 'greeting', label: 'Greeting', max: 500, hint: 'Empty: the greeting above.' },
  {
    key: 'awayMessage',
    label: 'Away message',
    max: 500,
    hint: 'Above the form for leaving a message. Empty: the widget’s own words.',
  },
  {
    key: 'csatQuestion',
    label: 'Satisfaction question',
    max: 200,
    hint: 'Empty: “Rate this conversation” in this language.',
  },
  {
    key: 'npsQuestion',
    label: 'Recommendation question',
    max: 200,
    hint: 'Empty: the widget’s 0–10 question in this language.',
  },
];

/**
 * The site's words per language: a visitor reading Polish gets the Polish greeting, field labels,
 * away message and rating questions where they are given, the defaults otherwise.
 */
export function SiteTextsFields(props: {
  value: Partial<Record<Locale, SiteTexts>>;
  prechatFields: PrechatField[];
  onChange: (value: Partial<Record<Locale, SiteTexts>>) => void;
}) {
  const id = useId();
  const [language, setLanguage] = useState<Locale>('pl');
  const texts = props.value[language] ?? {};
  const name = LANGUAGE_NAMES[language];
  const update = (next: SiteTexts) => props.onChange({ ...props.value, [language]: next });

  return (
    <fieldset>
      <legend>Texts per language</legend>
      <label class="field field-narrow">
        <span>Language of these texts</span>
        <select value={language} onChange={(e) => setLanguage(e.currentTarget.value as Locale)}>
          {LOCALES.map((code) => (
            <option key={code} value={code}>
              {LANGUAGE_NAMES[code]}
              {props.value[code] && Object.keys(props.value[code]).length ? ' ✓' : ''}
            </option>
          ))}
        </select>
      </label>
      {TEXT_FIELDS.map((field) => (
        <div class="field" key={field.key}>
          <label for={`${id}-${field.key}`}>
            {field.label} ({name})
          </label>
          <textarea
            id={`${id}-${field.key}`}
            rows={field.max > 200 ? 2 : 1}
            maxLength={field.max}
            value={texts[field.key] ?? ''}
            aria-describedby={`${id}-${field.key}-hint`}
            onInput={(e) => update({ ...texts, [field.key]: e.currentTarget.value })}
          />
          <small id={`${id}-${field.key}-hint`} class="hint">
            {field.hint}
          </small>
        </div>
      ))}
      {props.prechatFields.map((field) => (
        <label class="field" key={field.key}>
          <span>
            Label of “{field.label}” ({name})
          </span>
          <input
            maxLength={100}
            value={texts.fieldLabels?.[field.key] ?? ''}
            placeholder={field.label}
            onInput={(e) =>
              update({
                ...texts,
                fieldLabels: { ...texts.fieldLabels, [field.key]: e.currentTarget.value },
              })
            }
          />
        </label>
      ))}
    </fieldset>
  );
}
