// A deterministic generator of councillor-like text with identifiers sprinkled through it, and of
// adversarial inputs that would expose a regular expression that backtracks.

/** Ordinary ward business: most of what councillors write. */
const ROUTINE = [
  'Thank you for coming to the ward surgery on Saturday at the community centre.',
  'The planning application 24/00873/FUL will be considered by committee next month.',
  'Please find the agenda for Thursday attached; item 4 covers the play area.',
  'Residents on Abbey Road have raised concerns about parking near the school.',
  'I have asked officers to look at the streetlight on the corner of Mill Lane.',
  'The council switchboard is 0115 981 9911 if you need to speak to someone today.',
  'Invoice 100234 for the hall hire has been paid in full.',
  'The meeting is at 7pm on 12 March 2025 in the Arena.',
  'Totals for the quarter were 1,234,567 against a budget of 1,300,000.',
  'Could we move the litter pick to the following weekend because of the forecast?',
  'The bus shelter repairs are now scheduled for the week commencing 3 November.',
  'I will raise the grit bin request with the highways team at our next briefing.',
  'Report 2025/14 on the leisure strategy goes to Cabinet on the 18th.',
  'Many thanks for the photographs of the fly-tipping; I have passed them on.',
  'The parish council has agreed to share the cost of the new noticeboard.',
  'Officers expect the consultation to close at the end of January.',
];

/** Personal details, markings and casework: present, but a minority of sentences. */
const SENSITIVE = [
  'My neighbour Mrs Edith Clarke lives at ## Acacia Avenue, West Bridgford NG2 5AB.',
  'Her number is 07700 900### and she is happy to be contacted.',
  'His National Insurance number is JG 10 37 85 A according to the form.',
  'NHS number 401 023 2137 was quoted on the hospital letter.',
  'OFFICIAL-SENSITIVE: the draft budget is not for publication until Cabinet.',
  'Casework CW-2024-00### is still open with the housing team.',
  'Email me at jane.porter@example.org when you have the figures.',
];

/**
 * People named without a title, a resident's own words and a list of residents: what the name
 * finder, the first-person cues and the people-list recognizer look at. Mixed in only for the
 * bench's "dense with people" rows, which measure those stages at their busiest.
 */
const PEOPLE = [
  'Margaret Okafor, ## Abbey Road, West Bridgford NG2 5AB, 07700 900###.',
  'My name is Tom Hughes, I live at ## Mill Lane and my number is 07700 900###.',
  'I have COPD and my son has autism, so the stairs are a real problem for us.',
  'Name,Address,Phone\nAnne Lee,## Abbey Road NG2 5AB,07700 900###\nRaj Patel,## Mill Lane NG2 6AA,07700 900###\nSue Ward,## Oak Close NG2 7BB,07700 900###',
];

/** '#' in a sentence becomes a random digit, so numbers vary as they do in real mail. */
const PLACEHOLDER = /#/g;

/** One sentence in ten is sensitive: dense enough to exercise every recognizer and the policy. */
const SENSITIVE_SHARE = 0.1;

/** Park–Miller: small, deterministic, good enough to vary text. */
function prng(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

export function councillorText(bytes: number, seed = 1, options: { people?: boolean } = {}): string {
  const next = prng(seed);
  const sensitive = options.people ? [...SENSITIVE, ...PEOPLE] : SENSITIVE;
  const out: string[] = [];
  let length = 0;
  while (length < bytes) {
    const pool = next() < SENSITIVE_SHARE ? sensitive : ROUTINE;
    const sentence = pool[Math.floor(next() * pool.length)]!.replace(PLACEHOLDER, () => String(Math.floor(next() * 10)));
    const joiner = next() < 0.2 ? '\n\n' : ' ';
    out.push(sentence, joiner);
    length += sentence.length + joiner.length;
  }
  return out.join('').slice(0, bytes);
}

/** Inputs that make backtracking patterns take super-linear time. */
export const ADVERSARIAL: ReadonlyArray<{ name: string; make: (bytes: number) => string }> = [
  { name: 'digit run', make: (n) => '1'.repeat(n) },
  { name: 'spaced digits', make: (n) => '1 '.repeat(n / 2) },
  { name: 'spaces and dots', make: (n) => ' .'.repeat(n / 2) },
  { name: 'repeated a@a.', make: (n) => 'a@a.'.repeat(n / 4) },
  { name: 'dashes and digits', make: (n) => '12-'.repeat(n / 3) },
  { name: 'capitalised words', make: (n) => 'Mrs Abc '.repeat(n / 8) },
  { name: 'no newline letters', make: (n) => 'OFFICIAL '.repeat(n / 9) },
  { name: 'postcode-like', make: (n) => 'NG2 7Y'.repeat(n / 6) },
];
