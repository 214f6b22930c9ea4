// Who a message is from and to, as the transport sees it (SMTP MAIL FROM / RCPT TO). The envelope
// recipients are the real recipients: they include Bcc, which the headers do not show.

export interface Envelope {
  /** The reverse path; '' is the null sender used for bounces. */
  from: string;
  to: string[];
}
