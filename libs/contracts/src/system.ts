export interface HealthResponse {
  status: 'ok';
}

export interface ReadyResponse {
  status: 'ready' | 'not-ready';
  database: 'up' | 'down';
  pendingMigrations: string[];
}
