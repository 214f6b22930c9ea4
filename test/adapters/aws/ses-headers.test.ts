import { describe, expect, it } from 'vitest';
import { prepareForSes } from '../../../lib/adapters/aws/ses-headers.ts';

const BODY = 'Body line one\r\nDKIM-Signature: in the body stays\r\n';
const raw = (headers: string[]): Buffer => Buffer.from(`${headers.join('\r\n')}\r\n\r\n${BODY}`);

describe('prepareForSes', () => {
  it.each([
    [
      'removes every DKIM-Signature, folded lines included',
      ['DKIM-Signature: v=1; d=rushcliffe.gov.uk;\r\n\tb=abc', 'From: j@rushcliffe.gov.uk', 'dkim-signature: v=1; d=other.example'],
      ['From: j@rushcliffe.gov.uk'],
    ],
    ['removes Return-Path', ['Return-Path: <j@rushcliffe.gov.uk>', 'Subject: Hi'], ['Subject: Hi']],
    [
      'keeps SES receipt headers and everything else',
      ['X-SES-RECEIPT: AEFB', 'Received: from a by b', 'Subject: Hi'],
      ['X-SES-RECEIPT: AEFB', 'Received: from a by b', 'Subject: Hi'],
    ],
  ])('%s', (_name, headers, kept) => {
    const out = prepareForSes(raw(headers));
    expect(out.toString('latin1')).toBe(raw(kept).toString('latin1'));
  });

  it('returns the same buffer when there is nothing to remove', () => {
    const input = raw(['Subject: Hi']);
    expect(prepareForSes(input)).toBe(input);
  });

  it('leaves 8-bit body bytes exactly as they were', () => {
    const body = Buffer.from([0xe2, 0x80, 0xa2, 0x0d, 0x0a, 0xff, 0x00]);
    const input = Buffer.concat([Buffer.from('Return-Path: <a@b.example>\r\nSubject: x\r\n\r\n'), body]);
    expect(prepareForSes(input).subarray(-body.length)).toEqual(body);
  });
});
