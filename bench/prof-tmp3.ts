import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
const ws = ['0115 981 9911', '07700 900123', '0115 496 0123', '+44 7700 900123', '01159819911', '0033 1 42 68 53 00'];
for (const w of ws) { const h = findPhoneNumbersInText(w, { defaultCountry: 'GB', extended: true }).find(n => n.startsAt === 0); const p = parsePhoneNumberFromString(w, 'GB'); console.log(w, h?.endsAt, h?.number.isValid(), p?.isPossible(), p?.isValid(), p?.number); }
let t = performance.now(); for (let i = 0; i < 20000; i++) findPhoneNumbersInText(ws[i % 6]!, { defaultCountry: 'GB', extended: true }).map(n => n.number.isValid()); console.log('find', (performance.now() - t) / 20000 * 1000, 'us');
t = performance.now(); for (let i = 0; i < 20000; i++) { const p = parsePhoneNumberFromString(ws[i % 6]!, 'GB'); p?.isPossible(); p?.isValid(); } console.log('parse', (performance.now() - t) / 20000 * 1000, 'us');
