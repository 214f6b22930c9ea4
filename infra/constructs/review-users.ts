// Who may review held messages: a Cognito user pool of information-governance officers. Accounts
// are created by an administrator (no self sign-up), sign in with email and a strong password plus
// an authenticator app, and must be in the information-governance group for the review API to
// answer them. The pool's threat protection blocks sign-ins that look compromised.
import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolGroup,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { REVIEW_GROUP } from '../layout.ts';

/** What the review page asks for at sign-in: "openid" brings the ID token the review API checks. */
export const REVIEW_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE] as const;

export interface ReviewUsersProps {
  councilName: string;
  domainPrefix: string;
  /** Where the hosted sign-in and sign-out pages send officers back to: the review page. */
  pageUrl: string;
}

export class ReviewUsers extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly group: UserPoolGroup;
  /** The hosted sign-in domain as an https:// origin: the page's authorize, token and logout endpoints. */
  readonly signInUrl: string;

  constructor(scope: Construct, id: string, props: ReviewUsersProps) {
    super(scope, id);
    this.pool = new UserPool(this, 'Pool', {
      userPoolName: `${props.domainPrefix}-reviewers`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: `${props.councilName}: your message review account`,
        emailBody:
          'You have been given an account to review messages the councillor message gateway has held. ' +
          'Your username is {username} and your temporary password is {####}. You will be asked to set a new password and an authenticator app.',
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.group = new UserPoolGroup(this, 'InformationGovernance', {
      userPool: this.pool,
      groupName: REVIEW_GROUP,
      description: 'Information-governance officers: may review, release and reject held messages',
    });

    this.domain = this.pool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    this.signInUrl = this.domain.baseUrl();

    // A public client: the page runs in the officer's browser, which cannot keep a secret, and
    // signs in with the authorization code flow and PKCE (lib/review/sign-in.ts).
    this.client = this.pool.addClient('ReviewPage', {
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [...REVIEW_SCOPES],
        callbackUrls: [props.pageUrl],
        logoutUrls: [props.pageUrl],
      },
      // Short sessions: an unattended browser stops being able to release messages within the hour.
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
    });

    new CfnOutput(scope, 'ReviewUserPoolId', { description: 'Cognito user pool of reviewers', value: this.pool.userPoolId });
    new CfnOutput(scope, 'ReviewClientId', { description: 'App client the review page signs in with', value: this.client.userPoolClientId });
    new CfnOutput(scope, 'ReviewSignInDomain', { description: 'Hosted sign-in domain', value: this.signInUrl });
  }
}
