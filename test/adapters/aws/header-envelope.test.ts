import { describe, expect, it } from 'vitest';
import { headerEnvelope } from '../../../lib/adapters/aws/header-envelope.ts';

const message = (headers: string[]): Buffer => Buffer.from(`${headers.join('\r\n')}\r\n\r\nBody\r\n`);

describe('headerEnvelope', () => {
  it.each([
    [
      'To, Cc and Bcc, in that order',
      ['From: Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>', 'To: a@example.org', 'Cc: "Doe, J" <b@example.org>', 'Bcc: c@example.org'],
      { from: 'cllr.jporter@rushcliffe.gov.uk', to: ['a@example.org', 'b@example.org', 'c@example.org'] },
    ],
    [
      'groups flattened, repeats dropped ignoring case',
      ['From: j@rushcliffe.gov.uk', 'To: Ward team: a@example.org, B@example.org;', 'Cc: b@example.org'],
      { from: 'j@rushcliffe.gov.uk', to: ['a@example.org', 'B@example.org'] },
    ],
    [
      'folded and encoded fields, repeated fields',
      ['From: =?UTF-8?B?U2nDom4=?= <s@rushcliffe.gov.uk>', 'To: one@example.org,\r\n two@example.org', 'To: three@example.org'],
      { from: 's@rushcliffe.gov.uk', to: ['one@example.org', 'two@example.org', 'three@example.org'] },
    ],
    ['no recipient fields', ['From: j@rushcliffe.gov.uk', 'Subject: Hi'], { from: 'j@rushcliffe.gov.uk', to: [] }],
    ['no From, undisclosed recipients', ['To: undisclosed-recipients:;'], { from: '', to: [] }],
    ['a field in the body is not a header', ['From: j@rushcliffe.gov.uk', '', 'To: body@example.org'], { from: 'j@rushcliffe.gov.uk', to: [] }],
  ])('%s', (_name, headers, envelope) => {
    expect(headerEnvelope(message(headers))).toEqual(envelope);
  });
});
