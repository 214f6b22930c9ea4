// The three WhatsApp credentials Meta issues, as Secrets Manager secrets encrypted with the gateway
// key. The template creates them with a random placeholder; the operator puts the real values in
// after deployment (docs: deploy.md), so no credential is ever in the template or the repository.
//
// A fourth secret holds the names and SHA-256 hashes of the tokens the gateway issues to
// councillors' tooling (lib/whatsapp/tooling-tokens.ts). A secret rather than a DynamoDB table:
// the list is small (one entry per councillor's tooling) and always read whole; it is the very
// file `gateway whatsapp-token` writes, so issuing and revoking need no second tool; it is
// encrypted with the gateway key, readable by the send function alone, and each change is a new
// version recorded by CloudTrail; and a table would bring backups, a key schema and its own
// access rules for a few dozen rows. The send function reads it at most once a minute, so a
// revocation takes effect within a minute.
import { RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface WhatsAppSecretsProps {
  key: IKey;
  appSecretName: string;
  verifyTokenName: string;
  accessTokenName: string;
  toolingTokensName: string;
}

export class WhatsAppSecrets extends Construct {
  /** Signs webhook deliveries (X-Hub-Signature-256). */
  readonly appSecret: Secret;
  /** Answers Meta's webhook verification handshake. */
  readonly verifyToken: Secret;
  /** Sends through the Graph API on the council's behalf; only the gateway holds it. */
  readonly accessToken: Secret;
  /** Hashes of the tokens councillors' tooling presents to the send proxy. */
  readonly toolingTokens: Secret;

  constructor(scope: Construct, id: string, props: WhatsAppSecretsProps) {
    super(scope, id);
    const secret = (secretId: string, secretName: string, description: string): Secret =>
      new Secret(this, secretId, {
        secretName,
        description: `${description} Set by the operator; the created value is a placeholder.`,
        encryptionKey: props.key,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.appSecret = secret('AppSecret', props.appSecretName, 'WhatsApp app secret (Meta app dashboard > App settings > Basic).');
    this.verifyToken = secret('VerifyToken', props.verifyTokenName, 'WhatsApp webhook verify token (the value entered in the webhook settings).');
    this.accessToken = secret('AccessToken', props.accessTokenName, 'WhatsApp Cloud API access token (a system user token).');
    this.toolingTokens = new Secret(this, 'ToolingTokens', {
      secretName: props.toolingTokensName,
      description: 'Names and SHA-256 hashes of the WhatsApp tooling tokens, as written by gateway whatsapp-token. Starts as an empty list.',
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
      // An empty list: every send is refused until tokens are issued. The generated key is ignored.
      generateSecretString: { secretStringTemplate: JSON.stringify({ tokens: [] }), generateStringKey: 'placeholder' },
    });
  }
}
