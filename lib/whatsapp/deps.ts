// What the WhatsApp doors need. Each door builds these from local adapters (the local gateway) or
// AWS adapters (the Lambdas) and calls the same functions with them.
import type { Logger } from '../log.ts';
import type { Engine } from '../pipeline/engine.ts';
import type { DecisionLog } from '../ports/decision-log.ts';
import type { MessageStore } from '../ports/message-store.ts';
import type { Notifier } from '../ports/notifier.ts';
import type { WhatsAppApi } from '../ports/whatsapp-api.ts';
import type { WhatsAppEventLog } from '../ports/whatsapp-event-log.ts';
import type { WhatsAppSettings } from './settings.ts';
import type { ToolingToken } from './tooling-tokens.ts';

interface CommonDeps {
  engine: Engine;
  decisions: DecisionLog;
  notifier: Notifier;
  log: Logger;
  /** Settings are read per request: on AWS the secrets arrive asynchronously and are cached. */
  settings(): Promise<WhatsAppSettings>;
  now?: () => Date;
}

export interface SendDeps extends CommonDeps {
  store: MessageStore;
  graph: WhatsAppApi;
  /** The tokens issued to councillors' tooling, read per request so a revocation takes effect. */
  toolingTokens(): Promise<readonly ToolingToken[]>;
}

export interface WebhookDeps extends CommonDeps {
  events: WhatsAppEventLog;
}
