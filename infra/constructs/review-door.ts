// The review page and API for information-governance officers, served by one function from the
// gateway's HTTP API. The page's own files and its sign-in settings (/review/config.json) carry no
// data and load without a token (a browser cannot send one when it opens a page); every API route sits behind a JWT authorizer for the reviewers'
// user pool, and the function checks the caller is in the information-governance group.
import { Duration } from 'aws-cdk-lib';
import { HttpMethod, HttpNoneAuthorizer, type HttpApi, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { HELD_PREFIX, HELD_STATUS_INDEX } from '../layout.ts';
import { bucketList, indexQuery, keyUse, objectAccess, secretRead, sesSend, tableAccess } from '../policies.ts';
import { GatewayFunction } from './gateway-function.ts';
import type { ReviewUsers } from './review-users.ts';

export interface ReviewDoorProps {
  api: HttpApi;
  users: ReviewUsers;
  environment: Record<string, string>;
  key: IKey;
  bucket: IBucket;
  held: ITable;
  /** SES identities a release or a rejection notice is sent as. */
  sendIdentities: readonly string[];
  /** The WhatsApp access token, to release held WhatsApp messages to Graph. */
  whatsappAccessToken: ISecret;
  logRetention: RetentionDays;
}

/**
 * The page: its address and its static files. An HTTP API route cannot end in "/"; API Gateway
 * sends "/review/" to the "/review" route with the slash kept in the path the function sees.
 */
export const PAGE_ROUTES = ['/review', '/review/{file}'] as const;
/** The API: every one of these needs a reviewer's token. */
export const API_ROUTES = [
  { path: '/api/held', methods: [HttpMethod.GET] },
  { path: '/api/held.csv', methods: [HttpMethod.GET] },
  { path: '/api/held/{ref}', methods: [HttpMethod.GET] },
  { path: '/api/held/{ref}/release', methods: [HttpMethod.POST] },
  { path: '/api/held/{ref}/reject', methods: [HttpMethod.POST] },
  { path: '/api/held/{ref}/unmask', methods: [HttpMethod.POST] },
  // Answered "not available here" on AWS, where the alerts go to the IG topic; routed so the
  // page gets that answer rather than API Gateway's bare 404.
  { path: '/api/alerts', methods: [HttpMethod.GET] },
  { path: '/api/alerts/{ref}/acknowledge', methods: [HttpMethod.POST] },
] as const;

export class ReviewDoor extends Construct {
  readonly function: GatewayFunction;
  readonly authorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: ReviewDoorProps) {
    super(scope, id);
    this.function = new GatewayFunction(this, 'Review', {
      name: 'review-api',
      description: 'Serves the review page and API for information-governance officers',
      environment: props.environment,
      memorySize: 1024,
      timeout: Duration.seconds(25),
      logRetention: props.logRetention,
      // lib/review/page.ts reads the page's files from review-page/ beside the bundled module,
      // the reports page's charting library (Chart.js's browser build) among them.
      bundledFolders: [
        { source: 'lib/review/review-page', target: 'review-page' },
        { source: 'node_modules/chart.js/dist/chart.umd.min.js', target: 'review-page/chart.umd.js' },
      ],
    });
    this.function.allow(
      // The list comes from the status index; a decision updates the item itself.
      tableAccess(props.held, ['dynamodb:GetItem', 'dynamodb:UpdateItem']),
      indexQuery(props.held, HELD_STATUS_INDEX),
      objectAccess(props.bucket, HELD_PREFIX, ['s3:GetObject']),
      bucketList(props.bucket),
      keyUse(props.key, ['kms:Decrypt']),
      // A release sends the councillor's message as written; a rejection notice comes from the gateway.
      sesSend(this, props.sendIdentities, ['ses:SendEmail', 'ses:SendRawEmail']),
      // A released WhatsApp message goes to Graph with the business's access token.
      secretRead([props.whatsappAccessToken]),
    );

    this.authorizer = new HttpUserPoolAuthorizer('Reviewers', props.users.pool, {
      userPoolClients: [props.users.client],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('ReviewIntegration', this.function.fn);
    for (const path of PAGE_ROUTES) {
      props.api.addRoutes({ path, methods: [HttpMethod.GET], integration, authorizer: new HttpNoneAuthorizer() });
    }
    for (const route of API_ROUTES) {
      props.api.addRoutes({ path: route.path, methods: [...route.methods], integration, authorizer: this.authorizer });
    }
  }
}
