// The HTTP API: which routes exist, which are behind the reviewers' JWT authorizer (every review
// API route) and which are not (the WhatsApp doors, the page's static files); the stage's access
// log and throttling; the reviewers' user pool.
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, PAGE_ROUTES } from '../../infra/constructs/review-door.ts';
import type { GatewayStack } from '../../infra/gateway-stack.ts';
import { synthGateway } from './synth.ts';

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
});

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

  it('signs officers in with the authorization-code flow and sends them back to the review page', () => {
    const client = template.toJSON().Resources[idOf(stack.reviewUsers.client)].Properties;
    expect(client).toMatchObject({ AllowedOAuthFlows: ['code'], GenerateSecret: false, PreventUserExistenceErrors: 'ENABLED', EnableTokenRevocation: true });
    expect(JSON.stringify(client.CallbackURLs)).toContain('review/');
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
