// DynamoDB refuses a conditional write with this error; for an idempotent write it means "already
// done". Matched by name too, because the document client and mocks may not share the class.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}
