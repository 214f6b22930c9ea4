// The text of a message body. When a message has both a plain-text and an HTML version, the plain
// text is the body, and the HTML version is scanned as well whenever it says something different:
// most recipients read the HTML, and a sender could put something in only one of them. The HTML's
// hidden text and the attribute text a client shows on request are parts of their own: sent with
// the message, so scanned, but not run into the rendered text where they would split its values.
import type { ParsedMail } from 'mailparser';
import { htmlToText } from './html-text.ts';
import type { PartDraft } from './collector.ts';
import type { UnreadablePart } from './types.ts';

export interface BodyTexts {
  parts: PartDraft[];
  problems: UnreadablePart[];
}

function sameContent(a: string, b: string): boolean {
  const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();
  return normalise(a) === normalise(b);
}

export function bodyTexts(mail: ParsedMail, idPrefix: string, labelPrefix: string): BodyTexts {
  const plain = mail.text?.trim() ? mail.text : '';
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? htmlToText(mail.html) : undefined;
  const body: PartDraft = { id: `${idPrefix}body`, kind: 'body', label: `${labelPrefix}the message body`, text: plain || (html?.text ?? '') };
  const parts = [body];
  let htmlId = body.id;
  if (plain !== '' && html !== undefined && html.text.trim() !== '' && !sameContent(plain, html.text)) {
    htmlId = `${idPrefix}body-html`;
    parts.push({ id: htmlId, kind: 'body', label: `${labelPrefix}the formatted (HTML) version of the message body`, text: html.text });
  }
  if (html !== undefined) {
    parts.push(
      { id: `${idPrefix}body-html-hidden`, kind: 'body', label: `${labelPrefix}text hidden in the formatted (HTML) version of the message body`, text: html.hidden },
      {
        id: `${idPrefix}body-html-revealed`,
        kind: 'body',
        label: `${labelPrefix}link targets, titles and form text in the formatted (HTML) version of the message body`,
        text: html.revealed,
      },
    );
  }
  const problems: UnreadablePart[] =
    html?.problem === undefined
      ? []
      : [{ partId: htmlId, label: `${labelPrefix}the formatted (HTML) version of the message body`, reason: 'corrupt', detail: html.problem }];
  return { parts, problems };
}
