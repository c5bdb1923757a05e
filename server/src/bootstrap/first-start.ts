/**
 * On an empty store: an owner account and a demo site, so the product can be tried at once.
 * Later starts find them and change nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords';
import { newIdentitySecret } from '../http/site-routes';
import { DEFAULT_WIDGET_SETTINGS } from '../sites/default-widget-settings';
import type { Store } from '../storage/store';

/** What the first start created (the password is only known now, so it is printed once). */
export interface FirstStart {
  ownerEmail: string;
  ownerPassword: string;
  siteId: string;
}

const DEMO_SITE_KEY = 'demoSiteId';

/** The demo site's id, if this store has one. */
export function demoSiteId(store: Store): Promise<string | null> {
  return store.getSetting(DEMO_SITE_KEY);
}

/**
 * Creates the owner and the demo site when the store has no agents yet; null otherwise. Runs
 * exclusively across every relay sharing the store: nodes starting together on an empty
 * database create one owner and one demo site, not one each.
 */
export function ensureFirstStart(
  store: Store,
  admin: { email: string | undefined; password: string | undefined },
): Promise<FirstStart | null> {
  return store.runExclusive('first-start', () => createFirstOwner(store, admin));
}

async function createFirstOwner(
  store: Store,
  admin: { email: string | undefined; password: string | undefined },
): Promise<FirstStart | null> {
  if ((await store.listAgents()).length > 0) return null;
  const now = new Date().toISOString();
  const ownerId = randomUUID();
  const siteId = randomUUID();
  const ownerEmail = admin.email?.toLowerCase() ?? 'owner@parley.local';
  const ownerPassword = admin.password ?? randomBytes(12).toString('base64url');
  await store.createSite({
    id: siteId,
    name: 'Demo shop',
    ownerId,
    // Empty: any origin may embed the demo site. Owners list their origins to lock a site down.
    allowedOrigins: [],
    widget: { ...DEFAULT_WIDGET_SETTINGS, rating: { csat: true, nps: true } },
    identitySecret: newIdentitySecret(),
    createdAt: now,
  });
  await store.createAgent({
    id: ownerId,
    email: ownerEmail,
    name: 'Owner',
    role: 'owner',
    status: 'offline',
    capacity: 5,
    siteIds: [siteId],
    passwordHash: await hashPassword(ownerPassword),
    createdAt: now,
  });
  await store.setSetting(DEMO_SITE_KEY, siteId);
  return { ownerEmail, ownerPassword, siteId };
}
