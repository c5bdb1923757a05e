/**
 * The baselines of `pnpm bench:relay`: the least a chat relay must do, run as its own process on
 * plain node, as the Parley server is. A socket joins the room its handshake names; `send`
 * re-emits the payload to the room `to` and acknowledges.
 *
 *   BARE_DURABLE=1   append each message to a file and fdatasync before re-emitting: one write
 *                    and one sync per batch (group commit), so the cost of durability on this
 *                    disk is measured apart from Parley's own.
 *   REDIS_URL=…      rooms span processes through the Socket.IO Redis adapter (the several-node
 *                    baseline).
 *
 * Prints `listening <port>` on stdout once ready.
 */
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { Server } from 'socket.io';

const durableDir = process.env.BARE_DURABLE_DIR;

/** A baseline that fails is no baseline: stop, and let the benchmark say so. */
function fatal(error) {
  process.stderr.write(`bare relay failed: ${error?.stack ?? error}\n`);
  process.exit(1);
}
const redisUrl = process.env.REDIS_URL;

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 64 * 1024 });

if (redisUrl) {
  const [{ createClient }, { createAdapter }] = await Promise.all([
    import('redis'),
    import('@socket.io/redis-adapter'),
  ]);
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: process.env.BARE_REDIS_KEY ?? 'bench-bare' }));
}

/** Resolves once `line` is on disk, together with every line appended while a sync ran. */
function groupCommit(file) {
  let pending = [];
  let syncing = false;
  const flush = async () => {
    syncing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await file.write(batch.map((entry) => entry.line).join(''));
        await file.datasync();
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    syncing = false;
  };
  return (line) =>
    new Promise((resolve, reject) => {
      pending.push({ line, resolve, reject });
      if (!syncing) flush().catch(fatal);
    });
}

const append = durableDir
  ? groupCommit(await open(path.join(durableDir, `journal-${process.pid}.jsonl`), 'a'))
  : null;

io.on('connection', (socket) => {
  Promise.resolve(socket.join(String(socket.handshake.auth.room))).catch(fatal);
  socket.on('send', (payload, ack) => {
    if (typeof payload?.to !== 'string' || typeof ack !== 'function') return;
    const deliver = () => {
      io.to(payload.to).emit('created', payload);
      ack({ ok: true });
    };
    if (append) append(`${JSON.stringify(payload)}\n`).then(deliver, () => ack({ ok: false }));
    else deliver();
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${http.address().port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
