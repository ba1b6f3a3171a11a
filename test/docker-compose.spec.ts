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

  const mongos = ['mongo-1', 'mongo-2', 'mongo-3'];
  const brokers = ['kafka-1', 'kafka-2', 'kafka-3'];

  it('runs MongoDB 7 as a three-member replica set that the first member initiates with all three', () => {
    for (const name of mongos) {
      expect([name, compose.services[name].image, compose.services[name].command]).toEqual([name, 'mongo:7', ['--replSet', 'rs0', '--bind_ip_all']]);
    }
    const check = compose.services['mongo-1'].healthcheck.test.join(' ');
    expect(check).toContain("rs.initiate({_id: 'rs0'");
    for (const name of mongos) expect(check).toContain(`host: '${name}:27017'`);
    expect(check).toContain("stateStr === 'PRIMARY'");
  });

  it('runs Kafka as three KRaft nodes that know each other, keeping 3 copies of every topic and needing 2 for a write', () => {
    const envs = brokers.map((name) => compose.services[name].environment);
    expect(envs.map((env) => env.KAFKA_NODE_ID)).toEqual([1, 2, 3]);
    expect(envs.map((env) => env.KAFKA_ADVERTISED_LISTENERS)).toEqual(brokers.map((name) => `PLAINTEXT://${name}:9092`));
    for (const env of envs) {
      expect(env).toMatchObject({
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093',
        KAFKA_DEFAULT_REPLICATION_FACTOR: 3,
        KAFKA_MIN_INSYNC_REPLICAS: 2,
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 3,
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: 3,
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: 2,
      });
      // One cluster: every node formats its storage with the same id, a valid Kafka UUID (16 bytes, base64url).
      expect(env.CLUSTER_ID).toBe(envs[0].CLUSTER_ID);
      expect(Buffer.from(env.CLUSTER_ID, 'base64url')).toHaveLength(16);
    }
  });

  it('points every app at all three brokers and the whole replica set, with majority write and read concerns', () => {
    for (const name of Object.keys(apps)) {
      const env = compose.services[name].environment;
      expect(env.KAFKA_BROKERS).toBe(brokers.map((b) => `${b}:9092`).join(','));
      expect(env.MONGODB_URI).toBe(`mongodb://${mongos.map((m) => `${m}:27017`).join(',')}/pxxl_keys?replicaSet=rs0`);
      expect([env.MONGODB_WRITE_CONCERN, env.MONGODB_READ_CONCERN]).toEqual(['majority', 'majority']);
    }
  });

  it.each(Object.entries(apps))('gives %s every setting its config requires, valid', (name, app) => {
    const service = compose.services[name];
    expect(service.command).toEqual(['node', '--max-semi-space-size=4', app.entry]);
    const env = Object.fromEntries(Object.entries(service.environment).map(([k, v]) => [k, String(v)]));
    expect(() => app.load(env)).not.toThrow();
    const healthy = { condition: 'service_healthy' };
    expect(service.depends_on).toEqual({ 'mongo-1': healthy, 'kafka-1': healthy, 'kafka-2': healthy, 'kafka-3': healthy });
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
