/**
 * The only file with side effects: read the configuration, open the store, build the relay, listen,
 * and shut down cleanly on SIGTERM/SIGINT (stop accepting, close sockets, flush the store).
 */
import { mkdir } from 'node:fs/promises';
import { createApp } from './app';
import { demoSiteId, ensureFirstStart } from './bootstrap/first-start';
import { ConfigError, loadConfig } from './config';
import { widgetSnippet } from './http/demo-page';
import { createLogger } from './logger';
import { createStore } from './storage';
import { repairDataDir } from './storage/repair';

/** `main.js repair`: fixes the journals of DATA_DIR (see README, Operations), then exits. */
async function repair(): Promise<void> {
  const dataDir = process.env.DATA_DIR || './data';
  const report = await repairDataDir(dataDir);
  process.stdout.write(
    report.length === 0 ? `${dataDir}: nothing to repair\n` : `${report.join('\n')}\n`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === 'repair') return repair();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  await mkdir(config.dataDir, { recursive: true });
  const store = createStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    databaseSchema: config.databaseSchema,
    onBackgroundError: (error) => logger.error({ err: error }, 'store background task failed'),
    onWarning: (message) => logger.warn(message),
  });
  await store.init();
  const firstStart = await ensureFirstStart(store, {
    email: config.adminEmail,
    password: config.adminPassword,
  });
  const app = await createApp({ config, store, logger });
  await app.listen(config.port);
  const url = app.publicUrl();
  const siteId = firstStart?.siteId ?? (await demoSiteId(store));

  const lines = [
    '',
    `  Parley is running at ${url}`,
    `  Console:  ${url}/console`,
    firstStart
      ? `  Owner:    ${firstStart.ownerEmail} / password: ${firstStart.ownerPassword}   (shown once; keep it)`
      : '  Owner:    the account created on the first start',
    siteId ? `  Demo:     ${url}/demo` : null,
    siteId ? `  Snippet:  ${widgetSnippet(url, siteId)}` : null,
    `  Data:     ${config.databaseUrl ? 'PostgreSQL' : config.dataDir}`,
    `  Email:    ${app.mail.configured ? `on (${mailHost(config.smtpUrl)})` : 'off (set SMTP_URL)'}`,
    app.mail.inboundPort() !== null
      ? `  Replies:  reply+…@${app.mail.replyDomain} received on SMTP port ${app.mail.inboundPort()}`
      : null,
    '',
  ].filter((line) => line !== null);
  process.stdout.write(`${lines.join('\n')}\n`);
  logger.info(
    { url, store: config.databaseUrl ? 'postgres' : 'lowdb', redis: Boolean(config.redisUrl) },
    'listening',
  );
  if (app.mail.configured) {
    // Emails wait in the outbox until the server answers, so this is a warning, not a stop.
    const failure = await app.mail.verify();
    if (failure)
      logger.warn(
        { smtp: mailHost(config.smtpUrl), reason: failure },
        'the mail server does not answer; emails wait in the outbox',
      );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app.close();
      await store.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Parley could not start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});

/** The host and port of SMTP_URL, without the password, for the banner and logs. */
function mailHost(smtpUrl: string | undefined): string {
  if (!smtpUrl) return '';
  const url = new URL(smtpUrl);
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}
