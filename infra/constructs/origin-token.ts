// The secret token the council's Exchange Online transport rule stamps (as X-Gateway-Origin) on the
// councillors' outbound mail it routes to the gateway: the proof that a message came from the
// council's own tenant (lib/adapters/aws/origin-proof.ts). The stack generates it; the IT
// administrator copies it into the transport rule (README, "Deploying to AWS").
import { RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface OriginTokenProps {
  secretName: string;
  key: IKey;
}

/** Long enough not to be guessed, letters and digits only so it pastes into PowerShell as it is. */
export const TOKEN_LENGTH = 48;

export class OriginToken extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: OriginTokenProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      secretName: props.secretName,
      description: 'Token the Exchange Online transport rule stamps on councillors\' outbound mail (X-Gateway-Origin)',
      encryptionKey: props.key,
      generateSecretString: { passwordLength: TOKEN_LENGTH, excludePunctuation: true, includeSpace: false },
      // Deleting it would refuse all mail until the transport rule had a new one.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
