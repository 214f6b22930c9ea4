// Builds the MIME bytes of a message the gateway writes itself (text and HTML alternatives).
import MailComposer from 'nodemailer/lib/mail-composer';
import type { ComposedMessage } from '../ports/mailer.ts';

export async function composeMessage(message: ComposedMessage): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo, references: message.inReplyTo } : {}),
    ...(message.headers ? { headers: message.headers } : {}),
  });
  return composer.compile().build();
}
