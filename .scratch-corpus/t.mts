import { makePdf } from '../test/helpers/documents.ts';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const p = makePdf(['Minutes of the ward meeting', 'NI number JG 10 37 85 A']);
for (const cut of [20, 60, 150, 300, 400, p.length - 40]) {
  try {
    const doc = await getDocument({ data: p.slice(0, cut), verbosity: 0 }).promise;
    const page = await doc.getPage(1);
    const tc = await page.getTextContent();
    console.log(cut, 'OK', JSON.stringify(tc.items.map((i: any) => i.str)));
  } catch (e) { console.log(cut, 'ERR', (e as Error).name, (e as Error).message); }
}
