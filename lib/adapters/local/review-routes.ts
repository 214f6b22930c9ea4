// The review API and page on the local gateway: the held folder as the item store, the gateway's
// own mailer for releases and notices, and the GATEWAY_REVIEW_TOKEN bearer token for sign-in.
import type { RouteContext } from '../../local/routes.ts';
import type { Router } from '../../local/router.ts';
import type { WhatsAppSender } from '../../ports/whatsapp-sender.ts';
import { authoriseBearer } from '../../review/auth.ts';
import { ReviewPage } from '../../review/page.ts';
import { parseRetentionDays } from '../../review/retention.ts';
import { addReviewRoutes } from '../../review/routes.ts';
import { ReviewService } from '../../review/service.ts';
import { LocalHeldItems } from './review-held-items.ts';

export interface LocalReviewExtras {
  /** Where WhatsApp is set up, releases of WhatsApp items go through it. */
  whatsapp?: WhatsAppSender;
  env?: Record<string, string | undefined>;
}

export function registerReviewRoutes(router: Router, context: RouteContext, extras: LocalReviewExtras = {}): Router {
  const { deps, config } = context;
  const items = new LocalHeldItems({
    store: deps.store,
    dataDir: config.dataDir,
    retentionDays: parseRetentionDays((extras.env ?? process.env).GATEWAY_RETENTION_DAYS),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const service = new ReviewService({
    items,
    content: items,
    mailer: deps.mailer,
    ...(extras.whatsapp ? { whatsapp: extras.whatsapp } : {}),
    engine: deps.engine,
    noticeFrom: deps.bounceFrom,
    log: deps.log,
    ...(deps.now ? { now: deps.now } : {}),
  });
  return addReviewRoutes(router, {
    service,
    page: new ReviewPage(),
    authenticate: (request) => authoriseBearer(request.headers.authorization, config.reviewToken),
  });
}
