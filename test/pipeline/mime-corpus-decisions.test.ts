// Every message of the public MIME corpus through the whole pipeline, as the gateway would see it
// sent to an outside address: each gets a decision, none crashes, and only the inputs that are not
// messages at all fail (and are held, never passed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';
import { HAS_MIME_CORPUS, MIME_DIR, mimeCorpusFiles, NOT_MESSAGES } from '../helpers/shared-fixtures.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe.skipIf(!HAS_MIME_CORPUS)('MIME corpus decisions', () => {
  it.each(mimeCorpusFiles())('%s', async (file) => {
    const result = await scanEmail(engine, readFileSync(join(MIME_DIR, file)), {
      sender: 'cllr.test@rushcliffe.gov.uk',
      recipients: ['someone@example.org'],
    });
    expect(['hold', 'pass']).toContain(result.decision.action);
    if (file in NOT_MESSAGES) {
      expect(result.error?.name).toBe('InputError');
      expect(result.decision).toMatchObject({ action: 'hold', deliver: false });
      return;
    }
    expect(result.error).toBeUndefined();
    // An unreadable part must hold external mail, never vanish.
    if (result.message!.unreadable.length > 0) expect(result.decision.reasons.map((r) => r.rule)).toContain('unreadable-attachment');
  });
});

if (!HAS_MIME_CORPUS) {
  describe('MIME corpus decisions', () => {
    it.skip(`skipped: ${MIME_DIR} is absent (the shared fixtures sit beside the checkout in CI)`, () => {});
  });
}
