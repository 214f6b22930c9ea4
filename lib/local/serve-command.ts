// `gateway serve` (what `npm start` runs): the local gateway in the foreground until SIGINT or
// SIGTERM. Start-up lines for people go to `out`; the running gateway logs JSON lines.
import type { Output } from '../cli/output.ts';
import { jsonLogger } from '../log.ts';
import { describeRelay, readLocalConfig } from './config.ts';
import { startGateway } from './gateway.ts';

type Signal = 'SIGINT' | 'SIGTERM';

interface Signals {
  /** Resolves on the first SIGINT or SIGTERM. */
  first: Promise<Signal>;
  dispose(): void;
}

/** A second signal while stopping ends the process at once (someone is impatient, and right to be). */
function watchSignals(out: Output): Signals {
  let received = false;
  let resolveFirst!: (signal: Signal) => void;
  const first = new Promise<Signal>((resolve) => (resolveFirst = resolve));
  const onSignal = (signal: Signal): void => {
    if (received) {
      out.error(`Received ${signal} again: stopping without waiting for open connections.`);
      process.exit(130);
    }
    received = true;
    resolveFirst(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    first,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

export async function serveCommand(out: Output): Promise<number> {
  const config = readLocalConfig();
  const log = jsonLogger((line) => out.print(line), { service: 'gateway' });
  const signals = watchSignals(out);
  let gateway;
  try {
    gateway = await startGateway(config, { log });
  } catch (error) {
    signals.dispose();
    throw error;
  }
  const { layout } = gateway;

  out.print(`Councillor message gateway running (rule set ${gateway.deps.engine.ruleSet.version}, ${gateway.deps.engine.ruleSet.policy.mode} mode)`);
  const security = [
    config.smtpTls ? (config.smtpTls.required ? 'STARTTLS required' : 'STARTTLS offered') : 'no TLS',
    config.smtpUsersFile ? 'login required' : 'no login',
  ].join(', ');
  out.print(`  SMTP  listening on ${config.host}:${gateway.smtpPort} (accepts mail from: ${gateway.senderDomains.join(', ')}; ${security})`);
  out.print(`  HTTP  listening on http://${config.host}:${gateway.httpPort}/ (review page: /review/, WhatsApp: /whatsapp/…, health: /health)`);
  if (gateway.rules) out.print(`  Rules from ${config.rulesDir ?? 'the shipped rules/ folder'}: reloaded when a rule file changes (a broken change is refused; see /health)`);
  out.print(`  State kept in ${layout.root}: held/, notifications/, decisions.jsonl${config.relay ? '' : ', outbox/'}`);
  out.print(config.relay ? `  Passed mail and bounces are relayed through ${describeRelay(config.relay)}` : `  Passed mail and bounces are written to ${layout.outbox} (set GATEWAY_SMTP_RELAY to send them)`);
  if (config.reviewTokenGenerated) {
    out.print(`  Review token for this run (set GATEWAY_REVIEW_TOKEN to choose your own): ${config.reviewToken}`);
  }
  out.print('Press Ctrl+C to stop.');

  const received = await signals.first;
  out.print(`Received ${received}: stopping (open SMTP transactions are allowed to finish)…`);
  await gateway.stop();
  signals.dispose();
  out.print('Stopped.');
  return 0;
}
