import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { describeEvent } from '@pxxl/contracts';
import { KafkaClient, startKeyEventConsumer } from '@pxxl/kafka';
import { AuditTrailWriter } from '../commands/record-entry/audit-trail.writer';

export const AUDIT_GROUP_ID = 'AUDIT_GROUP_ID';

/** Records every key lifecycle event in the audit trail, in its own consumer group. */
@Injectable()
export class AuditTrailConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditTrailConsumer.name);

  constructor(
    private readonly kafka: KafkaClient,
    private readonly writer: AuditTrailWriter,
    @Inject(AUDIT_GROUP_ID) private readonly groupId: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await startKeyEventConsumer(this.kafka, {
      groupId: this.groupId,
      handle: async (event, source) => {
        const outcome = await this.writer.record(event, source);
        this.logger.debug({ msg: `${outcome}: ${describeEvent(event)}` });
      },
    });
  }
}
