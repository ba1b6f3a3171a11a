// Imported first by main.ts: the OpenTelemetry SDK (when an exporter is
// configured) must start before Nest and node:http load, for the HTTP
// instrumentation to see every request.
import { startTracing } from '@pxxl/observability';

startTracing('projector');
