// Which environment variables each function reads: the very lists the functions pass to readEnv
// (lib/adapters/aws/env.ts), so the stack sets exactly what each function reads.
import {
  EMAIL_FILTER_VARIABLES,
  REVIEW_API_VARIABLES,
  WHATSAPP_SEND_VARIABLES,
  WHATSAPP_WEBHOOK_VARIABLES,
  type VariableName,
} from '../lib/adapters/aws/env.ts';
import type { FunctionName } from './layout.ts';

export const FUNCTION_VARIABLES: Readonly<Record<FunctionName, readonly VariableName[]>> = {
  'email-filter': EMAIL_FILTER_VARIABLES,
  'whatsapp-send': WHATSAPP_SEND_VARIABLES,
  'whatsapp-webhook': WHATSAPP_WEBHOOK_VARIABLES,
  'review-api': REVIEW_API_VARIABLES,
};

/** Variables a deployment may leave unset on purpose (the reader treats unset as "any" or "none"). */
export const OPTIONAL_VARIABLES: readonly VariableName[] = ['WHATSAPP_PHONE_NUMBER_IDS', 'WHATSAPP_DOWNSTREAM_URL'];
