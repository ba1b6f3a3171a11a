import { ROOT_CONTEXT } from '@opentelemetry/api';
import { contextOf, inSpan, logTraceFields, openSpan, traceparentOf, tracingConfigured, tracingEnabled } from './tracing';

describe('tracing configuration', () => {
  it('is off with no exporter configured', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_SERVICE_NAME: 'key-service' })).toBe(false);
  });

  it('is on with an OTLP endpoint or a named exporter', () => {
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://jaeger:4318/v1/traces' })).toBe(true);
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
  });

  it('stays off when the exporter is none or the SDK is disabled, whatever the endpoint', () => {
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318' })).toBe(false);
    expect(tracingConfigured({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318' })).toBe(false);
  });
});

describe('tracing off', () => {
  it('runs the work as it is, and has nothing to store, send or log', async () => {
    expect(tracingEnabled()).toBe(false);
    await expect(inSpan('append', async (span) => span ?? 'untraced')).resolves.toBe('untraced');
    expect(traceparentOf()).toBeUndefined();
    expect(openSpan('publish')).toBeUndefined();
    expect(logTraceFields()).toBeUndefined();
    expect(contextOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(ROOT_CONTEXT);
  });
});
