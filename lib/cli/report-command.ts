// `gateway report [--json]`: the governance report over the local gateway's state folder
// (GATEWAY_DATA_DIR, .gateway by default): per week, per rule and the time to review.
import { resolve } from 'node:path';
import { buildReport } from '../report/build.ts';
import { readReportData } from '../report/read-data.ts';
import { reportText } from '../report/text.ts';
import type { Output } from './output.ts';

export async function reportCommand(options: { json: boolean }, out: Output, env: Record<string, string | undefined> = process.env): Promise<number> {
  const dataDir = resolve(env.GATEWAY_DATA_DIR || '.gateway');
  const report = buildReport(await readReportData(dataDir));
  if (options.json) out.print(JSON.stringify(report));
  else for (const line of reportText(report, dataDir)) out.print(line);
  return 0;
}
