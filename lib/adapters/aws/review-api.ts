// The review API on Lambda: held items in DynamoDB, held content in S3, releases and notices
// through SES, officers authenticated by API Gateway's Cognito JWT authorizer and checked here for
// the information-governance group. The page's static files are served by the same function, with
// the settings it signs officers in with (Cognito's hosted sign-in pages).
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Router } from '../../local/router.ts';
import type { Logger } from '../../log.ts';
import type { WhatsAppApi } from '../../ports/whatsapp-api.ts';
import { GraphReleaseSender } from '../../whatsapp/release.ts';
import { authoriseClaims } from '../../review/auth.ts';
import { ReviewPage } from '../../review/page.ts';
import { addReviewRoutes } from '../../review/routes.ts';
import { ReviewService } from '../../review/service.ts';
import type { CognitoSignIn } from '../../review/sign-in.ts';
import type { EngineState } from './engine-cache.ts';
import { DynamoReviewItems } from './review-held-items.ts';
import { S3HeldContent } from './review-held-content.ts';
import { claimsOf, dispatch, type ReviewEvent } from './review-http.ts';
import { SesMailer } from './ses-mailer.ts';

export interface ReviewApiConfig {
  bucket: string;
  heldTable: string;
  /** Verified SES address the councillor's notices come from. */
  senderAddress: string;
  /** How the page signs officers in. */
  signIn: CognitoSignIn;
}

export interface ReviewApiClients {
  s3: S3Client;
  sesv2: SESv2Client;
  dynamo: DynamoDBDocumentClient;
}

export interface ReviewApiOptions {
  log: Logger;
  engines: () => Promise<EngineState>;
  /** Graph, for releasing WhatsApp items. Absent: they can be rejected but not released. */
  whatsappApi?: WhatsAppApi;
  /** Replaces the page built from `config.signIn`. */
  page?: ReviewPage;
  now?: () => Date;
}

export function createReviewApi(config: ReviewApiConfig, clients: ReviewApiClients, options: ReviewApiOptions) {
  const content = new S3HeldContent(clients.s3, config.bucket);
  const items = new DynamoReviewItems(clients.dynamo, config.heldTable, (key) => content.meta(key));
  const mailer = new SesMailer({ client: clients.sesv2, fromAddress: config.senderAddress });
  const page = options.page ?? new ReviewPage({ signIn: config.signIn });
  const whatsapp = options.whatsappApi
    ? new GraphReleaseSender(options.whatsappApi, async (ref) => (await items.metaOf(ref))?.graphVersion)
    : undefined;

  return async (event: ReviewEvent): Promise<APIGatewayProxyStructuredResultV2> => {
    const { engine } = await options.engines();
    const service = new ReviewService({
      items,
      content,
      mailer,
      ...(whatsapp ? { whatsapp } : {}),
      engine,
      noticeFrom: `Mail gateway <${config.senderAddress}>`,
      log: options.log,
      ...(options.now ? { now: options.now } : {}),
    });
    // Built per request: the officer's claims come with the event.
    const router = addReviewRoutes(new Router(), { service, page, authenticate: () => authoriseClaims(claimsOf(event)) });
    return dispatch(router, event, options.log);
  };
}
