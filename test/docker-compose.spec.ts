import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadAuditConfig } from '../apps/audit/src/audit.config';
import { loadKeyServiceConfig } from '../apps/key-service/src/key-service.config';
import { loadProjectorConfig } from '../apps/projector/src/projector.config';

/** Docker does not run on our machines, so the compose file is checked by reading it. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true });
  const apps = {
    'key-service': { load: loadKeyServiceConfig, entry: 'dist/apps/key-service/src/main.js' },
    projector: { load: loadProjectorConfig, entry: 'dist/apps/projector/src/main.js' },
    audit: { load: loadAuditConfig, entry: 'dist/apps/audit/src/main.js' },
  };

  it('runs MongoDB 7 as a replica set and Kafka in KRaft mode', () => {
    expect(compose.services.mongo.image).toBe('mongo:7');
    expect(compose.services.mongo.command).toContain('--replSet');
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it.each(Object.entries(apps))('gives %s every setting its config requires, valid', (name, app) => {
    const service = compose.services[name];
    expect(service.command).toEqual(['node', '--max-semi-space-size=4', app.entry]);
    const env = Object.fromEntries(Object.entries(service.environment).map(([k, v]) => [k, String(v)]));
    expect(() => app.load(env)).not.toThrow();
    expect(service.depends_on).toMatchObject({ mongo: { condition: 'service_healthy' }, kafka: { condition: 'service_healthy' } });
  });

  it('adds Prometheus under the observability profile, scraping every app with the shipped rules', () => {
    const prometheus = compose.services.prometheus;
    expect(prometheus.profiles).toEqual(['observability']);
    expect(prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    const config = parse(readFileSync(join(__dirname, '..', 'deploy/prometheus/prometheus.yml'), 'utf8'));
    expect(config.rule_files).toEqual(['alerts.yml']);
    const ports = Object.keys(apps).map((name) => `${name}:${compose.services[name].environment.PORT}`);
    expect(config.scrape_configs[0].static_configs[0].targets).toEqual(ports);
  });

  it('adds Jaeger under the same profile, its OTLP receiver for the apps, tracing off unless the endpoint is given', () => {
    const jaeger = compose.services.jaeger;
    expect(jaeger.profiles).toEqual(['observability']);
    expect(jaeger.image).toBe('jaegertracing/jaeger:2.13.0');
    expect(jaeger.ports).toEqual(['16686:16686', '4318:4318']);
    for (const name of Object.keys(apps)) expect(compose.services[name].environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('${OTEL_EXPORTER_OTLP_ENDPOINT:-}');
  });
});
