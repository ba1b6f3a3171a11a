import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Link, type Span } from '@opentelemetry/api';

/**
 * Tracing with the OpenTelemetry JS SDK, configured by the standard OTEL_*
 * variables. Off unless an exporter is configured: then no SDK is loaded,
 * and every helper here is a plain call of its function (one boolean test).
 */
let enabled = false;
let started: TracingHandle | undefined;

export interface TracingHandle {
  /** Flushes the spans still buffered and stops the SDK. */
  shutdown(): Promise<void>;
}

/** true when the environment names a trace exporter (and does not switch the SDK off). */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (exporters.length > 0) return !exporters.every((name) => name === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** true once startTracing started the SDK in this process. */
export function tracingEnabled(): boolean {
  return enabled;
}

/** Paths no one needs a trace of: scrapes and probes, every few seconds. */
const UNTRACED = /^\/(metrics|health)(\/|\?|$)/;

/**
 * Starts the SDK when an exporter is configured; call it before Nest and
 * node:http load (each app's main), so the HTTP instrumentation sees every
 * request. The service name is OTEL_SERVICE_NAME, else `serviceName`.
 * Only traces: metrics are Prometheus' (/metrics), logs are JSON lines.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): TracingHandle | undefined {
  if (enabled || !tracingConfigured(env)) return undefined;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  // Loaded only now: with tracing off not one SDK module is read.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || serviceName,
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => UNTRACED.test(request.url ?? ''), disableOutgoingRequestInstrumentation: true })],
  });
  sdk.start();
  enabled = true;
  started = {
    shutdown: async () => {
      enabled = false;
      started = undefined;
      await sdk.shutdown();
    },
  };
  return started;
}

/** Exports the spans still batched and stops the SDK, when startTracing started it (at the app's shutdown). */
export async function stopTracing(): Promise<void> {
  await started?.shutdown();
}

const tracer = () => trace.getTracer('pxxl-keys');

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Record<string, string | number | boolean>;
  /** The parent, when it is not the active context (a message's, a stored event's). */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `fn` in a span of that name, child of the active span (or of
 * `options.parent`): ended when `fn` settles, marked as an error when it
 * throws. With tracing off, just `fn()`.
 */
export function inSpan<T>(name: string, fn: (span?: Span) => Promise<T>, options: SpanOptions = {}): Promise<T> {
  if (!enabled) return fn();
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The same for synchronous work. */
export function inSpanSync<T>(name: string, fn: () => T, options: SpanOptions = {}): T {
  if (!enabled) return fn();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, options.parent ?? context.active(), (span) => {
    try {
      return fn();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span left open across callbacks (a send of many messages, each its own span). */
export interface OpenSpan {
  /** Its W3C `traceparent`, for the message it goes with. */
  readonly traceparent: string | undefined;
  end(error?: unknown): void;
}

/** Starts a span that the caller ends; undefined with tracing off. */
export function openSpan(name: string, options: SpanOptions = {}): OpenSpan | undefined {
  if (!enabled) return undefined;
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links }, options.parent ?? context.active());
  return {
    traceparent: traceparentOf(trace.setSpan(ROOT_CONTEXT, span)),
    end(error?: unknown) {
      if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
    },
  };
}

/** The W3C `traceparent` of the active span (or of `ctx`), to store or send on; undefined when tracing is off or nothing is traced. */
export function traceparentOf(ctx?: Context): string | undefined {
  if (!enabled) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(ctx ?? context.active(), carrier);
  return carrier.traceparent;
}

/** The context a `traceparent` (stored, or from a message header) continues; the root context when there is none. */
export function contextOf(traceparent: string | undefined): Context {
  if (!enabled || !traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** `trace_id` and `span_id` of the active span, for a log line; undefined when nothing is traced. */
export function logTraceFields(): { trace_id: string; span_id: string } | undefined {
  if (!enabled) return undefined;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const spanContext = span.spanContext();
  return trace.isSpanContextValid(spanContext) ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : undefined;
}

/** Names the active HTTP server span by route template (the instrumentation knows only the method). */
export function nameActiveRequestSpan(method: string, route: string): void {
  if (!enabled) return;
  const span = trace.getActiveSpan();
  span?.updateName(`${method} ${route}`);
  span?.setAttribute('http.route', route);
}

export { SpanKind };
