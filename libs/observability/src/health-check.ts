/** One dependency an app reports on at /health (served by @pxxl/http); the libs that own a connection provide theirs. */
export interface HealthCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}
