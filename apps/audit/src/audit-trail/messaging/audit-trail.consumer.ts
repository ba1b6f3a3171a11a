import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { describeEvent } from '@pxxl/contracts';
import { KafkaClient, startKeyEventConsumer } from '@pxxl/kafka';
import { METRICS, type Metrics } from '@pxxl/observability';
import { AuditTrailWriter } from '../commands/record-entry/audit-trail.writer';
import { CheckpointSchedule } from '../commands/take-checkpoint/checkpoint.schedule';

export const AUDIT_GROUP_ID = 'AUDIT_GROUP_ID';

/** Records every key lifecycle event in the audit trail, in its own consumer group; a review's sign-off also takes a checkpoint. */
@Injectable()
export class AuditTrailConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditTrailConsumer.name);

  constructor(
    private readonly kafka: KafkaClient,
    private readonly writer: AuditTrailWriter,
    private readonly checkpoints: CheckpointSchedule,
    @Inject(AUDIT_GROUP_ID) private readonly groupId: string,
    @Optional() @Inject(METRICS) private readonly metrics?: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const written = this.metrics?.counter('auditEntries');
    await startKeyEventConsumer(this.kafka, {
      groupId: this.groupId,
      traceAs: 'audit',
      metrics: this.metrics && { registry: this.metrics, applyDuration: 'auditApply' },
      handle: async (event, source) => {
        const outcome = await this.writer.record(event, source);
        if (outcome === 'recorded') written?.inc();
        if (outcome === 'recorded' && event.type === 'ReviewSignedOff') await this.checkpoints.afterSignOff();
        this.logger.debug({ msg: `${outcome}: ${describeEvent(event)}` });
      },
    });
  }
}
