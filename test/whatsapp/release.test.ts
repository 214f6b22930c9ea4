// Releasing a held WhatsApp message sends the stored body to Graph unchanged.
import { describe, expect, it } from 'vitest';
import { FALLBACK_GRAPH_VERSION, GraphRefusedError, GraphReleaseSender } from '../../lib/whatsapp/release.ts';
import { FakeGraph, SAMPLE, sendBody } from './helpers.ts';

describe('GraphReleaseSender', () => {
  it('sends the held bytes from the held sender with the version kept with the hold', async () => {
    const graph = new FakeGraph();
    const raw = sendBody('hold');
    await new GraphReleaseSender(graph, async (ref) => (ref === 'H-20261124-AAAAAA' ? 'v22.0' : undefined)).sendHeld({ reference: 'H-20261124-AAAAAA', raw, sender: SAMPLE.phoneNumberId });
    expect(graph.sent).toHaveLength(1);
    expect(graph.sent[0]!.target).toEqual({ version: 'v22.0', phoneNumberId: SAMPLE.phoneNumberId });
    expect(graph.sent[0]!.body.equals(raw)).toBe(true);
  });

  it('falls back to a current version when none was kept', async () => {
    const graph = new FakeGraph();
    await new GraphReleaseSender(graph).sendHeld({ reference: 'H-20261124-AAAAAA', raw: sendBody('text'), sender: SAMPLE.phoneNumberId });
    expect(graph.sent[0]!.target.version).toBe(FALLBACK_GRAPH_VERSION);
  });

  it('rejects when Graph refuses the message, so the item stays held', async () => {
    const graph = new FakeGraph();
    graph.answer = { status: 400, contentType: 'application/json', body: Buffer.from('{"error":{"code":131030}}') };
    await expect(new GraphReleaseSender(graph).sendHeld({ reference: 'H-20261124-AAAAAA', raw: sendBody('text'), sender: SAMPLE.phoneNumberId })).rejects.toThrow(GraphRefusedError);
  });

  it.each([['an email address', 'cllr@example.gov.uk'], ['a path', '../123']])('refuses a held item whose sender is %s', async (_name, sender) => {
    const graph = new FakeGraph();
    await expect(new GraphReleaseSender(graph).sendHeld({ reference: 'H-20261124-AAAAAA', raw: sendBody('text'), sender })).rejects.toThrow('no usable phone number id');
    expect(graph.sent).toHaveLength(0);
  });
});
