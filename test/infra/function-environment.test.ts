// Each function gets exactly the variables it reads; one it reads that the stack gives no value
// for stops the synthesis, unless it is one a deployment may leave unset.
import { describe, expect, it } from 'vitest';
import { environmentFor, type GatewayVariables } from '../../infra/function-environment.ts';

const VALUES: GatewayVariables = {
  GATEWAY_BUCKET: 'messages',
  GATEWAY_HELD_TABLE: 'held',
  GATEWAY_RULES_DIR: '/var/task/rules',
  WHATSAPP_DOWNSTREAM_URL: undefined,
};

describe('environmentFor', () => {
  it.each([
    [['GATEWAY_BUCKET', 'GATEWAY_RULES_DIR'], [], { GATEWAY_BUCKET: 'messages', GATEWAY_RULES_DIR: '/var/task/rules' }],
    [['GATEWAY_HELD_TABLE'], [], { GATEWAY_HELD_TABLE: 'held' }],
    [['GATEWAY_BUCKET', 'WHATSAPP_DOWNSTREAM_URL'], ['WHATSAPP_DOWNSTREAM_URL'], { GATEWAY_BUCKET: 'messages' }],
    // Powertools' names are set by the function construct, per function.
    [['GATEWAY_BUCKET', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'], [], { GATEWAY_BUCKET: 'messages' }],
  ] as const)('gives a function reading %j (optional %j) only those', (names, optional, expected) => {
    expect(environmentFor(VALUES, names, optional)).toEqual(expected);
  });

  it.each([
    [['GATEWAY_BUCKET', 'GATEWAY_DECISIONS_TABLE'], [], 'GATEWAY_DECISIONS_TABLE'],
    [['WHATSAPP_DOWNSTREAM_URL'], [], 'WHATSAPP_DOWNSTREAM_URL'],
  ] as const)('refuses a function reading %j when a value is missing', (names, optional, missing) => {
    expect(() => environmentFor(VALUES, names, optional)).toThrow(missing);
  });
});
