import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { SessionResponse, SignUpRequest } from '@fieldbook/contracts';
import type { Server } from 'node:http';
import { Pool } from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { appDatabaseUrl } from '../src/database/database-setup';

export interface TestApp {
  app: INestApplication;
  http: Server;
  config: AppConfig;
  /** Owner connection for assertions and test setup; bypasses nothing the test relies on. */
  owner: Pool;
  appUrl: string;
  close(): Promise<void>;
}

export function ownerUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: the API suite runs through jest globalSetup.');
  return url;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // Workers and schedules run only where a suite asks for them (APP_ROLES), so other suites see no background work.
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent', SEED_DEMO: 'false', PUBLIC_URL: 'http://fieldbook.test', APP_ROLES: 'api', ...env });
  const appUrl = appDatabaseUrl(ownerUrl(), config.database);
  const { app } = await createApp(config, appUrl, { serveApps: false });
  await app.init();
  const owner = new Pool({ connectionString: ownerUrl(), max: 2 });
  return {
    app,
    http: app.getHttpServer() as Server,
    config,
    owner,
    appUrl,
    close: async () => {
      await app.close();
      await owner.end();
    },
  };
}

/** A browser-like client: keeps cookies and echoes the CSRF token on writes, as the Angular apps do. */
export class Client {
  private constructor(
    readonly agent: TestAgent,
    readonly csrfToken: string,
  ) {}

  static async create(http: Server, headers: Record<string, string> = {}): Promise<Client> {
    const agent = request.agent(http);
    for (const [name, value] of Object.entries(headers)) agent.set(name, value);
    const res = await agent.get('/api/auth/csrf').expect(200);
    return new Client(agent, res.body.token);
  }

  get(url: string) {
    return this.agent.get(url);
  }
  post(url: string, body?: object) {
    return this.agent.post(url).set('X-XSRF-TOKEN', this.csrfToken).send(body);
  }
  patch(url: string, body?: object) {
    return this.agent.patch(url).set('X-XSRF-TOKEN', this.csrfToken).send(body);
  }
  put(url: string, body?: object) {
    return this.agent.put(url).set('X-XSRF-TOKEN', this.csrfToken).send(body);
  }
  delete(url: string) {
    return this.agent.delete(url).set('X-XSRF-TOKEN', this.csrfToken);
  }
}

export const STRONG_PASSWORD = 'correct-staple-horse-7391';

export function aSignUp(overrides: Partial<SignUpRequest> = {}): SignUpRequest {
  const id = randomUUID().slice(0, 8);
  return { organizationName: `Acme Appliance Repair ${id}`, name: 'Robin Park', email: `owner-${id}@example.test`, password: STRONG_PASSWORD, ...overrides };
}

export interface SignedUp {
  client: Client;
  session: SessionResponse;
  organizationId: string;
  productionId: string;
  sandboxId: string;
  email: string;
}

/** Signs up a new organization and returns a client signed in as its owner. */
export async function signUpOrganization(http: Server, overrides: Partial<SignUpRequest> = {}): Promise<SignedUp> {
  const client = await Client.create(http);
  const body = aSignUp(overrides);
  const res = await client.post('/api/auth/sign-up', body).expect(201);
  const session = res.body as SessionResponse;
  const organization = session.organizations[0]!;
  const environment = (kind: string) => organization.environments.find((candidate) => candidate.kind === kind)!.id;
  return { client, session, organizationId: organization.id, productionId: environment('production'), sandboxId: environment('sandbox'), email: body.email };
}

/** Invites `email` with `role` as `inviter` and accepts as a new admin; returns the new admin's client. */
export async function addMember(http: Server, inviter: SignedUp, role: 'owner' | 'admin' | 'dispatcher'): Promise<{ client: Client; adminUserId: string; email: string }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const invitation = await inviter.client.post(`/api/organizations/${inviter.organizationId}/invitations`, { email, role }).expect(201);
  const token = String(invitation.body.acceptUrl).split('/').pop();
  const client = await Client.create(http);
  const accepted = await client.post(`/api/invitations/${token}/accept`, { name: `A ${role}`, password: STRONG_PASSWORD }).expect(200);
  return { client, adminUserId: accepted.body.user.id, email };
}
