/** Sites, their identity secret, canned replies and the NDJSON export. */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  ParleyError,
  type Attachment,
  type AuditTarget,
  type CannedReply,
  type Site,
  type SiteList,
} from '@parley/shared';
import {
  cannedReplyCreateSchema,
  cannedReplyUpdateSchema,
  siteCreateSchema,
  siteUpdateSchema,
} from '@parley/shared/schemas';
import { Router, type RequestHandler } from 'express';
import { recordAudit, siteChanges } from '../audit/audit-trail';
import type { Relay } from '../conversations/relay';
import { withAbsoluteFileLinks } from '../files/attachment-lines';
import { keepCannedReplyFiles } from '../files/canned-reply-files';
import { DEFAULT_WIDGET_SETTINGS } from '../sites/default-widget-settings';
import type { AgentRecord } from '../storage/store';
import { workSlices } from '../ops/work-slices';
import { conversationDetail } from './conversation-routes';
import { drained } from './drained';
import { param, parse } from './http-errors';
import { requireOwner, requireServes, signedIn } from './require-agent';

/** A fresh identity-verification secret. */
export function newIdentitySecret(): string {
  return randomBytes(32).toString('hex');
}

function siteTarget(site: Site): AuditTarget {
  return { kind: 'site', id: site.id, label: site.name };
}

/** A canned reply with these files (none: no `attachments` at all). */
function withFiles(reply: CannedReply, attachments: Attachment[]): CannedReply {
  const { id, siteId, shortcut, text } = reply;
  return { id, siteId, shortcut, text, ...(attachments.length > 0 && { attachments }) };
}

const idsOf = (attachments: Attachment[] | undefined) => (attachments ?? []).map(({ id }) => id);

/** Only owners ever see a site's identity secret. */
function shown(site: Site, agent: AgentRecord): Site {
  return agent.role === 'owner' ? site : { ...site, identitySecret: '' };
}

export function siteRoutes(deps: {
  relay: Relay;
  requireAgent: RequestHandler;
  onAgentChanged: (agent: AgentRecord) => Promise<void>;
}): Router {
  const { relay } = deps;
  const router = Router();
  router.use(deps.requireAgent);

  const servedSite = async (agent: AgentRecord, siteId: string) => {
    requireServes(agent, siteId);
    return relay.conversations.requireSite(siteId);
  };

  router.get('/', async (_req, res) => {
    const agent = signedIn(res);
    const sites = (await relay.store.listSites()).filter((site) => agent.siteIds.includes(site.id));
    const list: SiteList = { items: sites.map((site) => shown(site, agent)) };
    res.json(list);
  });

  router.post('/', async (req, res) => {
    const agent = signedIn(res);
    requireOwner(agent);
    const body = parse(siteCreateSchema, req.body);
    const site = await relay.store.createSite({
      id: randomUUID(),
      name: body.name,
      ownerId: agent.id,
      allowedOrigins: body.allowedOrigins,
      widget: { ...DEFAULT_WIDGET_SETTINGS, ...body.widget },
      identitySecret: newIdentitySecret(),
      createdAt: relay.conversations.timestamp(),
    });
    const owner = await relay.store.patchAgent(agent.id, { siteIds: [...agent.siteIds, site.id] });
    await deps.onAgentChanged(owner);
    await recordAudit(relay, agent, {
      action: 'site.created',
      target: siteTarget(site),
      siteIds: [site.id],
    });
    res.status(201).json(site);
  });

  router.get('/:id', async (req, res) => {
    const agent = signedIn(res);
    res.json(shown(await servedSite(agent, param(req, 'id')), agent));
  });

  router.patch('/:id', async (req, res) => {
    const agent = signedIn(res);
    requireOwner(agent);
    const site = await servedSite(agent, param(req, 'id'));
    const body = parse(siteUpdateSchema, req.body);
    const updated = await relay.store.updateSite({
      ...site,
      name: body.name ?? site.name,
      allowedOrigins: body.allowedOrigins ?? site.allowedOrigins,
      widget: { ...site.widget, ...body.widget },
    });
    // Business hours may have changed whether anyone can answer.
    await relay.conversations.announceAvailability(updated.id);
    await recordAudit(relay, agent, {
      action: 'site.updated',
      target: siteTarget(updated),
      siteIds: [updated.id],
      changes: siteChanges(body),
    });
    res.json(updated);
  });

  router.post('/:id/secret', async (req, res) => {
    const agent = signedIn(res);
    requireOwner(agent);
    const site = await servedSite(agent, param(req, 'id'));
    const updated = await relay.store.updateSite({ ...site, identitySecret: newIdentitySecret() });
    await recordAudit(relay, agent, {
      action: 'site.secret-rotated',
      target: siteTarget(site),
      siteIds: [site.id],
    });
    res.json(updated);
  });

  router.get('/:id/export.ndjson', async (req, res) => {
    const agent = signedIn(res);
    const site = await servedSite(agent, param(req, 'id'));
    await recordAudit(relay, agent, {
      action: 'site.exported',
      target: siteTarget(site),
      siteIds: [site.id],
    });
    res.type('application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="parley-${site.id}.ndjson"`);
    const pageSize = 200;
    // The embedded store answers at once, so without pauses an export of a big site would
    // hold up every chat until it is written; and it is written no faster than it is read.
    const pause = workSlices();
    for (let offset = 0; ; offset += pageSize) {
      const { items } = await relay.store.listConversations({
        siteIds: [site.id],
        limit: pageSize,
        offset,
      });
      for (const conversation of items) {
        const detail = await conversationDetail(relay, conversation.id);
        // Read away from the relay: file links carry its address.
        const messages = withAbsoluteFileLinks(relay.publicUrl(), detail.messages);
        if (!res.write(`${JSON.stringify({ ...detail, messages })}\n`)) await drained(res);
        if (res.destroyed) return;
        await pause();
      }
      if (items.length < pageSize) break;
    }
    res.end();
  });

  router.get('/:id/canned-replies', async (req, res) => {
    const site = await servedSite(signedIn(res), param(req, 'id'));
    res.json({ items: await relay.store.listCannedReplies(site.id) });
  });

  router.post('/:id/canned-replies', async (req, res) => {
    const agent = signedIn(res);
    requireOwner(agent);
    const site = await servedSite(agent, param(req, 'id'));
    const body = parse(cannedReplyCreateSchema, req.body);
    const existing = (await relay.store.listCannedReplies(site.id)).find(
      (reply) => reply.shortcut === body.shortcut,
    );
    const id = existing?.id ?? randomUUID();
    // Replacing a reply replaces its files too: those not given again are deleted below.
    const attachments = await keepCannedReplyFiles(
      relay.store.files,
      body.attachmentIds ?? [],
      site,
      id,
    );
    const reply = await relay.store
      .saveCannedReply(
        withFiles({ id, siteId: site.id, shortcut: body.shortcut, text: body.text }, attachments),
      )
      .catch(async (error: unknown) => {
        // A new reply that was never stored lists nothing: its files go with it, not held forever.
        if (!existing) await relay.store.files.deleteOfCannedReply(id, []);
        throw error;
      });
    await relay.store.files.deleteOfCannedReply(id, idsOf(attachments));
    await recordAudit(relay, agent, {
      action: 'canned-reply.saved',
      target: { kind: 'canned-reply', id: reply.id, label: `/${reply.shortcut}` },
      siteIds: [site.id],
    });
    res.status(existing ? 200 : 201).json(reply);
  });

  // Editing keeps the reply's id; a shortcut another reply already has is refused rather than
  // replacing that reply, as saving a new one would.
  router.patch('/:id/canned-replies/:replyId', async (req, res) => {
    const agent = signedIn(res);
    requireOwner(agent);
    const site = await servedSite(agent, param(req, 'id'));
    const replyId = param(req, 'replyId');
    const body = parse(cannedReplyUpdateSchema, req.body);
    const replies = await relay.store.listCannedReplies(site.id);
    const before = replies.find(({ id }) => id === replyId);
    if (!before) throw new ParleyError('NOT_FOUND', 'No such canned reply');
    const shortcut = body.shortcut ?? before.shortcut;
    if (replies.some((reply) => reply.id !== replyId && reply.shortcut === shortcut))
      throw new ParleyError('CONFLICT', `Another canned reply already uses /${shortcut}`);
    const attachments = body.attachmentIds
      ? await keepCannedReplyFiles(relay.store.files, body.attachmentIds, site, replyId)
      : (before.attachments ?? []);
    const reply = await relay.store.saveCannedReply(
      withFiles({ ...before, shortcut, text: body.text ?? before.text }, attachments),
    );
    await relay.store.files.deleteOfCannedReply(replyId, idsOf(attachments));
    const filesChanged = idsOf(before.attachments).join() !== idsOf(attachments).join();
    await recordAudit(relay, agent, {
      action: 'canned-reply.saved',
      target: { kind: 'canned-reply', id: reply.id, label: `/${reply.shortcut}` },
      siteIds: [site.id],
      changes: [
        ...(reply.shortcut !== before.shortcut
          ? [`shortcut: /${before.shortcut} → /${reply.shortcut}`]
          : []),
        ...(reply.text !== before.text ? ['text'] : []),
        ...(filesChanged ? ['files'] : []),
      ],
    });
    res.json(reply);
  });

  router.delete('/:id/canned-replies/:replyId', async (req, res) => {
    const agent = signedIn(res);
    requireOwner(agent);
    const site = await servedSite(agent, param(req, 'id'));
    const replyId = param(req, 'replyId');
    const reply = (await relay.store.listCannedReplies(site.id)).find(({ id }) => id === replyId);
    await relay.store.deleteCannedReply(site.id, replyId);
    await relay.store.files.deleteOfCannedReply(replyId, []);
    await recordAudit(relay, agent, {
      action: 'canned-reply.deleted',
      target: { kind: 'canned-reply', id: replyId, label: reply ? `/${reply.shortcut}` : replyId },
      siteIds: [site.id],
    });
    res.status(204).end();
  });

  router.all('/{*rest}', () => {
    throw new ParleyError('NOT_FOUND', 'No such route');
  });

  return router;
}
