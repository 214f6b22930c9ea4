// Minimal real RFC 5322 messages for tests that need an email but not a particular MIME shape.

export interface SimpleEmail {
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  body: string;
}

export function simpleEml(e: SimpleEmail): string {
  return [
    `From: ${e.from ?? 'Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>'}`,
    `To: ${e.to ?? 'editor@example.org'}`,
    ...(e.cc ? [`Cc: ${e.cc}`] : []),
    `Subject: ${e.subject ?? 'Ward update'}`,
    'Message-ID: <simple-test@rushcliffe.gov.uk>',
    'Date: Mon, 24 Nov 2025 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...e.body.split('\n'),
    '',
  ].join('\r\n');
}
