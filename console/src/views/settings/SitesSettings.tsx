import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { Download } from '../../models/download';
import { siteFieldError } from '../../models/site-field-errors';
import type { SitesAdmin } from '../../models/sites-admin';
import { copyText } from '../../platform/clipboard';
import { IdentitySecret } from './IdentitySecret';
import { InstallSnippet } from './InstallSnippet';
import { SiteExport } from './SiteExport';
import { SiteForm } from './SiteForm';

/** Every site of the owner; one is edited at a time. */
export function SitesSettings(props: {
  admin: SitesAdmin;
  exporter: Download;
  copy?: (text: string) => Promise<void>;
}) {
  const { admin } = props;
  const [newName, setNewName] = useState('');
  const site = admin.items.value.find((entry) => entry.id === admin.selectedId.value) ?? null;

  async function create(event: Event): Promise<void> {
    event.preventDefault();
    if (await admin.create({ name: newName })) setNewName('');
  }

  return (
    <div class="settings-split">
      <aside class="settings-list">
        <h2>Sites</h2>
        {admin.loading.value && admin.items.value.length === 0 && <p class="muted">Loading…</p>}
        <ErrorNotice error={admin.loadError.value} onRetry={() => void admin.load()} />
        <ul class="site-list">
          {admin.items.value.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                class="site-list-item"
                aria-current={entry.id === site?.id ? 'true' : undefined}
                onClick={() => admin.select(entry.id)}
              >
                <span
                  class="swatch"
                  style={{ background: entry.widget.color }}
                  aria-hidden="true"
                />
                {entry.name}
              </button>
            </li>
          ))}
        </ul>
        <form class="inline-form" onSubmit={(event) => void create(event)}>
          <label class="field">
            <span>New site name</span>
            <input
              value={newName}
              required
              maxLength={100}
              onInput={(event) => setNewName(event.currentTarget.value)}
            />
          </label>
          <button type="submit" class="button button-secondary" disabled={admin.saving.value}>
            Create site
          </button>
        </form>
      </aside>
      <section class="settings-detail">
        {/* A refusal about one field is said next to that field, in the form. */}
        <ErrorNotice
          error={siteFieldError(admin.saveError.value) ? null : admin.saveError.value}
          onDismiss={() => (admin.saveError.value = null)}
        />
        {admin.saved.value && (
          <p class="notice notice-success" role="status">
            {admin.saved.value}
          </p>
        )}
        {site ? (
          <>
            <InstallSnippet
              siteId={site.id}
              origin={location.origin}
              copy={props.copy ?? copyText}
            />
            <SiteForm
              key={site.id}
              site={site}
              saving={admin.saving.value}
              saveError={admin.saveError.value}
              onSave={(patch) => admin.update(site.id, patch)}
            />
            <IdentitySecret
              secret={site.identitySecret}
              enabled={site.widget.identityVerification}
              busy={admin.saving.value}
              onRotate={() => void admin.rotateSecret(site.id)}
            />
            <SiteExport siteId={site.id} exporter={props.exporter} />
          </>
        ) : (
          !admin.loading.value && <p class="muted">Create a site to get its install snippet.</p>
        )}
      </section>
    </div>
  );
}
