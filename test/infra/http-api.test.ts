// The HTTP API: which routes exist, which are behind the reviewers' JWT authorizer (every review
// API route) and which are not (the WhatsApp doors, the page's static files); the stage's access
// log and throttling; the reviewers' user pool.
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, PAGE_ROUTES } from '../../infra/constructs/review-door.ts';
import type { GatewayStack } from '../../infra/gateway-stack.ts';
import { synthGateway, SYNTH_TIMEOUT_MS } from './synth.ts';

type Construct = Parameters<GatewayStack['getLogicalId']>[0];

interface Route {
  RouteKey: string;
  AuthorizationType: string;
  AuthorizerId?: { Ref: string };
  Target: unknown;
}

let template: Template;
let stack: GatewayStack;
let routes: Route[];

const idOf = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as Construct);

beforeAll(() => {
  ({ template, stack } = synthGateway());
  routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r as { Properties: Route }).Properties);
}, SYNTH_TIMEOUT_MS);

const route = (key: string): Route => {
  const found = routes.find((r) => r.RouteKey === key);
  if (!found) throw new Error(`no route ${key}`);
  return found;
};

const reviewApiKeys = API_ROUTES.flatMap((r) => r.methods.map((method) => `${method} ${r.path}`));

describe('routes', () => {
  it('has exactly the WhatsApp, page and review API routes', () => {
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(
      [
        'POST /whatsapp/{version}/{phoneNumberId}/messages',
        'GET /whatsapp/webhook',
        'POST /whatsapp/webhook',
        ...PAGE_ROUTES.map((path) => `GET ${path}`),
        ...reviewApiKeys,
      ].sort(),
    );
  });

  it.each(reviewApiKeys)('%s requires a reviewer token (the JWT authorizer)', (key) => {
    const authorizerId = idOf(stack.api.api.node.findChild('Reviewers') as never);
    expect(route(key)).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
  });

  it('every route under /api is behind the authorizer, whatever is added later', () => {
    const api = routes.filter((r) => r.RouteKey.split(' ')[1]!.startsWith('/api/'));
    expect(api.length).toBe(reviewApiKeys.length);
    for (const r of api) expect(r.AuthorizationType, r.RouteKey).toBe('JWT');
  });

  it.each(['POST /whatsapp/{version}/{phoneNumberId}/messages', 'GET /whatsapp/webhook', 'POST /whatsapp/webhook', 'GET /review', 'GET /review/{file}'])(
    '%s has no authorizer at the gateway (the function checks the caller, or it serves no data)',
    (key) => {
      expect(route(key).AuthorizationType).toBe('NONE');
    },
  );

  it.each([
    ['POST /whatsapp/{version}/{phoneNumberId}/messages', () => stack.whatsapp.send.fn],
    ['POST /whatsapp/webhook', () => stack.whatsapp.webhook.fn],
    ['GET /api/held', () => stack.review.function.fn],
    ['GET /review/{file}', () => stack.review.function.fn],
  ])('%s reaches the right function', (key, fn) => {
    const integrationId = (route(key).Target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1] as { Ref: string };
    const integration = template.toJSON().Resources[integrationId.Ref];
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [idOf(fn()), 'Arn'] } });
  });
});

describe('the authorizer and the user pool', () => {
  it("accepts only tokens the reviewers' user pool issued to the review page's client", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: idOf(stack.reviewUsers.client) }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: idOf(stack.reviewUsers.pool) }]] },
      },
    });
  });

  it('lets administrators alone create reviewers, who need a strong password and an authenticator app', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      UserPoolTier: 'PLUS',
      DeletionProtection: 'ACTIVE',
    });
  });

  it('has the information-governance group the review API checks for', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'information-governance', UserPoolId: { Ref: idOf(stack.reviewUsers.pool) } });
  });

  /** The review page's address as the template builds it: the API's default stage, then review/. */
  const pageUrl = () => ({
    'Fn::Join': ['', ['https://', { Ref: idOf(stack.api.api) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/review/']],
  });

  it('signs officers in with the authorization-code flow as a public client, back to the review page and back there on sign-out', () => {
    const client = template.toJSON().Resources[idOf(stack.reviewUsers.client)].Properties;
    expect(client).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect(client.CallbackURLs).toEqual([pageUrl()]);
    expect(client.LogoutURLs).toEqual([pageUrl()]);
  });

  it("gives the review function the page's sign-in settings: the hosted domain, the client, the page and the scopes", () => {
    const fn = template.toJSON().Resources[idOf(stack.review.function.fn)].Properties;
    const variables = fn.Environment.Variables as Record<string, unknown>;
    expect(variables).toMatchObject({
      GATEWAY_REVIEW_SIGN_IN_URL: {
        'Fn::Join': ['', ['https://', { Ref: idOf(stack.reviewUsers.domain) }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']],
      },
      GATEWAY_REVIEW_CLIENT_ID: { Ref: idOf(stack.reviewUsers.client) },
      GATEWAY_REVIEW_PAGE_URL: pageUrl(),
      GATEWAY_REVIEW_SCOPES: 'openid email profile',
    });
  });

  it.each([
    ['email-filter', () => stack.emailFilter.function.fn],
    ['whatsapp-send', () => stack.whatsapp.send.fn],
    ['whatsapp-webhook', () => stack.whatsapp.webhook.fn],
  ])('does not give the %s function the sign-in settings', (_name, fn) => {
    const variables = template.toJSON().Resources[idOf(fn())].Properties.Environment.Variables as Record<string, unknown>;
    expect(Object.keys(variables).filter((v) => v.startsWith('GATEWAY_REVIEW_'))).toEqual([]);
  });
});

describe('the stage', () => {
  it('deploys automatically, throttles, and writes a JSON access log without query strings', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { DestinationArn: unknown; Format: string } } };
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } });
    const { DestinationArn, Format } = stage.Properties.AccessLogSettings;
    expect(DestinationArn).toEqual({ 'Fn::GetAtt': [idOf(stack.api.accessLogs), 'Arn'] });
    const fields = JSON.parse(Format) as Record<string, string>;
    expect(Object.values(fields)).toContain('$context.routeKey');
    expect(Format).not.toMatch(/querystring|\$context\.path|requestBody/i);
  });
});
