// Real-world and deliberately broken MIME from public parser test suites (read in place from
// ../shared/fixtures/mime/): every message must parse into a well-formed Message without throwing,
// and the only inputs refused are the ones listed here as not being messages at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import { parseEmail } from '../../lib/message/email.ts';
import type { Message } from '../../lib/message/types.ts';
import { DEFAULT_LIMITS, VALEDICTIONS } from './mime-builders.ts';
import { HAS_MIME_CORPUS, MIME_DIR, mimeCorpusFiles, NOT_MESSAGES } from '../helpers/shared-fixtures.ts';

function assertWellFormed(message: Message): void {
  const ids = message.parts.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const part of message.parts) {
    expect(part.text).not.toBe('');
    let at = 0;
    for (const segment of part.segments) {
      expect(segment.start).toBe(at);
      expect(segment.end).toBeGreaterThan(segment.start);
      at = segment.end;
    }
    expect(at).toBe(part.text.length);
  }
  for (const unreadable of message.unreadable) expect(unreadable.detail).not.toBe('');
}

describe.skipIf(!HAS_MIME_CORPUS)('MIME corpus (../shared/fixtures/mime)', () => {
  const files = mimeCorpusFiles();

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const listed of Object.keys(NOT_MESSAGES)) expect(files).toContain(listed);
  });

  it.each(files)('%s', async (file) => {
    const raw = readFileSync(join(MIME_DIR, file));
    const result = await parseEmail(raw, { limits: DEFAULT_LIMITS, valedictions: VALEDICTIONS }).catch((error: unknown) => error);
    if (file in NOT_MESSAGES) {
      expect(result).toBeInstanceOf(InputError);
      return;
    }
    if (result instanceof Error) throw result;
    const message = result as Message;
    expect(message.channel).toBe('email');
    expect(message.sizeBytes).toBe(raw.length);
    assertWellFormed(message);
  });
});

if (!HAS_MIME_CORPUS) {
  describe('MIME corpus', () => {
    it.skip(`skipped: ${MIME_DIR} is absent (the shared fixtures sit beside the checkout in CI)`, () => {});
  });
}
