import { describe, expect, it } from 'vitest';
import { createSpecialCategory } from '../../../lib/detect/recognizers/special-category.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createSpecialCategory(shippedSettings('special-category'));

/** Each match as "class: matched text". */
function found(text: string): string[] {
  return recognizer.find(text).map((m) => `${m.explanation.note}: ${text.slice(m.start, m.end)}`);
}

describe('special-category', () => {
  it.each<[string, string[]]>([
    // Next to a person: pronouns, titles, relations, roles.
    ["Mr Patel's son has dementia", ['health: dementia']],
    ['His daughter is pregnant', ['health: pregnant']],
    ['He was sectioned last year', ['health: sectioned']],
    ['The tenant has a learning disability', ['health: learning disability']],
    ['Their son is autistic', ['health: autistic']],
    ['The resident is a Bangladeshi widow', ['ethnicity: Bangladeshi']],
    ['She is a practising Muslim', ['religion: Muslim']],
    ['Mrs Cohen is Jewish', ['religion: Jewish']],
    ['My constituent is gay', ['sexual-life: gay']],
    ['Her partner is transgender', ['sexual-life: transgender']],
    ['He is a member of Unison', ['trade-union: member of Unison']],
    ['Her husband is the union rep at the depot', ['trade-union: union rep']],
    ['She was arrested for shoplifting', ['criminal: arrested', 'criminal: shoplifting']],
    ['The neighbour is on probation', ['criminal: on probation']],
    ['He was arrested last week', ['criminal: arrested']],
    ['MENTAL HEALTH problems, she says', ['health: MENTAL HEALTH']],
    // Services and organisations, with or without a person near.
    ['The mental health service is holding a drop-in at the library.', []],
    ['She was referred to the mental health service.', []],
    ['The Trade Union Congress meets in Brighton this year.', []],
    ['She spoke at the Trade Union Congress.', []],
    ["St Mary's Church hall is booked for the ward surgery.", []],
    ['He works as a mental health nurse.', []],
    ['Cancer Research UK is holding a fun run; she is organising it.', []],
    ['She parked in the disabled bay outside the library.', []],
    ['He chairs the Muslim Council of Britain.', []],
    ['She is running a stall for Mental Health Awareness Week.', []],
    // No person near: the word is about a service, a place or a topic.
    ['Dementia rates are rising across the borough.', []],
    ['The report on shoplifting in the town centre is attached.', []],
    [`She came to the surgery. ${'The agenda is long and covers much business. '.repeat(2)}Diabetes`, []],
    // Words that merely contain a term.
    ['The cancerous growth of paperwork, she said', []],
  ])('%j → %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('explains a finding by its class and the person word, never the term itself', () => {
    const [match] = recognizer.find('Mrs Clarke has dementia');
    expect(match?.explanation).toEqual({ pattern: 'special-category-term', baseScore: 0.4, contextWord: 'mrs', note: 'health' });
    expect(match?.score).toBeGreaterThanOrEqual(0.5);
    expect(JSON.stringify(match?.explanation)).not.toContain('dementia');
  });

  it('reads its terms and organisation words from the options', () => {
    const local = createSpecialCategory(
      shippedSettings('special-category', {
        options: { terms: { health: ['gout'] }, organisationWords: ['clinic'] },
      }),
    );
    expect(local.find('He has gout').map((m) => m.explanation.note)).toEqual(['health']);
    expect(local.find('He runs the gout clinic')).toEqual([]);
    expect(local.find('He has dementia')).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no terms', { organisationWords: [] }],
    ['an unknown class', { terms: { politics: ['Labour'] } }],
    ['a term that is not text', { terms: { health: [42] } }],
    ['an unknown option', { terms: {}, words: [] }],
  ])('rejects %s', (_name, options) => {
    expect(() => createSpecialCategory(shippedSettings('special-category', { options }))).toThrow(RuleError);
  });

  it.each([
    ...adversarialInputs('she'),
    ['a megabyte of spaces and dots', ' .'.repeat(1 << 19)],
    ['terms and pronouns repeated', 'she has dementia '.repeat(50_000)],
    ['terms followed by long words', `dementia ${'x'.repeat(200_000)}`],
  ])('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
