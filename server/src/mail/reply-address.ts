/**
 * Reply addresses: `reply+<conversation id>.<signature>@<domain>`. The signature (an HMAC of the
 * conversation id with a key kept in the store, shared by every relay) makes the address
 * unguessable, so only someone who received our email can write into that conversation. Hex, so
 * mail systems that lowercase addresses do not break it; 63 characters, under the 64 allowed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../storage/store';

const KEY_SETTING = 'reply-address-key';
const SIGNATURE_HEX = 20;

export interface ReplyAddresses {
  /** The address a visitor's answer to an email about `conversationId` goes to. */
  addressFor(conversationId: string): string;
  /** The conversation a reply address belongs to, or null when it is not one of ours. */
  conversationOf(address: string): string | null;
}

/** Reads (or creates, once for all relays) the signing key and returns the address codec. */
export async function openReplyAddresses(store: Store, domain: string): Promise<ReplyAddresses> {
  const key = await store.runExclusive(KEY_SETTING, async () => {
    const existing = await store.getSetting(KEY_SETTING);
    if (existing) return existing;
    const created = randomBytes(32).toString('hex');
    await store.setSetting(KEY_SETTING, created);
    return created;
  });
  const sign = (id: string) =>
    createHmac('sha256', key).update(id).digest('hex').slice(0, SIGNATURE_HEX);
  const domainLower = domain.toLowerCase();
  return {
    addressFor: (conversationId) => `reply+${conversationId}.${sign(conversationId)}@${domain}`,
    conversationOf(address) {
      const match = /^reply\+([0-9a-f-]{36})\.([0-9a-f]+)@(.+)$/i.exec(address.trim());
      if (!match || match[3]!.toLowerCase() !== domainLower) return null;
      const id = match[1]!.toLowerCase();
      const given = Buffer.from(match[2]!.toLowerCase());
      const expected = Buffer.from(sign(id));
      return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
    },
  };
}
