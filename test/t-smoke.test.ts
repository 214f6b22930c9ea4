import { it } from 'vitest';
import { start, newDataDir, send, outbox, decisions, NINO_TEXT } from './local/gateway-harness.ts';
it('smoke', async () => {
  const dir = await newDataDir();
  const { gateway, logs } = await start(dir);
  await send(gateway.smtpPort, { text: 'Hello there' });
  await send(gateway.smtpPort, { text: NINO_TEXT, subject: 'Claim' });
  const items = await outbox(dir);
  for (const i of items) console.log(i.envelope, i.raw.toString().slice(0, 3000));
  console.log(await decisions(dir), logs);
  await gateway.stop();
});
