// The local HTTP routes. Each door or page registers its routes here with what it needs.
import type { ActionDeps } from '../actions/deps.ts';
import { registerReviewRoutes } from '../adapters/local/review-routes.ts';
import { addWhatsAppRoutes } from '../adapters/local/whatsapp-routes.ts';
import type { LocalConfig } from './config.ts';
import type { RulesStatus } from './rules-reload.ts';
import { Router } from './router.ts';

export interface RouteContext {
  deps: ActionDeps;
  config: LocalConfig;
  /** Actual SMTP port (differs from the configured one when that was 0). */
  smtpPort: number;
  /** Whether what an earlier run left in the intake is still being processed. */
  recovery?: () => 'running' | 'done';
  /** Whether the rules folder's last change loaded or was refused (when rules are reloaded). */
  rules?: () => RulesStatus;
}

export function buildRouter(context: RouteContext): Router {
  const { deps } = context;
  const router = new Router().add('GET', '/health', () => ({
    status: 200,
    json: {
      status: 'ok',
      mode: deps.engine.ruleSet.policy.mode,
      ruleSetVersion: deps.engine.ruleSet.version,
      smtpPort: context.smtpPort,
      recovery: context.recovery?.() ?? 'done',
      ...(context.rules ? { rules: context.rules() } : {}),
    },
  }));
  addWhatsAppRoutes(router, context);
  registerReviewRoutes(router, context);
  return router;
}
