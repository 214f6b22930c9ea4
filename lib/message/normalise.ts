// Text as a reader sees it, for the recognizers: Unicode spaces (a no-break space between the
// groups of an NI number, a thin space in a phone number) become plain spaces, and invisible
// characters (zero-width spaces, soft hyphens, byte-order marks) are removed, so they can
// neither split an identifier nor hide one.

const SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

export function normaliseText(text: string): string {
  return text.replace(SPACES, ' ').replace(INVISIBLE, '');
}
