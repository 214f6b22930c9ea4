// The held message as its recipient would have read it, as text: every part the gateway scanned
// (subject, body, the HTML version as text, readable attachments), detected values masked, and the
// list of attachments with whether each could be read. Nothing here is HTML: the page shows it as
// text, so markup in a message is only ever characters on the screen.
import { UNREADABLE_REASONS } from '../explain/unreadable-reasons.ts';
import type { Message, TextPart } from '../message/types.ts';
import type { HeldFinding } from '../ports/held-items.ts';
import type { NameFinder } from '../detect/person-names.ts';
import { maskedText } from './masking.ts';
import type { AttachmentView, MessageView, PartView } from './views.ts';

function partView(part: TextPart, findings: readonly HeldFinding[], names?: NameFinder): PartView {
  const { pieces, truncated } = maskedText(part.text, part.id, findings, names?.find(part.text) ?? []);
  return { id: part.id, kind: part.kind, label: part.label, pieces, truncated };
}

/** An email attachment's name part: its id is the attachment's id and "/name". */
const isAttachmentName = (p: TextPart): boolean => p.kind === 'attachment-name' && p.id.endsWith('/name');
const attachmentId = (namePart: TextPart): string => namePart.id.slice(0, -'/name'.length);

function attachments(message: Message, findings: readonly HeldFinding[]): AttachmentView[] {
  return message.parts
    .filter(isAttachmentName)
    .map((namePart) => {
      const id = attachmentId(namePart);
      const problem = message.unreadable.find((u) => u.partId === id);
      return {
        name: maskedText(namePart.text, namePart.id, findings).pieces,
        read: message.parts.some((p) => p.id === id && p.kind === 'attachment'),
        ...(problem ? { problem: UNREADABLE_REASONS[problem.reason] } : {}),
      };
    });
}

/** `names`: people's names are masked too (the rules' name settings); without it, detected values only. */
export function messageView(message: Message, findings: readonly HeldFinding[], names?: NameFinder): MessageView {
  return {
    parts: message.parts.filter((p) => !isAttachmentName(p)).map((p) => partView(p, findings, names)),
    attachments: attachments(message, findings),
  };
}
