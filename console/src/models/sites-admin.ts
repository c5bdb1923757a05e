import { signal } from '@preact/signals';
import type { Site, SiteCreate, SiteUpdate } from '@parley/shared';
import type { ApiClient } from '../api/api-client';
import type { RequestError } from '../api/request-error';
import { trackedRequest } from './tracked-request';

/** Owners' site settings: create sites, edit their widget, rotate the identity secret. */
export function createSitesAdmin(deps: {
  api: Pick<ApiClient, 'listSites' | 'createSite' | 'updateSite' | 'rotateSecret'>;
  /** Told about every site the relay returns, so the rest of the console sees the change. */
  onSite: (site: Site) => void;
}) {
  const { api, onSite } = deps;
  const items = signal<Site[]>([]);
  const selectedId = signal<string | null>(null);
  const loading = signal(false);
  const loadError = signal<RequestError | null>(null);
  const saving = signal(false);
  const saveError = signal<RequestError | null>(null);
  /** The last successful change, for a short confirmation. */
  const saved = signal<string | null>(null);

  function put(site: Site): void {
    const index = items.value.findIndex((entry) => entry.id === site.id);
    items.value =
      index === -1 ? [...items.value, site] : items.value.map((s) => (s.id === site.id ? site : s));
    onSite(site);
  }

  async function load(): Promise<void> {
    await trackedRequest(loading, loadError, async () => {
      const { items: sites } = await api.listSites();
      items.value = sites;
      if (!sites.some((site) => site.id === selectedId.value)) {
        selectedId.value = sites[0]?.id ?? null;
      }
    });
  }

  function save(label: string, run: () => Promise<Site>): Promise<boolean> {
    saved.value = null;
    return trackedRequest(saving, saveError, async () => {
      put(await run());
      saved.value = label;
    });
  }

  async function create(body: SiteCreate): Promise<boolean> {
    const ok = await save('Site created.', () => api.createSite(body));
    if (ok) selectedId.value = items.value[items.value.length - 1]?.id ?? selectedId.value;
    return ok;
  }

  const update = (siteId: string, patch: SiteUpdate) =>
    save('Changes saved.', () => api.updateSite(siteId, patch));

  const rotateSecret = (siteId: string) =>
    save('A new identity secret is in effect.', () => api.rotateSecret(siteId));

  function select(siteId: string): void {
    selectedId.value = siteId;
    saveError.value = null;
    saved.value = null;
  }

  return {
    items,
    selectedId,
    loading,
    loadError,
    saving,
    saveError,
    saved,
    load,
    create,
    update,
    rotateSecret,
    select,
  };
}

export type SitesAdmin = ReturnType<typeof createSitesAdmin>;
