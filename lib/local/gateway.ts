// The whole gateway on one machine: local adapters of the ports, the shared act step, an SMTP
// door and an HTTP server. Used by `gateway serve` and, with test doubles, by the tests.
import type { ActionDeps, EmailScanner } from '../actions/deps.ts';
import { handleEmail, processEmail, recoverIntake } from '../actions/handle-email.ts';
import { emailDeliveryKey } from '../actions/message-id.ts';
import { removeTempFiles } from '../adapters/local/durable-file.ts';
import { FileNotifier } from '../adapters/local/file-notifier.ts';
import { FsMessageStore } from '../adapters/local/fs-message-store.ts';
import { JsonlDecisionLog } from '../adapters/local/jsonl-decision-log.ts';
import { localLayout, type LocalLayout } from '../adapters/local/layout.ts';
import { deliveryMailer, OutboxMailer, RelayMailer, type LocalMailer } from '../adapters/local/mailers.ts';
import { LocalHeldItems } from '../adapters/local/review-held-items.ts';
import { StepJournal } from '../adapters/local/step-journal.ts';
import { parseRetentionDays } from '../review/retention.ts';
import { REVIEW_USERS_SETTING } from '../review/reviewers.ts';
import { ConfigError } from '../errors.ts';
import { errorFields, jsonLogger, type Logger } from '../log.ts';
import { EmailScanPool } from '../pipeline/email-scan-pool.ts';
import type { Engine } from '../pipeline/engine.ts';
import { loadEngine } from '../pipeline/load-engine.ts';
import { SHIPPED_RULES_DIR } from '../rules/load.ts';
import type { Envelope } from '../ports/envelope.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { MessageStore } from '../ports/message-store.ts';
import type { LocalConfig } from './config.ts';
import { startHttpServer, type RunningHttpServer } from './http-server.ts';
import { LiveEngine } from './live-engine.ts';
import { watchRules, type RulesReload } from './rules-reload.ts';
import { buildRouter } from './routes.ts';
import { startSmtpDoor } from './smtp-door.ts';
import { loadSmtpTls } from './smtp-tls.ts';
import { SmtpUsers } from './smtp-users.ts';

/** Replacements for tests (a failing store, a prepared engine, a captured log). */
export interface GatewayParts {
  engine?: Engine;
  log?: Logger;
  store?: MessageStore;
  mailer?: Mailer;
  /** Reload the rules folder when it changes; on unless a prepared engine is given. */
  watchRules?: boolean;
  /**
   * Scanning in place of the worker threads, which build their engine from the rule set alone:
   * scanEmail, for an engine whose detector or policy a test replaced.
   */
  scan?: EmailScanner;
}

export interface Recovered {
  processed: number;
  failed: number;
}

export interface RunningGateway {
  smtpPort: number;
  httpPort: number;
  layout: LocalLayout;
  senderDomains: readonly string[];
  deps: ActionDeps;
  /**
   * What start-up found left in the intake by an earlier run, processed while the servers already
   * listen (a slow message must not keep the gateway closed); resolves when that is done.
   */
  recovery: Promise<Recovered>;
  /** The rules folder's watcher, when rules are reloaded on change. */
  rules?: RulesReload;
  stop(): Promise<void>;
}

/** Turns "address in use" and friends into a message naming the setting to change. */
async function listening<T>(setting: string, host: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError(setting, `port ${port} on ${host} is already in use`, { cause: error });
    if (code === 'EACCES') throw new ConfigError(setting, `not allowed to listen on port ${port} on ${host}`, { cause: error });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ConfigError('GATEWAY_HOST', `cannot listen on ${host}`, { cause: error });
    throw error;
  }
}

export async function startGateway(config: LocalConfig, parts: GatewayParts = {}): Promise<RunningGateway> {
  const log = parts.log ?? jsonLogger();
  const engine = new LiveEngine(parts.engine ?? (await loadEngine(config.rulesDir)));
  const senderDomains = config.senderDomains ?? engine.ruleSet.policy.internalDomains;
  if (senderDomains.length === 0) {
    throw new ConfigError('GATEWAY_SENDER_DOMAINS', 'no sender domains: set policy.internalDomains in rules/local/, or this variable');
  }
  const tls = config.smtpTls ? await loadSmtpTls(config.smtpTls) : undefined;
  const users = config.smtpUsersFile ? await SmtpUsers.load(config.smtpUsersFile) : undefined;
  // Read now so a broken reviewers file stops the start, not an officer's sign-in.
  if (config.reviewUsersFile) await SmtpUsers.load(config.reviewUsersFile, REVIEW_USERS_SETTING);
  const layout = localLayout(config.dataDir);
  const fsStore = await FsMessageStore.open(layout.root);
  // Before anything listens: nothing else can be writing yet.
  let leftovers = await fsStore.removeIntakeLeftovers();
  for (const dir of [layout.held, layout.heldKeys, layout.outbox, layout.notifications]) leftovers += await removeTempFiles(dir);
  if (leftovers) log.info('removed files a crash left half-written', { files: leftovers });
  const store = parts.store ?? fsStore;
  const relay = !parts.mailer && config.relay ? new RelayMailer(config.relay) : undefined;
  const mailer: LocalMailer = parts.mailer ?? relay ?? (await OutboxMailer.open(layout.outbox));
  const journal = await StepJournal.open(layout.steps);
  const decisions = await JsonlDecisionLog.open(layout.decisions);
  // Messages are scanned in worker threads: one large message must not stop /health or other senders.
  const scanPool = parts.scan ? undefined : EmailScanPool.open();
  if (!parts.scan && !scanPool) log.warn('no scanning thread module beside the code: messages are scanned on the main thread');
  // Tests that bring their own engine start threads only for the messages they send.
  if (!parts.engine) scanPool?.warm(engine.ruleSet);
  const scan = parts.scan ?? scanPool?.scan;
  const deps: ActionDeps = {
    engine,
    ...(scan ? { scan } : {}),
    store,
    mailer,
    decisions,
    notifier: await FileNotifier.open(layout.notifications),
    held: new LocalHeldItems({ store, dataDir: layout.root, retentionDays: parseRetentionDays(process.env.GATEWAY_RETENTION_DAYS) }),
    log,
    bounceFrom: config.bounceFrom ?? `Mail gateway <postmaster@${senderDomains[0]}>`,
  };

  /** Runs the act step for one message with its sends noted in the journal, so a crash does not repeat them. */
  async function journaled<T>(raw: Buffer, envelope: Envelope, act: (messageDeps: ActionDeps) => Promise<T>): Promise<T> {
    const key = emailDeliveryKey(raw, envelope);
    const outcome = await act({ ...deps, mailer: deliveryMailer(mailer, journal.once(key), key) });
    await journal.forget(key);
    return outcome;
  }

  const smtp = await listening('GATEWAY_SMTP_PORT', config.host, config.smtpPort, () =>
    startSmtpDoor({
      host: config.host,
      port: config.smtpPort,
      senderDomains,
      maxMessageBytes: engine.ruleSet.limits.maxMessageBytes,
      log,
      ...(tls ? { tls } : {}),
      ...(users ? { users } : {}),
      onMessage: (raw, envelope) => journaled(raw, envelope, (d) => handleEmail(d, raw, envelope)),
    }),
  );
  const rules = (parts.watchRules ?? !parts.engine) ? watchRules({ dir: config.rulesDir ?? SHIPPED_RULES_DIR, engine, log }) : undefined;
  let recoveryDone = false;
  let http: RunningHttpServer;
  try {
    const router = buildRouter({ deps, config, smtpPort: smtp.port, recovery: () => (recoveryDone ? 'done' : 'running'), ...(rules ? { rules: rules.status } : {}) });
    http = await listening('GATEWAY_HTTP_PORT', config.host, config.httpPort, () => startHttpServer({ host: config.host, port: config.httpPort, router, log }));
  } catch (error) {
    rules?.close();
    await smtp.close();
    await scanPool?.close();
    throw error;
  }

  let stopping = false;
  const recovery = (async (): Promise<Recovered> => {
    const recovered = await recoverIntake(deps, { process: (item) => journaled(item.raw, item.envelope, (d) => processEmail(d, item)), stopping: () => stopping });
    // Journals of deliveries whose record was written just before a crash.
    for (const key of await journal.keys()) if (await decisions.has(key)) await journal.forget(key);
    if (recovered.processed || recovered.failed) log.info('processed messages left from an earlier run', { ...recovered });
    return recovered;
  })()
    .catch((error: unknown): Recovered => {
      log.error('could not finish the messages left from an earlier run; they stay in the intake', errorFields(error));
      return { processed: 0, failed: 0 };
    })
    .finally(() => (recoveryDone = true));

  const httpServer = http;
  return {
    smtpPort: smtp.port,
    httpPort: httpServer.port,
    layout,
    senderDomains,
    deps,
    recovery,
    ...(rules ? { rules } : {}),
    async stop() {
      stopping = true;
      rules?.close();
      await Promise.all([smtp.close(), httpServer.close(), recovery]);
      await scanPool?.close();
      relay?.close();
    },
  };
}
