/**
 * The suite every Store implementation must pass. Each test gets a fresh, empty store from
 * `open`; `reopen` closes it and opens another on the same data, as a restarted relay would.
 */
import { existsSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContractContext } from './store-contract-context';
import {
  allParagraphs,
  at,
  FIXTURE_DIR,
  loadFixtureTexts,
  makeAgent,
  makeCannedReply,
  makeConversation,
  makeMessage,
  makeSite,
  makeVisitor,
  type FixtureTexts,
} from './store-contract-fixtures';
import { auditContract } from './store-contract-audit';
import { decisionsContract } from './store-contract-decisions';
import { filesContract } from './store-contract-files';
import { listingContract } from './store-contract-listing';
import { messagesContract } from './store-contract-messages';
import { outboxContract } from './store-contract-outbox';
import { privacyContract } from './store-contract-privacy';
import { recordsContract } from './store-contract-records';
import { reportsContract } from './store-contract-reports';
import type { Store } from './store';

/** A store under test with the means to restart it and to throw its data away. */
export interface OpenedStore {
  store: Store;
  /** Closes the current store and returns a new, initialised one on the same data. */
  reopen: () => Promise<Store>;
  /** Closes whatever store is open and deletes its data. */
  cleanup: () => Promise<void>;
}

/** Registers the contract suite for one implementation. */
export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name} store contract`, () => {
    let texts: FixtureTexts;
    let opened: OpenedStore;
    let store: Store;
    const ctx: ContractContext = {
      store: () => store,
      reopen: async () => (store = await opened.reopen()),
      texts: () => texts,
    };

    beforeAll(async () => {
      expect(existsSync(FIXTURE_DIR), `fixtures expected at ${FIXTURE_DIR}`).toBe(true);
      texts = await loadFixtureTexts();
    });
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    describe('sites, agents, visitors, canned replies, settings', () => recordsContract(ctx));
    describe('conversations and messages', () => messagesContract(ctx));
    describe('listConversations', () => listingContract(ctx));
    describe('decisions made once, under concurrency', () => decisionsContract(ctx));
    describe('erasure and retention', () => privacyContract(ctx));
    describe('audit log', () => auditContract(ctx));
    describe('outbox', () => outboxContract(ctx));
    describe('report aggregates', () => reportsContract(ctx));
    describe('files', () => filesContract(ctx));

    it('everything stored survives close and reopen', async () => {
      const site = await store.createSite(makeSite());
      const agent = await store.createAgent(
        makeAgent({ siteIds: [site.id], email: 'Ana@Example.ro' }),
      );
      const visitor = await store.saveVisitor(makeVisitor(site.id, { name: 'Ana Ionescu' }));
      const created = await store.createConversation(makeConversation(site.id, visitor.id));
      const paragraphs = allParagraphs(texts);
      const messages = [];
      for (const [i, text] of paragraphs.slice(0, 20).entries()) {
        messages.push(
          (await store.appendMessage(makeMessage(created.id, text, { createdAt: at(i + 1) })))
            .message,
        );
      }
      const conversation = await store.updateConversation(created.id, {
        status: 'active',
        agentId: agent.id,
        assignedAt: at(2),
        tags: ['ważne'],
      });
      const reply = await store.saveCannedReply(makeCannedReply(site.id, 'cảm-ơn', texts.vi[3]!));
      await store.setSetting('tokenKey', 'bí mật');

      store = await opened.reopen();
      expect(await store.listSites()).toEqual([site]);
      expect(await store.getAgentByEmail('ana@example.ro')).toEqual(agent);
      expect(await store.listAgents()).toEqual([agent]);
      expect(await store.getVisitor(visitor.id)).toEqual(visitor);
      expect(await store.getConversation(created.id)).toEqual(conversation);
      expect(await store.listOpenConversations()).toEqual([conversation]);
      expect(await store.listMessages(created.id)).toEqual(messages);
      expect(await store.listCannedReplies(site.id)).toEqual([reply]);
      expect(await store.getSetting('tokenKey')).toBe('bí mật');
      expect((await store.listConversations({ q: paragraphs[0]!.slice(0, 20) })).total).toBe(1);
      const next = await store.appendMessage(
        makeMessage(created.id, 'Cảm ơn!', { createdAt: at(99) }),
      );
      expect(next.message.seq).toBe(21);
    });
  });
}
