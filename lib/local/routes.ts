// The local HTTP routes. Each door or page registers its routes here with what it needs.
import type { ActionDeps } from '../actions/deps.ts';
import { registerReviewRoutes } from '../adapters/local/review-routes.ts';
import { addWhatsAppRoutes } from '../adapters/local/whatsapp-routes.ts';
import type { LocalConfig } from './config.ts';
import { Router } from './router.ts';

export interface RouteContext {
  deps: ActionDeps;
  config: LocalConfig;
  /** Actual SMTP port (differs from the configured one when that was 0). */
  smtpPort: number;
  /** Whether what an earlier run left in the intake is still being processed. */
  recovery?: () => 'running' | 'done';
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
    },
  }));
  addWhatsAppRoutes(router, context);
  registerReviewRoutes(router, context);
  return router;
}
