// Personal details planted in a message by the tests that check none of them leaves the message
// store: every value here must be absent from logs, records, notices and errors.

export const PLANTED = {
  nino: 'JG 10 37 85 A',
  ninoCompact: 'JG103785A',
  nhs: '943 476 5919',
  phone: '07700 900123',
  email: 'edith.clarke@example.net',
  postcode: 'NG2 5AB',
  dob: '14/03/1951',
  card: '4111 1111 1111 1111',
  sortCode: '20-00-00',
  account: '55779911',
  name: 'Edith Clarke',
  street: '14 Acacia Avenue',
};

/** A message body carrying every planted value, each where a recognizer finds it. */
export const PLANTED_BODY = [
  `My neighbour Mrs ${PLANTED.name} lives at ${PLANTED.street}, West Bridgford ${PLANTED.postcode} and her number is ${PLANTED.phone}; her email is ${PLANTED.email}.`,
  `Her National Insurance number is ${PLANTED.nino} and her date of birth is ${PLANTED.dob}.`,
  `NHS number ${PLANTED.nhs} (patient at the surgery).`,
  `Bank details: sort code ${PLANTED.sortCode}, account number ${PLANTED.account}. Card ${PLANTED.card}.`,
].join('\n');
