// The CDK app (cdk.json runs it with `npx tsx infra/app.ts`): the gateway stack from the settings
// in cdk.json and the command line, checked by cdk-nag as it is synthesised.
import { createGatewayApp } from './create-app.ts';

createGatewayApp().app.synth();
