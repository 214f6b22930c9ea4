// The gateway's state in DynamoDB: one table of decision records (which also holds the
// idempotency claims), one of held items with an index by status for the review list. Both are
// encrypted with the gateway key, recoverable to any point in the last 35 days, and kept when the
// stack is deleted.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { DECISIONS_KEY, HELD_KEY, HELD_RESEND_INDEX, HELD_STATUS_INDEX, TTL_ATTRIBUTE } from '../layout.ts';

export interface StateTablesProps {
  key: IKey;
}

export class StateTables extends Construct {
  readonly decisions: Table;
  readonly held: Table;

  constructor(scope: Construct, id: string, props: StateTablesProps) {
    super(scope, id);
    const common = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
    } as const;

    this.decisions = new Table(this, 'Decisions', {
      ...common,
      partitionKey: { name: DECISIONS_KEY, type: AttributeType.STRING },
    });

    this.held = new Table(this, 'Held', {
      ...common,
      partitionKey: { name: HELD_KEY, type: AttributeType.STRING },
    });
    // The review list: held items by status, newest first.
    this.held.addGlobalSecondaryIndex({
      indexName: HELD_STATUS_INDEX,
      partitionKey: { name: 'status', type: AttributeType.STRING },
      sortKey: { name: 'heldAt', type: AttributeType.STRING },
    });
    // An override re-send finds the held copies of the same message (sparse: email items only).
    this.held.addGlobalSecondaryIndex({
      indexName: HELD_RESEND_INDEX,
      partitionKey: { name: 'resendKey', type: AttributeType.STRING },
      sortKey: { name: 'heldAt', type: AttributeType.STRING },
    });
  }
}
