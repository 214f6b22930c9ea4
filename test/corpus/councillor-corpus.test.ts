// The councillor corpus: realistic messages, each with the decision the policy must reach.
import { describeLabelledCorpus } from '../helpers/labelled-corpus.ts';

describeLabelledCorpus('councillor corpus', new URL('../fixtures/corpus/', import.meta.url).pathname, { messages: 40, holds: 15, passes: 15 });
