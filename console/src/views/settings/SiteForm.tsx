import { SITE_LOCALES, type PrechatField, type Site, type SiteUpdate } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import type { RequestError } from '../../api/request-error';
import { FieldErrorText } from '../../components/FieldErrorText';
import {
  checkSiteDraft,
  siteFieldError,
  type FieldError,
  type SiteField,
} from '../../models/site-field-errors';
import { draftToUpdate, siteToDraft, type DayDraft, type SiteDraft } from '../../models/site-form';
import { AttachmentsFields } from './AttachmentsFields';
import { BusinessHoursFields } from './BusinessHoursFields';
import { PrechatFieldsEditor } from './PrechatFieldsEditor';
import { SiteTextsFields } from './SiteTextsFields';

const LOCALE_NAMES: Record<(typeof SITE_LOCALES)[number], string> = {
  auto: 'Automatic (browser)',
  en: 'English',
  vi: 'Vietnamese',
  ro: 'Romanian',
  tl: 'Tagalog',
  pl: 'Polish',
};

/** Where each field's words go, and the input to focus when it is wrong. */
const errorId = (field: SiteField) => `site-error-${field}`;
const inputId = (field: SiteField) => `site-${field}`;

/**
 * A site's name, origins and widget settings; saved in one PATCH. What is wrong is said in words
 * next to its field: found here before sending (an unknown time zone), or named by the relay.
 */
export function SiteForm(props: {
  site: Site;
  saving: boolean;
  /** Why the last save was refused, if it was. */
  saveError: RequestError | null;
  onSave: (patch: SiteUpdate) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<SiteDraft>(() =>
    siteToDraft(props.site, Intl.DateTimeFormat().resolvedOptions().timeZone),
  );
  const [checked, setChecked] = useState<FieldError | null>(null);
  const set = <K extends keyof SiteDraft>(key: K, value: SiteDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const problem = checked ?? siteFieldError(props.saveError);
  const errorText = (field: SiteField) => (problem?.field === field ? problem.text : null);
  /** aria-invalid and the description of a field that is wrong. */
  const invalid = (field: SiteField, describedBy?: string) =>
    problem?.field === field
      ? {
          'aria-invalid': true as const,
          'aria-describedby': [errorId(field), describedBy].filter(Boolean).join(' '),
        }
      : describedBy
        ? { 'aria-describedby': describedBy }
        : {};

  useEffect(() => {
    if (problem) document.getElementById(inputId(problem.field))?.focus();
  }, [problem?.field, problem?.text]);

  function submit(event: Event): void {
    event.preventDefault();
    const found = checkSiteDraft(draft);
    setChecked(found);
    if (!found) void props.onSave(draftToUpdate(draft));
  }

  return (
    <form class="card site-form" onSubmit={submit} aria-label={`Settings of ${props.site.name}`}>
      <h3>Site</h3>
      <label class="field">
        <span>Site name</span>
        <input
          id={inputId('name')}
          value={draft.name}
          required
          maxLength={100}
          {...invalid('name')}
          onInput={(e) => set('name', e.currentTarget.value)}
        />
      </label>
      <FieldErrorText id={errorId('name')} text={errorText('name')} />
      <div class="field">
        <label for={inputId('allowedOrigins')}>Allowed origins</label>
        <textarea
          id={inputId('allowedOrigins')}
          rows={3}
          value={draft.allowedOrigins}
          placeholder="https://shop.example"
          {...invalid('allowedOrigins', 'origins-hint')}
          onInput={(e) => set('allowedOrigins', e.currentTarget.value)}
        />
        <small id="origins-hint" class="hint">
          One per line. Leave empty to allow any website.
        </small>
        <FieldErrorText id={errorId('allowedOrigins')} text={errorText('allowedOrigins')} />
      </div>

      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            aria-describedby="chat-on-hint"
            onChange={(e) => set('enabled', e.currentTarget.checked)}
          />
          Chat on this site
        </label>
        <small id="chat-on-hint" class="hint">
          Off: the chat disappears from the site’s pages and visitors cannot write; its
          conversations stay here, and turning it on again brings it back as it was.
        </small>
      </div>

      <fieldset>
        <legend>Widget</legend>
        <div class="field-row">
          <div class="field">
            <span id="colour-label">Colour</span>
            <div class="color-field">
              <input
                type="color"
                value={draft.color}
                aria-label="Colour picker"
                onInput={(e) => set('color', e.currentTarget.value)}
              />
              <input
                id={inputId('color')}
                value={draft.color}
                aria-labelledby="colour-label"
                pattern="#[0-9a-fA-F]{6}"
                maxLength={7}
                {...invalid('color')}
                onInput={(e) => set('color', e.currentTarget.value)}
              />
            </div>
            <FieldErrorText id={errorId('color')} text={errorText('color')} />
          </div>
          <label class="field">
            <span>Default language</span>
            <select
              id={inputId('defaultLocale')}
              {...invalid('defaultLocale')}
              value={draft.defaultLocale}
              onChange={(e) =>
                set('defaultLocale', e.currentTarget.value as SiteDraft['defaultLocale'])
              }
            >
              {SITE_LOCALES.map((locale) => (
                <option key={locale} value={locale}>
                  {LOCALE_NAMES[locale]}
                </option>
              ))}
            </select>
          </label>
          <FieldErrorText id={errorId('defaultLocale')} text={errorText('defaultLocale')} />
        </div>
        <label class="field">
          <span>Greeting</span>
          <textarea
            id={inputId('greeting')}
            rows={2}
            maxLength={500}
            value={draft.greeting}
            {...invalid('greeting')}
            onInput={(e) => set('greeting', e.currentTarget.value)}
          />
        </label>
        <FieldErrorText id={errorId('greeting')} text={errorText('greeting')} />
        <label class="field">
          <span>Privacy notice URL</span>
          <input
            id={inputId('privacyNoticeUrl')}
            type="url"
            placeholder="https://shop.example/privacy"
            value={draft.privacyNoticeUrl}
            {...invalid('privacyNoticeUrl')}
            onInput={(e) => set('privacyNoticeUrl', e.currentTarget.value)}
          />
        </label>
        <FieldErrorText id={errorId('privacyNoticeUrl')} text={errorText('privacyNoticeUrl')} />
      </fieldset>

      <BusinessHoursFields
        alwaysOpen={draft.alwaysOpen}
        timeZone={draft.timeZone}
        timeZoneInputId={inputId('timeZone')}
        timeZoneError={errorText('timeZone')}
        daysError={errorText('days')}
        days={draft.days}
        onAlwaysOpen={(value) => set('alwaysOpen', value)}
        onTimeZone={(value) => set('timeZone', value)}
        onDay={(day: DayDraft) =>
          set(
            'days',
            draft.days.map((d) => (d.day === day.day ? day : d)),
          )
        }
      />

      <FieldErrorText id={errorId('prechatFields')} text={errorText('prechatFields')} />
      <PrechatFieldsEditor
        fields={draft.prechatFields}
        onChange={(fields: PrechatField[]) => set('prechatFields', fields)}
      />

      <fieldset>
        <legend>After the chat</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.csat}
            onChange={(e) => set('csat', e.currentTarget.checked)}
          />
          Ask for a satisfaction rating (CSAT, 1–5)
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.nps}
            onChange={(e) => set('nps', e.currentTarget.checked)}
          />
          Ask how likely they are to recommend you (NPS, 0–10)
        </label>
        <label class="field field-narrow">
          <span>Close inactive chats after (minutes)</span>
          <input
            id={inputId('inactivityTimeoutMinutes')}
            type="number"
            min={1}
            max={10080}
            required
            value={draft.inactivityTimeoutMinutes}
            {...invalid('inactivityTimeoutMinutes')}
            onInput={(e) => set('inactivityTimeoutMinutes', e.currentTarget.value)}
          />
        </label>
        <FieldErrorText
          id={errorId('inactivityTimeoutMinutes')}
          text={errorText('inactivityTimeoutMinutes')}
        />
      </fieldset>

      <SiteTextsFields
        value={draft.texts}
        prechatFields={draft.prechatFields}
        onChange={(value) => set('texts', value)}
      />
      <FieldErrorText id={errorId('attachments')} text={errorText('attachments')} />
      <AttachmentsFields
        value={draft.attachments}
        onChange={(attachments) => set('attachments', attachments)}
      />

      <fieldset>
        <legend>Privacy</legend>
        <label class="field field-narrow">
          <span>Delete closed conversations after (days; empty keeps them)</span>
          <input
            id={inputId('retentionDays')}
            type="number"
            min={1}
            max={36500}
            value={draft.retentionDays}
            {...invalid('retentionDays')}
            onInput={(e) => set('retentionDays', e.currentTarget.value)}
          />
        </label>
        <FieldErrorText id={errorId('retentionDays')} text={errorText('retentionDays')} />
      </fieldset>

      <fieldset>
        <legend>Security</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.identityVerification}
            onChange={(e) => set('identityVerification', e.currentTarget.checked)}
          />
          Require identity verification (signed userHash) for identified visitors
        </label>
      </fieldset>

      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={props.saving}>
          Save changes
        </button>
      </div>
    </form>
  );
}
