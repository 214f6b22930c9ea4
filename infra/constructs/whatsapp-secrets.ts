// The three WhatsApp credentials Meta issues, as Secrets Manager secrets encrypted with the gateway
// key. The template creates them with a random placeholder; the operator puts the real values in
// after deployment (docs: deploy.md), so no credential is ever in the template or the repository.
import { RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface WhatsAppSecretsProps {
  key: IKey;
  appSecretName: string;
  verifyTokenName: string;
  accessTokenName: string;
}

export class WhatsAppSecrets extends Construct {
  /** Signs webhook deliveries (X-Hub-Signature-256). */
  readonly appSecret: Secret;
  /** Answers Meta's webhook verification handshake. */
  readonly verifyToken: Secret;
  /** Sends through the Graph API on the council's behalf. */
  readonly accessToken: Secret;

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
  }
}
