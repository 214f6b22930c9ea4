// Every published SES receipt event in ../shared/fixtures/ses/ (AWS's documented example and
// other projects' test events), and every sample under events/, goes through the handler's event
// parsing: the real shapes SES sends must give the envelope and intake key the filter relies on.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmailEvent } from '../../../lib/adapters/aws/email-events.ts';
import { SETTINGS } from './harness.ts';

const SHARED = new URL('../../../../shared/fixtures/ses/', import.meta.url);
const EVENTS = new URL('../../../events/', import.meta.url);
const present = existsSync(SHARED);
const jsonFiles = (dir: URL) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const read = (dir: URL, name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8'));

const title = present ? 'published SES receipt events' : 'published SES receipt events: skipped, ../shared/fixtures/ses/ is not beside this checkout';

describe.skipIf(!present)(title, () => {
  const files = present ? jsonFiles(SHARED) : [];

  it('has events', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', (file) => {
    const event = read(SHARED, file);
    const parsed = parseEmailEvent(event, SETTINGS);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.intakes).toEqual(
      event.Records.map((r: { ses: { mail: { messageId: string; source: string }; receipt: { recipients: string[] } } }) =>
        expect.objectContaining({ door: 'ses', key: r.ses.mail.messageId, envelope: { from: r.ses.mail.source, to: r.ses.receipt.recipients } }),
      ),
    );
    expect(parsed.synchronous).toBe(false);
  });
});

describe('sample events under events/', () => {
  it.each(jsonFiles(EVENTS).filter((f) => f.startsWith('ses-') || f.startsWith('s3-')))('%s names one intake object that is beside it', (file) => {
    const { intakes, skipped } = parseEmailEvent(read(EVENTS, file), SETTINGS);
    expect(skipped).toEqual([]);
    expect(intakes).toHaveLength(1);
    // The raw message the event points to ships beside it, for sam local invoke and the tests.
    expect(existsSync(new URL(file.replace(/\.json$/, '.eml'), EVENTS))).toBe(true);
  });
});
