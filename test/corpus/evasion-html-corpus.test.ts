// HTML read as it renders, header lines a client shows, and MIME that readers disagree about:
// each case in test/fixtures/evasion-html/ through the real pipeline with the shipped rules.
import { describeLabelledCorpus } from '../helpers/labelled-corpus.ts';

describeLabelledCorpus('HTML, header and MIME evasion corpus', new URL('../fixtures/evasion-html/', import.meta.url).pathname, { messages: 55, holds: 45, passes: 6 });
