import { makePdf } from '../test/helpers/documents.ts';
process.stdout.write(Buffer.from(makePdf(['Line one (a) \\ b', 'NI number JG 10 37 85 A'])));
