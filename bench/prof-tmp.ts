import { performance } from 'node:perf_hooks';
import { loadEngine } from '../lib/pipeline/load-engine.ts';
const engine = await loadEngine();
const base = 'Thank you for coming to the ward surgery on Saturday at the community centre. Residents on Abbey Road have raised concerns about parking near the school. I have asked officers to look at the streetlight on the corner of Mill Lane. The meeting is at 7pm in the Arena and item 4 covers the play area.\n\n';
const text = base.repeat(Math.ceil(1024*1024/base.length));
for (const r of engine.detector.recognizers) r.find(text);
let total = 0;
for (const r of engine.detector.recognizers) {
  let ms = Infinity; let n = 0;
  for (let i = 0; i < 5; i++) { const t = performance.now(); n = r.find(text).length; ms = Math.min(ms, performance.now() - t); }
  total += ms;
  console.log(r.type.padEnd(26), ms.toFixed(0), 'ms', n);
}
console.log('total', total.toFixed(0));
