/**
 * Attachments over HTTP. Uploads are the raw file as the request body (so browsers can report
 * progress and nothing is parsed as multipart), the name in `?name=`:
 *
 *   POST /api/widget/files?siteId=…&name=…   a visitor, `Authorization: Bearer <visitor token>`,
 *                                             from a page of the site's allowed origins (CORS)
 *   POST /api/files?siteId=…&name=…          an agent serving the site
 *
 * Both answer 201 `{ id, name, type, size }`; the id then goes in `message:send`'s
 * `attachmentIds`. A sent file is fetched at GET /api/files/:id/:secret/:name: the secret is in
 * the message only, so only those shown the message can fetch it (a canned reply's file: the
 * site's agents, who are shown the reply). Raster images are served
 * inline; everything else as a download, never sniffed, in a sandbox.
 */
import { timingSafeEqual } from 'node:crypto';
import { ParleyError, type Site } from '@parley/shared';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { TokenService } from '../auth/tokens';
import type { Relay } from '../conversations/relay';
import { INLINE_TYPES } from '../files/file-kinds';
import type { StoredFile, Uploader } from '../files/file-store';
import { attachmentSettings, receiveUpload } from '../files/receive-upload';
import type { VisitorLimits } from '../rate-limits/visitor-limits';
import { isOriginAllowed } from '../realtime/origin';
import { parse, param } from './http-errors';
import { requireServes, signedIn } from './require-agent';

const uploadQuery = z.object({
  siteId: z.string().min(1).max(64),
  name: z.string().min(1).max(255),
});

function declaredBytes(req: Request): number | null {
  const header = req.get('content-length');
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : null;
}

const described = (file: StoredFile) => ({
  id: file.id,
  name: file.name,
  type: file.type,
  size: file.size,
});

/** The page may call the upload route when its origin is one of the site's. */
function allowOrigin(site: Site, req: Request, res: Response): void {
  const origin = req.get('origin');
  if (!origin) return;
  if (!isOriginAllowed(site, origin))
    throw new ParleyError('ORIGIN_NOT_ALLOWED', 'This page is not allowed to use the site chat');
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
}

export function fileRoutes(deps: {
  relay: Relay;
  tokens: TokenService;
  limits: VisitorLimits;
  requireAgent: RequestHandler;
}): Router {
  const { relay, tokens, limits } = deps;
  const router = Router();

  const upload = async (req: Request, res: Response, site: Site, uploader: Uploader) => {
    const { name } = parse(uploadQuery, req.query);
    const file = await receiveUpload(relay.store.files, {
      site,
      uploader,
      name,
      declaredBytes: declaredBytes(req),
      body: req,
    });
    res.status(201).json(described(file));
  };

  router.options('/api/widget/files', async (req, res) => {
    const { siteId } = parse(uploadQuery.pick({ siteId: true }), req.query);
    allowOrigin(await relay.conversations.requireSite(siteId), req, res);
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  });

  router.post('/api/widget/files', async (req, res) => {
    const { siteId } = parse(uploadQuery, req.query);
    const site = await relay.conversations.requireChatSite(siteId);
    allowOrigin(site, req, res);
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const visitorId = token ? await tokens.verifyVisitorToken(token, site.id) : null;
    if (!visitorId)
      throw new ParleyError('UNAUTHENTICATED', 'Send Authorization: Bearer <visitor token>');
    await limits.upload(visitorId, attachmentSettings(site).filesPerVisitorPerHour);
    await upload(req, res, site, { visitorId });
  });

  router.post('/api/files', deps.requireAgent, async (req, res) => {
    const agent = signedIn(res);
    const { siteId } = parse(uploadQuery, req.query);
    requireServes(agent, siteId);
    await upload(req, res, await relay.conversations.requireSite(siteId), { agentId: agent.id });
  });

  /**
   * A sent file is gone with its conversation (retention, erasure), and a canned reply's with the
   * reply, even if deleting the bytes was cut short; an unsent upload is nobody's to fetch.
   */
  const stillShown = async (file: StoredFile): Promise<boolean> => {
    if (file.conversationId !== null)
      return (await relay.store.getConversation(file.conversationId)) !== null;
    if (file.cannedReplyId === null) return false;
    const replies = await relay.store.listCannedReplies(file.siteId);
    return replies.some((reply) => reply.id === file.cannedReplyId);
  };

  router.get('/api/files/:id/:secret/:name', async (req, res) => {
    const file = await relay.store.files.get(param(req, 'id'));
    const secret = Buffer.from(param(req, 'secret'));
    const known =
      file !== null &&
      secret.length === Buffer.byteLength(file.secret) &&
      timingSafeEqual(secret, Buffer.from(file.secret)) &&
      (await stillShown(file));
    const content = known ? await relay.store.files.read(file.id) : null;
    if (!known || !content) throw new ParleyError('NOT_FOUND', 'No such file');
    const inline = INLINE_TYPES.has(file.type);
    res.setHeader(
      'Content-Type',
      file.type === 'text/plain' ? 'text/plain; charset=utf-8' : file.type,
    );
    res.setHeader('Content-Length', String(file.size));
    res.setHeader(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    // Whatever the bytes are, they run nothing: no scripts, no plugins, no same-origin access.
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
    // The widget shows images on the site's own pages: the secret in the path is the protection.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'private, max-age=86400');
    content.on('error', (error) => res.destroy(error));
    content.pipe(res);
  });

  return router;
}
