import { performance } from 'node:perf_hooks';
import { loadEngine } from '../lib/pipeline/load-engine.ts';
import { scanMessage } from '../lib/pipeline/scan.ts';
import { councillorText } from './corpus.ts';
const engine = await loadEngine();
const texts = Array.from({ length: 60 }, (_, i) => councillorText(100 * 1024, i + 7));
const mk = (text: string) => ({ channel: 'email', id: 'x', sender: { address: 'a@rushcliffe.gov.uk' }, recipients: [{ address: 'b@example.org', field: 'to' }], subject: '', parts: [{ id: 'body', kind: 'body', label: 'b', text, segments: [{ start: 0, end: text.length, role: 'authored' }] }], unreadable: [], sizeBytes: 0 }) as any;
for (const t of texts.slice(0, 10)) scanMessage(engine, mk(t));
const per: Record<string, number> = {};
let dec = 0;
const t0 = performance.now();
for (const text of texts) {
  const msg = mk(text);
  const findings = [];
  for (const r of engine.detector.recognizers) { const t = performance.now(); findings.push(...r.find(text).map(m => ({...m, type: r.type, category: r.category, partId: 'body', recognizer: r.name}))); per[r.type] = (per[r.type] ?? 0) + performance.now() - t; }
  const t = performance.now(); engine.policy.decide(msg, findings as any); dec += performance.now() - t;
}
const total = performance.now() - t0;
console.log('MB/s', (6 / (total / 1000)).toFixed(1), 'decide ms/MB', (dec / 6).toFixed(1));
for (const [k, v] of Object.entries(per).sort((a, b) => b[1] - a[1])) console.log(k.padEnd(26), (v / 6).toFixed(1), 'ms/MB');
