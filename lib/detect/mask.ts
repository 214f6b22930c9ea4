// Masks a detected value for explanations and the review page: enough shape to recognise what
// was found, never enough to recover it ("JG •• •• •• A", "07700 9•• •••", "e•••@example.org").

const DOT = '•';

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskGeneric(value);
  return `${value[0]}${DOT.repeat(3)}${value.slice(at)}`;
}

function maskNino(value: string): string {
  const compact = value.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  if (compact.length < 8) return maskGeneric(value);
  const prefix = compact.slice(0, 2);
  const suffix = compact.length > 8 ? compact.slice(8) : '';
  return `${prefix} ${DOT}${DOT} ${DOT}${DOT} ${DOT}${DOT}${suffix ? ` ${suffix}` : ''}`;
}

/**
 * Keeps separators and the first few letters and digits, masks the rest. Phone numbers keep their
 * dialling code and one more digit (a place, not a person); everything else keeps a third, at most 5.
 */
function maskGeneric(value: string, type = ''): string {
  const alnum = value.replace(/[^\p{L}\p{N}]/gu, '').length;
  const reveal = type === 'phone-number' ? Math.max(0, Math.min(6, alnum - 5)) : Math.min(5, Math.floor(alnum / 3));
  let seen = 0;
  let out = '';
  for (const ch of value) {
    if (/[\p{L}\p{N}]/u.test(ch)) {
      out += seen < reveal ? ch : DOT;
      seen += 1;
    } else {
      out += ch;
    }
  }
  return out;
}

const OUTWARD_CODE = /([A-Za-z]{1,2}\d[A-Za-z\d]?)(\s?\d[A-Za-z]{2})\s*$/;

/** An address shows only its postcode district ("NG2"): the area, not the home. */
function maskAddress(value: string): string {
  const postcode = OUTWARD_CODE.exec(value);
  const hideAll = (text: string): string => text.replace(/[\p{L}\p{N}]/gu, DOT);
  if (!postcode) return hideAll(value);
  return `${hideAll(value.slice(0, postcode.index))}${postcode[1]}${hideAll(postcode[2]!)}`;
}

/** Whole words that are themselves the finding (markings) are not secret: show them. */
const SHOWN_AS_IS = new Set(['security-classification', 'exempt-information', 'confidentiality-notice', 'special-category']);

export function maskValue(type: string, value: string): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  if (SHOWN_AS_IS.has(type)) return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
  if (type === 'email-address') return maskEmail(oneLine);
  if (type === 'uk-nino') return maskNino(oneLine);
  if (type === 'postal-address') return maskAddress(oneLine);
  // A list of people: even a few letters of each name would say who is on it.
  if (type === 'people-list') return oneLine.replace(/[\p{L}\p{N}]/gu, DOT);
  return maskGeneric(oneLine, type);
}
