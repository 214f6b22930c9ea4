// Notifier on SNS: the IG alert topic. The message is the notice itself as JSON (record-safe: the
// decision record and a one-line summary); the subject names the kind and the hold reference so
// an email subscription reads well; a "kind" attribute lets subscribers filter.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { IgNotice, Notifier } from '../../ports/notifier.ts';
import { always, type Once } from './once.ts';

const SUBJECTS: Record<IgNotice['kind'], string> = {
  held: 'Message held',
  'processing-error': 'Message held: could not be checked',
  'sent-before-review': 'Sent before review',
  overridden: 'Override used',
};

export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    private readonly once: Once = always,
  ) {}

  async notify(notice: IgNotice): Promise<void> {
    await this.once(`notify:${notice.reference}`, () =>
      this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          // SNS subjects: ASCII, at most 100 characters; the reference is both.
          Subject: `${SUBJECTS[notice.kind]} ${notice.reference}`,
          Message: JSON.stringify(notice),
          MessageAttributes: { kind: { DataType: 'String', StringValue: notice.kind } },
        }),
      ),
    );
  }
}
