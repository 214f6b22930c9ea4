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
    // Common conditions, next to a person.
    ['Her son has asthma and the damp makes it worse', ['health: asthma']],
    ['He has COPD and cannot manage the stairs', ['health: COPD']],
    ['My constituent is diabetic', ['health: diabetic']],
    ['His wife has type 2 diabetes', ['health: type 2 diabetes']],
    ["Her mother has Alzheimer's", ['health: Alzheimer']],
    ['Their daughter has epilepsy', ['health: epilepsy']],
    ['He is having treatment for cancer', ['health: cancer']],
    ['She had a stroke in March', ['health: stroke']],
    ['Since his stroke he cannot climb the stairs', ['health: stroke']],
    ['She suffers from anxiety and depression', ['health: suffers from anxiety', 'health: depression']],
    ['Anxiety and depression, her GP says', ['health: Anxiety and depression']],
    ['Her husband has MS and uses a wheelchair', ['health: has MS']],
    ['He was diagnosed with multiple sclerosis', ['health: multiple sclerosis']],
    ["Her father has Parkinson's", ['health: Parkinson']],
    ['He is HIV positive', ['health: HIV']],
    ['The tenant has schizophrenia', ['health: schizophrenia']],
    ['She is bipolar', ['health: bipolar']],
    ['Her son has learning difficulties', ['health: learning difficulties']],
    ['Their son has cerebral palsy', ['health: cerebral palsy']],
    ['She has PTSD after the fire', ['health: PTSD']],
    ['He is registered blind', ['health: registered blind']],
    ['she has copd', ['health: copd']],
    // The same words saying something else.
    ['Ms Patel sent an MS Teams invite for Tuesday', []],
    ['She attached the MS Word version', []],
    ['Meeting with Ms Khan about her garden wall', []],
    ['MS JANE SMITH, 14 HIGH STREET', []],
    ['She says the council cut the service at a stroke', []],
    ['He said it was a stroke of luck that nobody was hurt', []],
    ['She reported a depression in the road outside her house', []],
    ['He is organising a cancer research fundraiser', []],
    ['She is running the Macmillan Cancer Support coffee morning', []],
    ['Her complaints fell on deaf ears', []],
    ['He said the blind bend outside his house is dangerous', []],
    // Council business that uses the same words: highways, licensing, pest control, IT,
    // trading standards, friendly-places schemes, places of worship.
    ['She asked for a depressed kerb outside her house', []],
    ['He applied to sell alcoholic drinks at the fete', []],
    ['She reported an Asian hornet nest in her garden', []],
    ['Her account has been disabled until she resets the password', []],
    ['He disabled the alarm at the pavilion', []],
    ['The path was sectioned off while they repaired it', []],
    ['Trading standards made seizures of illegal tobacco at his shop', []],
    ['She runs the dementia-friendly café on Fridays', []],
    ['He is organising an autism friendly screening', []],
    ['She visited the Sikh temple with the mayor', []],
    ['He has seizures at night', ['health: has seizures']],
    ['The resident was sectioned under the Mental Health Act', ['health: sectioned']],
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

  it.each<[string, string]>([
    // plymouth.gov.uk, Equality Impact Assessments page.
    [
      'plymouth',
      "Equalities Impact Assessments are intended to make sure that policies don't adversely discriminate against any equality group (based on age, disability, gender, race, faith or sexual orientation). They do this by identifying issues of concern.",
    ],
    // nottinghamshire.gov.uk, Equality Impact Assessments (EqIAs): the list of protected characteristics.
    [
      'nottinghamshire',
      'Protected characteristics are:\n- age\n- disability\n- gender reassignment\n- pregnancy and maternity\n- race (includes ethnic or national origins, colour or nationality)\n- religion or belief (this includes lack of belief)\n- sex\n- sexual orientation.\nThey must be considered.',
    ],
    // The special categories named in a privacy notice under a signature.
    [
      'privacy notice',
      'We may hold special category data about residents and their families, such as racial or ethnic origin, religious beliefs, trade union membership, health or sexual orientation.',
    ],
  ])('records a list of category names (%s) as a mention, not a fact about anyone', (_source, text) => {
    const matches = recognizer.find(text);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => m.mention === true)).toBe(true);
  });

  it.each<string>([
    'Given his age, his health and his disability, he cannot manage the stairs.',
    'She is 84, her health is poor and she has dementia.',
  ])('still counts facts that name a category or two: %j', (text) => {
    const matches = recognizer.find(text);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.some((m) => m.mention)).toBe(false);
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

  it('matches a term written with matchCase only in that case', () => {
    const local = createSpecialCategory(
      shippedSettings('special-category', { options: { terms: { health: [{ term: 'has ME', matchCase: true }, 'gout'] } } }),
    );
    expect(local.find('She has ME and gout').map((m) => m.explanation.note)).toEqual(['health', 'health']);
    expect(local.find('She has me on speed dial')).toEqual([]);
  });

  it('does not count a term inside one of the notTerms phrases', () => {
    const local = createSpecialCategory(
      shippedSettings('special-category', { options: { terms: { health: ['gout'] }, notTerms: ['gout of water'] } }),
    );
    const text = 'She saw a gout of water, he has gout';
    expect(local.find(text).map((m) => m.start)).toEqual([text.lastIndexOf('gout')]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no terms', { organisationWords: [] }],
    ['a term object without its term', { terms: { health: [{ matchCase: true }] } }],
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
    ['terms inside everyday phrases', 'she cut it at a stroke; a depression in the road '.repeat(20_000)],
    ['case-checked terms in the wrong case', 'with Ms Khan, has ms '.repeat(50_000)],
  ])('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
