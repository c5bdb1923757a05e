import { SITE_LOCALES, type PrechatField, type Site, type SiteUpdate } from '@parley/shared';
import { useState } from 'preact/hooks';
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

/** A site's name, origins and widget settings; saved in one PATCH. */
export function SiteForm(props: {
  site: Site;
  saving: boolean;
  onSave: (patch: SiteUpdate) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<SiteDraft>(() =>
    siteToDraft(props.site, Intl.DateTimeFormat().resolvedOptions().timeZone),
  );
  const set = <K extends keyof SiteDraft>(key: K, value: SiteDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  function submit(event: Event): void {
    event.preventDefault();
    void props.onSave(draftToUpdate(draft));
  }

  return (
    <form class="card site-form" onSubmit={submit} aria-label={`Settings of ${props.site.name}`}>
      <h3>Site</h3>
      <label class="field">
        <span>Site name</span>
        <input
          value={draft.name}
          required
          maxLength={100}
          onInput={(e) => set('name', e.currentTarget.value)}
        />
      </label>
      <div class="field">
        <label for="site-origins">Allowed origins</label>
        <textarea
          id="site-origins"
          rows={3}
          value={draft.allowedOrigins}
          placeholder="https://shop.example"
          aria-describedby="origins-hint"
          onInput={(e) => set('allowedOrigins', e.currentTarget.value)}
        />
        <small id="origins-hint" class="hint">
          One per line. Leave empty to allow any website.
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
                value={draft.color}
                aria-labelledby="colour-label"
                pattern="#[0-9a-fA-F]{6}"
                maxLength={7}
                onInput={(e) => set('color', e.currentTarget.value)}
              />
            </div>
          </div>
          <label class="field">
            <span>Default language</span>
            <select
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
        </div>
        <label class="field">
          <span>Greeting</span>
          <textarea
            rows={2}
            maxLength={500}
            value={draft.greeting}
            onInput={(e) => set('greeting', e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>Privacy notice URL</span>
          <input
            type="url"
            placeholder="https://shop.example/privacy"
            value={draft.privacyNoticeUrl}
            onInput={(e) => set('privacyNoticeUrl', e.currentTarget.value)}
          />
        </label>
      </fieldset>

      <BusinessHoursFields
        alwaysOpen={draft.alwaysOpen}
        timeZone={draft.timeZone}
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
            type="number"
            min={1}
            max={10080}
            required
            value={draft.inactivityTimeoutMinutes}
            onInput={(e) => set('inactivityTimeoutMinutes', e.currentTarget.value)}
          />
        </label>
      </fieldset>

      <SiteTextsFields
        value={draft.texts}
        prechatFields={draft.prechatFields}
        onChange={(value) => set('texts', value)}
      />
      <AttachmentsFields
        value={draft.attachments}
        onChange={(attachments) => set('attachments', attachments)}
      />

      <fieldset>
        <legend>Privacy</legend>
        <label class="field field-narrow">
          <span>Delete closed conversations after (days; empty keeps them)</span>
          <input
            type="number"
            min={1}
            max={36500}
            value={draft.retentionDays}
            onInput={(e) => set('retentionDays', e.currentTarget.value)}
          />
        </label>
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
