import { Logger } from '@nestjs/common';
import { logLevel, type LogEntry } from 'kafkajs';

/** Routes kafkajs logs into the app's JSON logger; its INFO chatter becomes debug. */
export function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return () =>
    ({ level, namespace, log }: LogEntry) => {
      const { message, ...extra } = log;
      const entry = { msg: `${namespace}: ${message}`, ...pickSafe(extra) };
      if (level === logLevel.ERROR) logger.error(entry);
      else if (level === logLevel.WARN) logger.warn(entry);
      else if (level === logLevel.INFO) logger.debug(entry);
    };
}

// kafkajs log payloads are metadata (broker, groupId, error text); drop anything bulky.
function pickSafe(extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['broker', 'groupId', 'topic', 'error', 'retryCount', 'retryTime', 'memberId']) {
    if (extra[key] !== undefined) out[key] = extra[key];
  }
  return out;
}
