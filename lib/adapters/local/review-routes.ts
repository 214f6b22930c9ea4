// The review API and page on the local gateway: the held folder as the item store, the gateway's
// own mailer for releases and notices, and sign-in mode "token": named reviewers from
// GATEWAY_REVIEW_USERS_FILE, and the GATEWAY_REVIEW_TOKEN bearer token for the administrator.
import type { RouteContext } from '../../local/routes.ts';
import type { Router } from '../../local/router.ts';
import type { WhatsAppSender } from '../../ports/whatsapp-sender.ts';
import { AlertService } from '../../review/alerts.ts';
import type { ReviewLog } from '../../audit/review-record.ts';
import { ReviewerSessions } from '../../review/reviewers.ts';
import { ReviewPage } from '../../review/page.ts';
import { parseRetentionDays } from '../../review/retention.ts';
import { addReviewRoutes } from '../../review/routes.ts';
import { ReviewService } from '../../review/service.ts';
import { TOKEN_SIGN_IN } from '../../review/sign-in.ts';
import { buildReport } from '../../report/build.ts';
import { readReportData } from '../../report/read-data.ts';
import { GraphClient } from '../../whatsapp/graph-client.ts';
import { GraphReleaseSender } from '../../whatsapp/release.ts';
import { readWhatsAppSettings } from '../../whatsapp/settings.ts';
import { LocalHeldItems } from './review-held-items.ts';
import { LocalSentBeforeReviewAlerts } from './sent-before-review-alerts.ts';

export interface LocalReviewExtras {
  /** Replaces the Graph client built from WHATSAPP_ACCESS_TOKEN and GATEWAY_GRAPH_URL. */
  whatsapp?: WhatsAppSender;
  env?: Record<string, string | undefined>;
}

/** Releases go to Graph with the same settings the send proxy uses; without a token they fail. */
function graphSender(context: RouteContext, env: Record<string, string | undefined>): WhatsAppSender {
  const settings = readWhatsAppSettings(env);
  const api = new GraphClient(settings.graphUrl, () => Promise.resolve(settings.accessToken));
  return new GraphReleaseSender(api, async (reference) => (await context.deps.store.getHeldMeta(reference))?.graphVersion);
}

/** decisions.jsonl takes review lines too; a test's decision log may not. */
const isReviewLog = (log: unknown): log is ReviewLog => typeof (log as Partial<ReviewLog>).appendReview === 'function';

export function registerReviewRoutes(router: Router, context: RouteContext, extras: LocalReviewExtras = {}): Router {
  const { deps, config } = context;
  const env = extras.env ?? process.env;
  const items = new LocalHeldItems({
    store: deps.store,
    dataDir: config.dataDir,
    retentionDays: parseRetentionDays(env.GATEWAY_RETENTION_DAYS),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const service = new ReviewService({
    items,
    content: items,
    mailer: deps.mailer,
    whatsapp: extras.whatsapp ?? graphSender(context, env),
    engine: deps.engine,
    noticeFrom: deps.bounceFrom,
    ...(isReviewLog(deps.decisions) ? { reviewLog: deps.decisions } : {}),
    log: deps.log,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const sessions = new ReviewerSessions({ adminToken: config.reviewToken, ...(config.reviewUsersFile ? { usersFile: config.reviewUsersFile } : {}) });
  return addReviewRoutes(router, {
    service,
    alerts: new AlertService({ alerts: new LocalSentBeforeReviewAlerts(config.dataDir), log: deps.log, ...(deps.now ? { now: deps.now } : {}) }),
    page: new ReviewPage({ signIn: sessions.named ? { mode: 'token', reviewers: true } : TOKEN_SIGN_IN }),
    authenticate: (request) => sessions.authenticate(request.headers.authorization),
    ...(sessions.named ? { sessions } : {}),
    report: async () => buildReport(await readReportData(config.dataDir), deps.now?.()),
  });
}
