// Names the deployed pieces agree on: where things live in the bucket, the tables' keys and index,
// the review group, and where the rule files sit inside each function bundle.
import { fileURLToPath } from 'node:url';

/** The repository root: bundling runs from here and the handlers are found from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Raw messages as they arrive (the filter reads here, and the WhatsApp proxy keeps its intake here). */
export const INTAKE_PREFIX = 'intake/';
/**
 * Where Mail Manager writes: the Write to S3 action's S3Prefix, the write role's resource
 * (prefix + "*") and the notification's prefix filter are all exactly this. It has no trailing
 * slash because AWS does not say whether Mail Manager adds one before the object name: either way
 * the object key starts with it, and it stays below INTAKE_PREFIX, which the filter reads.
 */
export const MAIL_MANAGER_PREFIX = `${INTAKE_PREFIX}mail-manager`;
/** Copies of held messages, kept for review until the retention period ends. */
export const HELD_PREFIX = 'held/';

export const DECISIONS_KEY = 'id';
export const HELD_KEY = 'ref';
/** Both tables expire items through this attribute (epoch seconds). */
export const TTL_ATTRIBUTE = 'expiresAt';
export const HELD_STATUS_INDEX = 'status-index';
/** Held items by resend key: the email filter finds the held copies an override re-send answers. */
export const HELD_RESEND_INDEX = 'resend-index';

/** The Cognito group whose members may review held messages. */
export const REVIEW_GROUP = 'information-governance';

/** Where the bundled rule files are on the Lambda file system (the bundle is unpacked in /var/task). */
export const BUNDLED_RULES_DIR = '/var/task/rules';

export const METRICS_NAMESPACE = 'CouncillorGateway';

/** The four Lambda entry points, by the folder name under functions/. */
export const FUNCTION_NAMES = ['email-filter', 'whatsapp-send', 'whatsapp-webhook', 'review-api'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];
