// The whole gateway on one machine: local adapters of the ports, the shared act step, an SMTP
// door and an HTTP server. Used by `gateway serve` and, with test doubles, by the tests.
import type { ActionDeps } from '../actions/deps.ts';
import { handleEmail, recoverIntake } from '../actions/handle-email.ts';
import { FileNotifier } from '../adapters/local/file-notifier.ts';
import { FsMessageStore } from '../adapters/local/fs-message-store.ts';
import { JsonlDecisionLog } from '../adapters/local/jsonl-decision-log.ts';
import { localLayout, type LocalLayout } from '../adapters/local/layout.ts';
import { OutboxMailer, RelayMailer } from '../adapters/local/mailers.ts';
import { ConfigError } from '../errors.ts';
import { jsonLogger, type Logger } from '../log.ts';
import type { Engine } from '../pipeline/engine.ts';
import { loadEngine } from '../pipeline/load-engine.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { MessageStore } from '../ports/message-store.ts';
import type { LocalConfig } from './config.ts';
import { startHttpServer, type RunningHttpServer } from './http-server.ts';
import { buildRouter } from './routes.ts';
import { startSmtpDoor } from './smtp-door.ts';

/** Replacements for tests (a failing store, a prepared engine, a captured log). */
export interface GatewayParts {
  engine?: Engine;
  log?: Logger;
  store?: MessageStore;
  mailer?: Mailer;
}

export interface RunningGateway {
  smtpPort: number;
  httpPort: number;
  layout: LocalLayout;
  senderDomains: readonly string[];
  deps: ActionDeps;
  /** What start-up found left in the intake by an earlier run, and processed. */
  recovered: { processed: number; failed: number };
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
  const engine = parts.engine ?? (await loadEngine(config.rulesDir));
  const senderDomains = config.senderDomains ?? engine.ruleSet.policy.internalDomains;
  if (senderDomains.length === 0) {
    throw new ConfigError('GATEWAY_SENDER_DOMAINS', 'no sender domains: set policy.internalDomains in rules/local/, or this variable');
  }
  const layout = localLayout(config.dataDir);
  const store = parts.store ?? (await FsMessageStore.open(layout.root));
  const relay = !parts.mailer && config.relay ? new RelayMailer(config.relay) : undefined;
  const mailer = parts.mailer ?? relay ?? (await OutboxMailer.open(layout.outbox));
  const deps: ActionDeps = {
    engine,
    store,
    mailer,
    decisions: await JsonlDecisionLog.open(layout.decisions),
    notifier: await FileNotifier.open(layout.notifications),
    log,
    bounceFrom: config.bounceFrom ?? `Mail gateway <postmaster@${senderDomains[0]}>`,
  };

  const recovered = await recoverIntake(deps);
  if (recovered.processed || recovered.failed) log.info('processed messages left from an earlier run', recovered);

  const smtp = await listening('GATEWAY_SMTP_PORT', config.host, config.smtpPort, () =>
    startSmtpDoor({
      host: config.host,
      port: config.smtpPort,
      senderDomains,
      maxMessageBytes: engine.ruleSet.limits.maxMessageBytes,
      log,
      onMessage: (raw, envelope) => handleEmail(deps, raw, envelope),
    }),
  );
  let http: RunningHttpServer;
  try {
    const router = buildRouter({ deps, config, smtpPort: smtp.port });
    http = await listening('GATEWAY_HTTP_PORT', config.host, config.httpPort, () => startHttpServer({ host: config.host, port: config.httpPort, router, log }));
  } catch (error) {
    await smtp.close();
    throw error;
  }
  const httpServer = http;
  return {
    smtpPort: smtp.port,
    httpPort: httpServer.port,
    layout,
    senderDomains,
    deps,
    recovered,
    async stop() {
      await Promise.all([smtp.close(), httpServer.close()]);
      relay?.close();
    },
  };
}
