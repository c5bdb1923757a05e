import { useEffect, useState } from 'preact/hooks';
import type { Workspace } from '../models/workspace';
import { AgentsSettings } from './settings/AgentsSettings';
import { AuditLogSettings } from './settings/AuditLogSettings';
import { CannedRepliesSettings } from './settings/CannedRepliesSettings';
import { SitesSettings } from './settings/SitesSettings';

type Section = 'sites' | 'agents' | 'canned' | 'audit';

const SECTIONS: readonly { id: Section; label: string }[] = [
  { id: 'sites', label: 'Sites' },
  { id: 'agents', label: 'Agents' },
  { id: 'canned', label: 'Canned replies' },
  { id: 'audit', label: 'Audit log' },
];

/** Owners' settings: sites and their widget, the team, canned replies, and the audit log. */
export function SettingsView(props: {
  workspace: Workspace;
  copy?: (text: string) => Promise<void>;
}) {
  const { workspace } = props;
  const [section, setSection] = useState<Section>('sites');

  useEffect(() => {
    void workspace.sitesAdmin.load();
    void workspace.agentsAdmin.load();
  }, [workspace]);

  return (
    <main class="settings">
      <header class="settings-head">
        <h1>Settings</h1>
        <div role="tablist" aria-label="Settings" class="tabs tabs-underline">
          {SECTIONS.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`settings-tab-${id}`}
              aria-selected={section === id}
              aria-controls={`settings-panel-${id}`}
              class="tab"
              onClick={() => setSection(id)}
            >
              {label}
            </button>
          ))}
        </div>
      </header>
      <div
        role="tabpanel"
        id={`settings-panel-${section}`}
        aria-labelledby={`settings-tab-${section}`}
        class="settings-body"
      >
        {section === 'sites' && (
          <SitesSettings
            admin={workspace.sitesAdmin}
            exporter={workspace.siteExport}
            {...(props.copy ? { copy: props.copy } : {})}
          />
        )}
        {section === 'agents' && (
          <AgentsSettings
            admin={workspace.agentsAdmin}
            sites={workspace.sitesAdmin.items.value}
            meId={workspace.directory.me.value.id}
          />
        )}
        {section === 'canned' && (
          <CannedRepliesSettings
            canned={workspace.canned}
            sites={workspace.sitesAdmin.items.value}
            files={workspace.cannedFiles}
          />
        )}
        {section === 'audit' && <AuditLogSettings log={workspace.auditLog} />}
      </div>
    </main>
  );
}
