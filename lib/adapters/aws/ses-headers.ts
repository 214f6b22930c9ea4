// Header fields a passed message must lose before SES sends it on; every other byte stays as the
// councillor sent it.
// - DKIM-Signature: SES signs outgoing mail with the domain's own key and refuses a message that
//   would then carry a duplicate signature header; an original signature would no longer verify
//   anyway once the override tag has been taken out of a signed Subject.
// - Return-Path: written by the receiving server; SES sets its own MAIL FROM and rejects one given.
import { rawFields } from '../../mime/raw-headers.ts';

const REMOVED = new Set(['dkim-signature', 'return-path']);

export function prepareForSes(raw: Buffer): Buffer {
  const removed = rawFields(raw).filter((f) => REMOVED.has(f.name.toLowerCase()));
  if (removed.length === 0) return raw;
  const kept: Buffer[] = [];
  let at = 0;
  for (const field of removed) {
    kept.push(raw.subarray(at, field.start));
    at = field.end;
  }
  kept.push(raw.subarray(at));
  return Buffer.concat(kept);
}
