// Whether a subject line says the message is a reply. Only in a reply is text under "On … wrote:"
// or an Outlook header block the recipients' own words coming back to them; in a forward it is
// being passed on to someone new and counts like the sender's own text.

/** Leading tags ("[EXTERNAL]", "[override: …]") and then a reply prefix: Re, RE[2], AW, SV, Antw. */
const REPLY_PREFIX = /^\s{0,20}(?:\[[^\]\n]{0,200}\]\s{0,20}){0,5}(?:re|aw|sv|antw)(?:\[\d{1,3}\])? {0,3}:/i;

export function isReplySubject(subject: string): boolean {
  return REPLY_PREFIX.test(subject);
}
