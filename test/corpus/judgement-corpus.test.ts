// The judgement corpus: real public material (agendas, minutes, guidance, decisions) wrapped as a
// councillor's outbound mail, each with the decision the policy must reach. These cases turn on
// context: who wrote a quoted block, whether a marking is applied or only talked about, whether
// contact details belong to a person, a list of people or a venue.
import { describeLabelledCorpus } from '../helpers/labelled-corpus.ts';

describeLabelledCorpus('judgement corpus', new URL('../fixtures/judgement/', import.meta.url).pathname, { messages: 90, holds: 35, passes: 35 });
